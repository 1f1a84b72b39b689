"""Writes the NPY fixtures of NPYArrayTests and NPYDatasetTests, and npy_manifest.json.

Each array fixture contains a 2 x 3 x 4 array in one dtype, byte order and memory order, so the
reader's decoding and its Fortran-to-row-major reordering can be checked element by element.
The manifest lists each file with its dtype string, order, shape and values flattened in
row-major (C) order, which is what the reader returns. Floats are chosen so that float32
values are exact; float64 values are stored as numpy computes them.

The script also writes arrays LayerLab rejects (object, complex, float16, bool, Unicode and
structured dtypes), the format versions 2.0 and 3.0, a 0-dimensional and an empty array, and
the feature and label files of the data set tests.

Rerun from the repository top with a Python that has numpy installed:
    python Tests/DatasetsTests/Fixtures/make_npy_fixtures.py
"""

import json
import pathlib

import numpy as np

HERE = pathlib.Path(__file__).parent
BASE = np.arange(24).reshape(2, 3, 4)

# kind -> (values, byte orders): one-byte kinds have no byte order and numpy writes '|'.
ARRAYS = {
    "f4": ((BASE - 5) * 0.25, ["<", ">"]),
    "f8": ((BASE - 5) * 0.1, ["<", ">"]),
    "u1": (BASE * 10, ["|"]),
    "i1": (BASE * 5 - 60, ["|"]),
    "i4": ((BASE - 12) * 100_000, ["<", ">"]),
    "i8": ((BASE - 12) * 2**40, ["<", ">"]),
}
ORDER_NAMES = {"<": "le", ">": "be", "|": None}


def save(name, array, **options):
    np.save(HERE / name, array, **options)


def main():
    manifest = []
    for kind, (values, orders) in ARRAYS.items():
        for byte_order in orders:
            dtype = np.dtype(byte_order + kind) if byte_order != "|" else np.dtype(kind)
            for memory_order in ["C", "F"]:
                array = np.asarray(values, dtype=dtype, order=memory_order)
                parts = [kind, ORDER_NAMES[byte_order], memory_order.lower()]
                name = "_".join(p for p in parts if p) + ".npy"
                save(name, array)
                manifest.append({
                    "file": name,
                    "descr": np.lib.format.dtype_to_descr(array.dtype),
                    "fortran_order": memory_order == "F",
                    "shape": list(array.shape),
                    "values": [v.item() for v in array.ravel(order="C")],
                })

    for version in [(2, 0), (3, 0)]:
        name = f"version{version[0]}_f4.npy"
        with open(HERE / name, "wb") as file:
            np.lib.format.write_array(file, np.array([1.5, -2.0, 4.0], dtype="<f4"), version=version)

    save("scalar_f8.npy", np.array(2.5, dtype="<f8"))
    save("empty_f4.npy", np.zeros((0, 3), dtype="<f4"))

    save("object.npy", np.array([1, "a", None], dtype=object), allow_pickle=True)
    save("complex64.npy", np.array([1 + 2j], dtype="<c8"))
    save("float16.npy", np.array([1.0], dtype="<f2"))
    save("bool.npy", np.array([True, False]))
    save("unicode.npy", np.array(["ab", "c"]))
    save("structured.npy", np.zeros(2, dtype=[("x", "<f4"), ("y", "<i4")]))

    save("features_f4.npy", (np.arange(30, dtype="<f4") * 0.5).reshape(5, 2, 3))
    save("labels_i8.npy", np.array([3, 1, 3, 7, 1], dtype="<i8"))
    save("labels_f4.npy", np.array([0.5, 1.5, -2.0, 3.25, 0.0], dtype="<f4"))
    save("labels_f8_2d.npy", np.arange(10, dtype=">f8").reshape(5, 2) / 4)

    with open(HERE / "npy_manifest.json", "w") as file:
        lines = ",\n".join(" " + json.dumps(entry) for entry in manifest)
        file.write("[\n" + lines + "\n]\n")


if __name__ == "__main__":
    main()
