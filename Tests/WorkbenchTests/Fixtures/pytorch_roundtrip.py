"""Round trips between PyTorch and LayerLab through safetensors files.

    python pytorch_roundtrip.py make
        Builds two small torch.nn.Sequential models with fixed seeds (dense layers with an
        activation, and a convolutional one), saves their state dicts with safetensors as
        torch_dense.safetensors and torch_conv.safetensors next to this script, and writes
        their outputs on fixed inputs to torch_outputs.json. PyTorchWeightsTests loads the
        files into the matching LayerLab models and compares the outputs.

    python pytorch_roundtrip.py check FOLDER
        For each NAME.py in FOLDER (modules written by `export pytorch`, each with the weights
        file it names) and NAME.expected.json (LayerLab's outputs on the module's ROWS), imports
        the module, runs its rows through PyTorch and compares. Prints one line per module and
        exits with status 1 when any output differs by more than the tolerance.
        PyTorchExportTests writes such a folder and runs this when LAYERLAB_TORCH_PYTHON names
        a Python with torch and safetensors.

Rerun `make` from the repository top with a Python that has torch and safetensors:
    python Tests/WorkbenchTests/Fixtures/pytorch_roundtrip.py make
"""

import importlib.util
import json
import pathlib
import sys

import torch
from safetensors.torch import save_file
from torch import nn

HERE = pathlib.Path(__file__).resolve().parent
# Float32 outputs of the same weights differ only by rounding in the order of operations.
TOLERANCE = 1e-4


def dense_model():
    return nn.Sequential(nn.Linear(4, 6), nn.Tanh(), nn.Linear(6, 3), nn.Softmax(dim=-1))


def conv_model():
    return nn.Sequential(
        nn.Conv2d(1, 2, kernel_size=3, padding=1),
        nn.ReLU(),
        nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(2 * 3 * 3, 2),
    )


def make():
    torch.manual_seed(7)
    results = {}
    for name, model, shape in [
        ("dense", dense_model(), (3, 4)),
        ("conv", conv_model(), (2, 1, 6, 6)),
    ]:
        model.eval()
        inputs = torch.randn(*shape)
        with torch.no_grad():
            outputs = model(inputs)
        save_file(
            {key: value.contiguous() for key, value in model.state_dict().items()},
            str(HERE / f"torch_{name}.safetensors"),
        )
        results[name] = {
            "input_shape": list(shape),
            "inputs": inputs.flatten().tolist(),
            "outputs": outputs.flatten().tolist(),
        }
    (HERE / "torch_outputs.json").write_text(json.dumps(results, indent=1) + "\n")
    print("wrote torch_dense.safetensors, torch_conv.safetensors and torch_outputs.json")


def check(folder):
    folder = pathlib.Path(folder)
    modules = sorted(folder.glob("*.py"))
    if not modules:
        print(f"no exported modules in {folder}")
        return 1
    failures = 0
    for path in modules:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        expected = json.loads(path.with_suffix(".expected.json").read_text())
        model = module.load_model()
        output, prediction = module.predict(model, module.ROWS)
        worst = 0.0
        for key, values in [("outputs", output), ("predictions", prediction)]:
            got = values.flatten().tolist()
            want = expected[key]
            if len(got) != len(want):
                print(f"{path.name}: {key} has {len(got)} values, LayerLab has {len(want)}")
                worst = float("inf")
                continue
            worst = max([worst] + [abs(a - b) for a, b in zip(got, want)])
        status = "ok" if worst <= TOLERANCE else "MISMATCH"
        failures += status != "ok"
        print(f"{path.name}: {status}, largest difference {worst:.3g}")
    return 1 if failures else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["make"]:
        make()
    elif sys.argv[1:2] == ["check"] and len(sys.argv) == 3:
        sys.exit(check(sys.argv[2]))
    else:
        print(__doc__)
        sys.exit(2)
