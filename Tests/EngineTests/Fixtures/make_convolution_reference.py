"""Writes convolution_reference.json: PyTorch's convolutions and pooling on small inputs.

Each case stores its input (and weight and bias for convolutions), a random upstream gradient
∂L/∂y, and what PyTorch computes from them: the output y and the gradients of the input,
weight and bias. Values are drawn as float32 and computed in float64, so the references are the
exact results for the stored inputs up to float64 rounding. The `max_pool2d_ties` cases use
inputs of 0 and 1, so windows contain equal maxima.

Rerun from the repository top with a Python that has torch installed:
    python Tests/EngineTests/Fixtures/make_convolution_reference.py
"""

import json
import pathlib

import torch
import torch.nn.functional as F

# (name, op, input shape, options, weight shape or None, bias?)
CONVOLUTIONS = [
    ("conv2d_stride2_pad1_kernel3x2", "conv2d", (2, 3, 5, 6),
     dict(stride=2, padding=1), (4, 3, 3, 2), True),
    ("conv2d_plain", "conv2d", (1, 2, 4, 4), dict(stride=1, padding=0), (3, 2, 3, 3), True),
    ("conv2d_floor_rule", "conv2d", (2, 2, 6, 5),
     dict(stride=(2, 1), padding=(1, 2)), (2, 2, 3, 2), True),
    ("conv2d_no_bias", "conv2d", (1, 1, 5, 5), dict(stride=3, padding=1), (2, 1, 2, 2), False),
    ("conv2d_same_3x3", "conv2d", (2, 3, 5, 6), dict(stride=1, padding=1), (4, 3, 3, 3), True),
    ("conv2d_same_3x5", "conv2d", (1, 2, 4, 7),
     dict(stride=1, padding=(1, 2)), (3, 2, 3, 5), True),
    ("conv1d_stride2_pad1", "conv1d", (2, 3, 9), dict(stride=2, padding=1), (4, 3, 4), True),
    ("conv1d_same", "conv1d", (2, 2, 7), dict(stride=1, padding=1), (3, 2, 3), True),
    ("conv1d_plain", "conv1d", (1, 1, 6), dict(stride=1, padding=0), (2, 1, 3), True),
]

POOLINGS = [
    ("max_pool2d_k2", "max_pool2d", (2, 3, 6, 6), dict(kernel_size=2)),
    ("max_pool2d_k3_s2_p1", "max_pool2d", (1, 2, 7, 5),
     dict(kernel_size=3, stride=2, padding=1)),
    ("max_pool2d_k2x3_s1x2_p1", "max_pool2d", (1, 2, 4, 6),
     dict(kernel_size=(2, 3), stride=(1, 2), padding=1)),
    ("max_pool2d_ties", "max_pool2d", (1, 2, 4, 4), dict(kernel_size=2)),
    ("max_pool2d_ties_k3_s2_p1", "max_pool2d", (1, 2, 6, 9),
     dict(kernel_size=3, stride=2, padding=1)),
    ("avg_pool2d_k2", "avg_pool2d", (2, 3, 6, 6), dict(kernel_size=2)),
    ("avg_pool2d_k3_s2_p1", "avg_pool2d", (1, 2, 7, 5),
     dict(kernel_size=3, stride=2, padding=1)),
    ("avg_pool2d_k3_s2_p1_exclude_pad", "avg_pool2d", (1, 2, 7, 5),
     dict(kernel_size=3, stride=2, padding=1, count_include_pad=False)),
    ("avg_pool2d_k2x3_s1x2_p1", "avg_pool2d", (1, 2, 4, 6),
     dict(kernel_size=(2, 3), stride=(1, 2), padding=1)),
    ("max_pool1d_k2", "max_pool1d", (2, 3, 8), dict(kernel_size=2)),
    ("max_pool1d_k3_s2_p1", "max_pool1d", (2, 2, 9), dict(kernel_size=3, stride=2, padding=1)),
    ("avg_pool1d_k3_s2_p1", "avg_pool1d", (2, 2, 9), dict(kernel_size=3, stride=2, padding=1)),
    ("avg_pool1d_k3_s2_p1_exclude_pad", "avg_pool1d", (2, 2, 9),
     dict(kernel_size=3, stride=2, padding=1, count_include_pad=False)),
]


def values(generator, shape, integers=False):
    if integers:
        return torch.randint(0, 2, shape, generator=generator).to(torch.float32)
    return torch.rand(shape, generator=generator, dtype=torch.float32) * 4 - 2


def flat(tensor):
    return [float(v) for v in tensor.detach().to(torch.float32).flatten()]


def pair(value):
    return list(value) if isinstance(value, tuple) else [value] * 2


def run(function, tensors, options, generator):
    leaves = [t.to(torch.float64).requires_grad_() for t in tensors]
    y = function(*leaves, **options)
    upstream = values(generator, tuple(y.shape))
    y.backward(upstream.to(torch.float64))
    return leaves, y, upstream


def main():
    cases = []
    for index, (name, op, shape, options, weight_shape, has_bias) in enumerate(CONVOLUTIONS):
        generator = torch.Generator().manual_seed(100 + index)
        x = values(generator, shape)
        w = values(generator, weight_shape)
        tensors = [x, w] + ([values(generator, (weight_shape[0],))] if has_bias else [])
        function = F.conv2d if op == "conv2d" else F.conv1d
        leaves, y, upstream = run(function, tensors, options, generator)
        case = {
            "name": name, "op": op,
            "stride": pair(options["stride"]), "padding": pair(options["padding"]),
            "input_shape": list(shape), "input": flat(x),
            "weight_shape": list(weight_shape), "weight": flat(w),
            "bias": flat(tensors[2]) if has_bias else None,
            "upstream": flat(upstream), "output_shape": list(y.shape), "output": flat(y),
            "grad_input": flat(leaves[0].grad), "grad_weight": flat(leaves[1].grad),
            "grad_bias": flat(leaves[2].grad) if has_bias else None,
        }
        cases.append(case)

    for index, (name, op, shape, options) in enumerate(POOLINGS):
        generator = torch.Generator().manual_seed(200 + index)
        x = values(generator, shape, integers="ties" in name)
        leaves, y, upstream = run(getattr(F, op), [x], options, generator)
        kernel = pair(options["kernel_size"])
        cases.append({
            "name": name, "op": op, "kernel": kernel,
            "stride": pair(options.get("stride", options["kernel_size"])),
            "padding": pair(options.get("padding", 0)),
            "count_include_pad": options.get("count_include_pad", True),
            "input_shape": list(shape), "input": flat(x),
            "upstream": flat(upstream), "output_shape": list(y.shape), "output": flat(y),
            "grad_input": flat(leaves[0].grad),
        })

    out = {
        "generator": "Tests/EngineTests/Fixtures/make_convolution_reference.py",
        "torch_version": torch.__version__,
        "cases": cases,
    }
    path = pathlib.Path(__file__).with_name("convolution_reference.json")
    path.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
