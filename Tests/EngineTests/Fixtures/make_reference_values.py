#!/usr/bin/env python3
"""Write PyTorch reference values for LayerLab's loss and activation tests.

The script runs fixed float32 inputs through PyTorch and records what PyTorch computes:

- losses, all with reduction='mean': nn.MSELoss, nn.BCEWithLogitsLoss and
  nn.CrossEntropyLoss (logits plus class indices). Each case stores the loss value and the
  gradient of the loss with respect to the input.
- activations: relu, leaky_relu (parameter = negative_slope), elu (parameter = alpha),
  sigmoid, tanh, and softmax over the last dimension. Each case stores the output and the
  gradient with respect to the input for a given upstream gradient (the vector-Jacobian
  product that backward computes).
- derivative_at_zero: the derivative PyTorch uses at exactly 0 for each element-wise
  activation, where the textbook derivative is undefined or a matter of convention.

Besides seeded random values, the cases hold extreme logits (+-100, +-1000, +-1e4, +-1e30),
rows whose correct class has the extreme negative logit, binary targets 0 and 1, and soft
targets 0.25 and 0.75. They show whether the engine stays finite and accurate where a naive
formula overflows. Every value in the output is finite, but some gradients are subnormal
float32 numbers (about 1e-44), so tests should compare with an absolute tolerance as well.

The committed JSON was generated with torch 2.13.0+cpu on Python 3.11 on an x86-64 CPU. The
file records the version in "torch_version". To regenerate it, run this from the repository
top with a Python that has torch installed (for example after `pip install torch`):

    python3 Tests/EngineTests/Fixtures/make_reference_values.py

It overwrites reference_values.json beside this script. The inputs come from Python's own
seeded `random` module rather than torch's generator, so a rerun with another torch version
feeds the same inputs and only PyTorch's results can change.

Every number, including each activation parameter, is a float32 value written as the
shortest decimal that round-trips the equal float64 (Python's repr). Parsing it as Float, or
as Double and then converting to Float, gives back the exact float32. Class indices for
cross_entropy are written as integers.
"""

import json
import math
import random
import struct
import sys
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

GENERATOR = "Tests/EngineTests/Fixtures/make_reference_values.py"
OUTPUT_PATH = Path(__file__).resolve().parent / "reference_values.json"
SEED = 20261204

rng = random.Random(SEED)


def gaussian(count, scale=1.0):
    return [rng.gauss(0.0, scale) for _ in range(count)]


def tensor32(values, shape):
    return torch.tensor(values, dtype=torch.float32).reshape(shape)


def as_float32(value):
    """Round a Python float to the nearest float32 value, returned as a Python float."""
    return struct.unpack("<f", struct.pack("<f", value))[0]


def flat(tensor):
    """Return the tensor's elements as Python floats (exact float32 values), row-major."""
    return tensor.detach().reshape(-1).tolist()


# Losses


def loss_case(name, loss, shape, inputs, targets):
    """Compute one loss case: the mean loss and its gradient with respect to the input."""
    x = tensor32(inputs, shape).requires_grad_(True)
    if loss == "mse":
        target = tensor32(targets, shape)
        value = nn.MSELoss(reduction="mean")(x, target)
    elif loss == "bce_logits":
        target = tensor32(targets, shape)
        value = nn.BCEWithLogitsLoss(reduction="mean")(x, target)
    elif loss == "cross_entropy":
        target = torch.tensor(targets, dtype=torch.int64)
        value = nn.CrossEntropyLoss(reduction="mean")(x, target)
    else:
        raise ValueError(f"unknown loss {loss!r}")
    value.backward()
    return {
        "name": name,
        "loss": loss,
        "input_shape": list(shape),
        "input": flat(x),
        "target": target.reshape(-1).tolist(),
        "value": value.item(),
        "grad_input": flat(x.grad),
    }


def make_loss_cases():
    cases = []

    # Mean squared error.
    cases.append(loss_case("mse_ordinary", "mse", [4, 3], gaussian(12), gaussian(12)))
    cases.append(loss_case("mse_single_output", "mse", [3, 1], gaussian(3), gaussian(3)))
    cases.append(loss_case(
        "mse_large_values", "mse", [2, 3],
        [1.0e4, -2.5e4, 3.0e6, 1.0e15, -1.0e15, 0.5],
        [-1.0e4, 2.0e4, 3.0e6 + 1.0, -1.0e15, 1.0e15, 1.0e4]))

    # Binary cross-entropy on logits.
    cases.append(loss_case(
        "bce_logits_ordinary", "bce_logits", [4, 3],
        gaussian(12, scale=2.0),
        [float(rng.random() < 0.5) for _ in range(8)] + [0.25, 0.75, 0.25, 0.75]))
    for m, label in [(100.0, "100"), (1000.0, "1000")]:
        # Row 0: confident and right, confident and wrong, for both targets.
        # Row 1: the same logits with soft targets.
        cases.append(loss_case(
            f"bce_logits_extreme_{label}", "bce_logits", [2, 4],
            [m, -m, -m, m, m, -m, m, -m],
            [1.0, 0.0, 1.0, 0.0, 0.25, 0.25, 0.75, 0.75]))
    cases.append(loss_case(
        "bce_logits_extreme_mixed", "bce_logits", [2, 4],
        [1.0e4, -1.0e4, 1.0e30, -1.0e30, 0.3, -1.7, 1.0e30, -1.0e4],
        [1.0, 1.0, 0.25, 0.75, 1.0, 0.0, 0.0, 0.75]))

    # Cross-entropy on logits with class indices.
    cases.append(loss_case(
        "cross_entropy_ordinary", "cross_entropy", [4, 3],
        gaussian(12, scale=2.0), [rng.randrange(3) for _ in range(4)]))
    cases.append(loss_case(
        "cross_entropy_ordinary_5_classes", "cross_entropy", [3, 5],
        gaussian(15, scale=2.0), [rng.randrange(5) for _ in range(3)]))
    for m, label in [(100.0, "100"), (1000.0, "1000"), (1.0e4, "1e4"), (1.0e30, "1e30")]:
        cases.append(loss_case(
            f"cross_entropy_extreme_{label}", "cross_entropy", [4, 3],
            [
                m, 0.5, -1.2,   # correct class has the extreme positive logit: loss near 0
                -m, 0.3, 1.1,   # correct class has the extreme negative logit
                0.2, m, -m,     # correct class at -m while another class is at +m
                m, m, -0.7,     # correct class ties for the maximum
            ],
            [0, 0, 2, 1]))
    return cases


# Activations

ELEMENTWISE = {
    "relu": lambda x, p: F.relu(x),
    "leaky_relu": lambda x, p: F.leaky_relu(x, negative_slope=p),
    "elu": lambda x, p: F.elu(x, alpha=p),
    "sigmoid": lambda x, p: torch.sigmoid(x),
    "tanh": lambda x, p: torch.tanh(x),
}

# Activation and parameter pairs that get cases. None means the activation has no parameter.
# PyTorch computes with the float32 value of the parameter on float32 tensors (its derivative
# of leaky_relu at 0 is 0.009999999776482582 for negative_slope=0.01), so the parameters are
# rounded to float32 here and written that way.
ELEMENTWISE_VARIANTS = [
    ("relu", None),
    ("leaky_relu", as_float32(0.01)),
    ("leaky_relu", as_float32(0.2)),
    ("elu", 1.0),
    ("elu", 0.5),
    ("sigmoid", None),
    ("tanh", None),
]

EXTREME_INPUTS = [0.0, 100.0, -100.0, 1000.0, -1000.0, 1.0e4,
                  -1.0e4, 1.0e30, -1.0e30, 0.5, -0.5, 1.0e-8]


def apply_activation(activation, parameter, x):
    if activation == "softmax":
        return F.softmax(x, dim=-1)
    return ELEMENTWISE[activation](x, parameter)


def activation_case(name, activation, parameter, shape, inputs, upstream):
    """Compute one activation case: the output, and the input gradient for `upstream`."""
    x = tensor32(inputs, shape).requires_grad_(True)
    upstream_tensor = tensor32(upstream, shape)
    output = apply_activation(activation, parameter, x)
    output.backward(upstream_tensor)
    return {
        "name": name,
        "activation": activation,
        "parameter": parameter,
        "input_shape": list(shape),
        "input": flat(x),
        "upstream": flat(upstream_tensor),
        "output": flat(output),
        "grad_input": flat(x.grad),
    }


def variant_label(activation, parameter):
    return activation if parameter is None else f"{activation}_{parameter:.6g}"


def make_activation_cases():
    cases = []
    for activation, parameter in ELEMENTWISE_VARIANTS:
        label = variant_label(activation, parameter)
        cases.append(activation_case(
            f"{label}_ordinary", activation, parameter, [3, 4],
            gaussian(12, scale=2.0), gaussian(12)))
        cases.append(activation_case(
            f"{label}_extreme", activation, parameter, [3, 4],
            EXTREME_INPUTS, gaussian(12)))

    cases.append(activation_case(
        "softmax_ordinary", "softmax", None, [2, 5], gaussian(10, scale=2.0), gaussian(10)))
    cases.append(activation_case(
        "softmax_extreme_1000", "softmax", None, [3, 4],
        [
            1000.0, 999.0, -1000.0, 0.0,       # two large logits one apart
            -1000.0, -1000.0, -1000.0, -1000.0,  # equal large negative logits: uniform
            100.0, -100.0, 100.0, 0.5,         # a tie for the maximum
        ],
        gaussian(12)))
    cases.append(activation_case(
        "softmax_extreme_1e30", "softmax", None, [3, 4],
        [
            1.0e30, -1.0e30, 0.0, 1.0,
            -1.0e30, -1.0e30, 2.0, 3.0,
            1.0e4, -1.0e4, 1.0e4, -1.0e4,
        ],
        gaussian(12)))
    return cases


def make_derivatives_at_zero():
    """Record d(activation)/dx at x = 0 exactly, as PyTorch's backward computes it."""
    derivatives = []
    for activation, parameter in ELEMENTWISE_VARIANTS:
        x = torch.zeros(1, dtype=torch.float32, requires_grad=True)
        apply_activation(activation, parameter, x).backward(torch.ones(1))
        derivatives.append({
            "activation": activation,
            "parameter": parameter,
            "value": x.grad.item(),
        })
    return derivatives


# Output


def check_numbers(value, where="root"):
    """Raise ValueError unless every number is finite and exactly representable as float32."""
    if isinstance(value, dict):
        for key, item in value.items():
            check_numbers(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_numbers(item, f"{where}[{index}]")
    elif isinstance(value, float):
        if not math.isfinite(value) or as_float32(value) != value:
            raise ValueError(f"{where}: {value!r} is not a finite float32 value")


def format_case(case):
    """Format one case with one key per line, so that diffs show which field changed."""
    lines = [f"    {json.dumps(key)}: {json.dumps(value, allow_nan=False)}"
             for key, value in case.items()]
    return "   {\n" + ",\n".join(lines) + "\n   }"


def format_document(document):
    parts = []
    for key, value in document.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            body = ",\n".join(format_case(case) for case in value)
            parts.append(f" {json.dumps(key)}: [\n{body}\n ]")
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(value, allow_nan=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def main():
    torch.set_num_threads(1)
    document = {
        "generator": GENERATOR,
        "torch_version": torch.__version__,
        "losses": make_loss_cases(),
        "activations": make_activation_cases(),
        "derivative_at_zero": make_derivatives_at_zero(),
    }
    check_numbers(document)
    text = format_document(document)
    if json.loads(text) != document:
        raise AssertionError("formatted JSON does not parse back to the same values")
    OUTPUT_PATH.write_text(text)
    print(f"wrote {len(document['losses'])} loss cases and "
          f"{len(document['activations'])} activation cases to {OUTPUT_PATH}", file=sys.stderr)


if __name__ == "__main__":
    main()
