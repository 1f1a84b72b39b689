"""Writes batchnorm_reference.json: PyTorch's batch normalization, step by step.

Each case builds an nn.BatchNorm1d or nn.BatchNorm2d, sets its weight and bias to fixed
values (when affine), and then records:

- two training-mode steps: for each, the input, an upstream gradient, the output, the
  gradients with respect to the input, weight and bias, and the buffers running_mean,
  running_var and num_batches_tracked after the step;
- one evaluation-mode step on a third input, with its output and gradients, which uses the
  running statistics left by the two training steps.

The cases cover dense input [B, F], sequences [B, C, L], images [B, C, H, W], momentum=None
(a cumulative average of the batch statistics) and affine=False. Inputs have a non-zero mean
and a spread other than one, so the running statistics move visibly. Everything is float32.
Each tensor value is written as the repr of the equal float64, so parsing it as Float gives
back the exact float32.

Rerun from the repository top with a Python that has torch installed:
    python Tests/EngineTests/Fixtures/make_batchnorm_reference.py
"""

import json
import pathlib

import torch

CASES = [
    # name, class, num_features, input shape, options
    ("dense", "BatchNorm1d", 3, (4, 3), dict()),
    ("sequence", "BatchNorm1d", 3, (2, 3, 5), dict()),
    ("image", "BatchNorm2d", 2, (3, 2, 2, 3), dict()),
    ("cumulative_average", "BatchNorm1d", 3, (5, 3), dict(momentum=None)),
    ("image_without_affine", "BatchNorm2d", 2, (2, 2, 3, 3), dict(affine=False)),
    ("custom_momentum_and_eps", "BatchNorm2d", 2, (2, 2, 2, 2), dict(momentum=0.3, eps=1e-3)),
]


def values(generator, shape, scale=1.0, shift=0.0):
    return torch.randn(shape, generator=generator, dtype=torch.float32) * scale + shift


def flat(tensor):
    return [float(v) for v in tensor.detach().flatten()]


def run_step(layer, x, upstream):
    x = x.clone().requires_grad_(True)
    for parameter in layer.parameters():
        parameter.grad = None
    y = layer(x)
    y.backward(upstream)
    step = {
        "input": flat(x),
        "upstream": flat(upstream),
        "output": flat(y),
        "grad_input": flat(x.grad),
    }
    if layer.affine:
        step["grad_weight"] = flat(layer.weight.grad)
        step["grad_bias"] = flat(layer.bias.grad)
    step["running_mean"] = flat(layer.running_mean)
    step["running_var"] = flat(layer.running_var)
    step["num_batches_tracked"] = int(layer.num_batches_tracked)
    return step


def make_case(index, name, kind, features, shape, options):
    generator = torch.Generator().manual_seed(100 + index)
    layer = getattr(torch.nn, kind)(features, **options)
    case = {
        "name": name,
        "kind": kind,
        "num_features": features,
        "input_shape": list(shape),
        "momentum": layer.momentum,
        "eps": layer.eps,
        "affine": layer.affine,
    }
    if layer.affine:
        with torch.no_grad():
            layer.weight.copy_(values(generator, (features,), 0.5, 1.0))
            layer.bias.copy_(values(generator, (features,), 0.5))
        case["weight"] = flat(layer.weight)
        case["bias"] = flat(layer.bias)

    layer.train()
    case["training_steps"] = [
        run_step(layer, values(generator, shape, 2.0, 0.7), values(generator, shape))
        for _ in range(2)
    ]
    layer.eval()
    case["evaluation_step"] = run_step(
        layer, values(generator, shape, 1.5, -0.3), values(generator, shape))
    return case


def main():
    out = {
        "generator": "Tests/EngineTests/Fixtures/make_batchnorm_reference.py",
        "torch_version": torch.__version__,
        "cases": [make_case(i, *case) for i, case in enumerate(CASES)],
    }
    path = pathlib.Path(__file__).with_name("batchnorm_reference.json")
    path.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
