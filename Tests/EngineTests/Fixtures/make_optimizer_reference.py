"""Writes optimizer_reference.json: parameter values after each step of PyTorch's optimizers.

Each case starts from the same parameter and feeds the optimizer the same fixed gradient
sequence, so the engine's SGD, momentum, Nesterov and Adam updates can be compared with
PyTorch's step by step. Everything is float32.

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
]


def fixed_values(seed, shape):
    generator = torch.Generator().manual_seed(seed)
    return (torch.rand(shape, generator=generator, dtype=torch.float32) * 4 - 2)


def main():
    initial = fixed_values(0, SHAPE)
    gradients = [fixed_values(step + 1, SHAPE) for step in range(STEPS)]
    cases = []
    for name, kind, options in CASES:
        parameter = torch.nn.Parameter(initial.clone())
        if kind == "sgd":
            optimizer = torch.optim.SGD([parameter], **options)
        else:
            optimizer = torch.optim.Adam([parameter], **options)
        after = []
        for gradient in gradients:
            parameter.grad = gradient.clone()
            optimizer.step()
            after.append([float(v) for v in parameter.detach().flatten()])
        cases.append({"name": name, "optimizer": kind,
                      "options": {k: (list(v) if isinstance(v, tuple) else v)
                                  for k, v in options.items()},
                      "after_each_step": after})
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
