"""Writes optimizer_reference.json: parameter values after each step of PyTorch's optimizers.

Each case starts from the same parameter and feeds the optimizer the same fixed gradient
sequence, so the engine's SGD, momentum, Nesterov, Adam, Adagrad and Adadelta updates can be
compared with PyTorch's step by step. Everything is float32.

Adagrad and Adadelta cases also record the optimizer state after the last step under
"final_state", keyed by PyTorch's state names ("sum", "square_avg", "acc_delta"), which the
engine uses too.

Rerun from the repository top with a Python that has torch installed:
    python Tests/EngineTests/Fixtures/make_optimizer_reference.py
"""

import json
import pathlib

import torch

STEPS = 5
SHAPE = (2, 3)

CASES = [
    ("sgd", "sgd", dict(lr=0.1)),
    ("sgd_momentum", "sgd", dict(lr=0.1, momentum=0.9)),
    ("sgd_nesterov", "sgd", dict(lr=0.1, momentum=0.9, nesterov=True)),
    ("sgd_weight_decay", "sgd", dict(lr=0.1, momentum=0.5, weight_decay=0.01)),
    ("adam", "adam", dict(lr=0.01)),
    ("adam_custom", "adam", dict(lr=0.05, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)),
    ("adagrad", "adagrad", dict(lr=0.1)),
    ("adagrad_custom", "adagrad",
     dict(lr=0.1, lr_decay=0.05, weight_decay=0.1, initial_accumulator_value=0.2, eps=1e-8)),
    ("adadelta", "adadelta", dict(lr=1.0)),
    ("adadelta_custom", "adadelta", dict(lr=0.5, rho=0.8, eps=1e-4, weight_decay=0.1)),
    # A large epsilon makes its placement (inside or after the square root) visible.
    ("adagrad_large_eps", "adagrad", dict(lr=0.5, eps=0.5)),
    ("adadelta_large_eps", "adadelta", dict(lr=1.0, rho=0.5, eps=0.1)),
]

OPTIMIZERS = {
    "sgd": torch.optim.SGD,
    "adam": torch.optim.Adam,
    "adagrad": torch.optim.Adagrad,
    "adadelta": torch.optim.Adadelta,
}

# The state tensors recorded after the last step, by optimizer kind.
STATE_NAMES = {"adagrad": ["sum"], "adadelta": ["square_avg", "acc_delta"]}


def fixed_values(seed, shape):
    generator = torch.Generator().manual_seed(seed)
    return (torch.rand(shape, generator=generator, dtype=torch.float32) * 4 - 2)


def main():
    initial = fixed_values(0, SHAPE)
    gradients = [fixed_values(step + 1, SHAPE) for step in range(STEPS)]
    cases = []
    for name, kind, options in CASES:
        parameter = torch.nn.Parameter(initial.clone())
        optimizer = OPTIMIZERS[kind]([parameter], **options)
        after = []
        for gradient in gradients:
            parameter.grad = gradient.clone()
            optimizer.step()
            after.append([float(v) for v in parameter.detach().flatten()])
        case = {"name": name, "optimizer": kind,
                "options": {k: (list(v) if isinstance(v, tuple) else v)
                            for k, v in options.items()},
                "after_each_step": after}
        if kind in STATE_NAMES:
            state = optimizer.state[parameter]
            case["final_state"] = {key: [float(v) for v in state[key].flatten()]
                                   for key in STATE_NAMES[kind]}
        cases.append(case)
    out = {
        "generator": "Tests/EngineTests/Fixtures/make_optimizer_reference.py",
        "torch_version": torch.__version__,
        "shape": list(SHAPE),
        "initial": [float(v) for v in initial.flatten()],
        "gradients": [[float(v) for v in g.flatten()] for g in gradients],
        "cases": cases,
    }
    path = pathlib.Path(__file__).with_name("optimizer_reference.json")
    path.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
