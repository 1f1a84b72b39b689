"""Writes small safetensors files with the `safetensors` package, and the values they hold.

safetensors_dtypes.safetensors contains one tensor or more of each dtype that LayerLab reads
(F32, F64, F16, BF16, I64), including a rank-0 tensor, an empty tensor and the awkward values
of each type: subnormals, signed zero, infinities, NaN, values that round when converted to
float32. safetensors_model.safetensors contains the state dict of a small torch.nn.Sequential, all
F32, which LayerLab must write back byte for byte.

safetensors_reference.json lists, for each file, its metadata and each tensor's dtype, shape
and values converted by PyTorch to float32 (`tensor.float()`), given as the float32 bit
patterns so that NaN, -0.0 and rounding compare exactly.

The order of the two metadata keys in safetensors_dtypes.safetensors changes from run to run,
because the package keeps metadata in a hash map; the tensors and values do not change.

Rerun from the repository top with a Python that has torch and safetensors installed:
    python Tests/EngineTests/Fixtures/make_safetensors_reference.py
"""

import json
import pathlib

import safetensors
import torch
from safetensors.torch import save_file

FIXTURES = pathlib.Path(__file__).parent
INF = float("inf")
NAN = float("nan")


def dtype_tensors():
    return {
        "f32.matrix": torch.tensor(
            [[1.5, -0.0, 1e-45], [3.4e38, -INF, NAN]], dtype=torch.float32
        ),
        "f32.empty": torch.zeros((0, 3), dtype=torch.float32),
        "f64.values": torch.tensor(
            [0.1, 1e-40, 1e39, -2.5, 1 / 3, NAN], dtype=torch.float64
        ),
        "f16.values": torch.tensor(
            [[2.0**-24, 65504.0, -0.0, INF], [NAN, 1 / 3, 0.1, -2.0]], dtype=torch.float16
        ),
        "bf16.values": torch.tensor(
            [1 / 3, 3e38, -INF, 1e-40, 0.1, NAN], dtype=torch.bfloat16
        ),
        "i64.values": torch.tensor(
            [0, -1, 2**24 + 1, 2**40 + 3, 2**63 - 1, -(2**63)], dtype=torch.int64
        ),
        "i64.scalar": torch.tensor(7, dtype=torch.int64),
    }


def model_tensors():
    torch.manual_seed(0)
    model = torch.nn.Sequential(
        torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2)
    )
    return {name: value.detach().clone() for name, value in model.state_dict().items()}


def float32_bits(tensor):
    values = tensor.float().reshape(-1).view(torch.int32).tolist()
    return [value & 0xFFFFFFFF for value in values]


def describe(tensors, metadata):
    names = {
        torch.float32: "F32",
        torch.float64: "F64",
        torch.float16: "F16",
        torch.bfloat16: "BF16",
        torch.int64: "I64",
    }
    return {
        "metadata": metadata,
        "tensors": {
            name: {
                "dtype": names[tensor.dtype],
                "shape": list(tensor.shape),
                "float32_bits": float32_bits(tensor),
            }
            for name, tensor in sorted(tensors.items())
        },
    }


def main():
    files = {
        "safetensors_dtypes.safetensors": (
            dtype_tensors(),
            {"format": "pt", "note": 'LayerLab fixture: "quoted", ünïcode'},
        ),
        "safetensors_model.safetensors": (model_tensors(), {"format": "pt"}),
    }
    reference = {
        "generator": f"safetensors {safetensors.__version__}, torch {torch.__version__}",
        "files": {},
    }
    for file_name, (tensors, metadata) in files.items():
        save_file(tensors, str(FIXTURES / file_name), metadata=metadata)
        reference["files"][file_name] = describe(tensors, metadata)
    path = FIXTURES / "safetensors_reference.json"
    path.write_text(json.dumps(reference, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
