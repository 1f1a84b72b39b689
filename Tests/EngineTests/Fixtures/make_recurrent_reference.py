#!/usr/bin/env python3
"""Write PyTorch reference values for LayerLab's recurrent layers (RNN, LSTM, GRU).

Each case runs one float32 batch through a recurrent layer with batch_first=True and records
what PyTorch computes: the output (every hidden state for return_sequences, else the last
one), and the gradients of the input and of every parameter for a seeded random upstream
gradient of the output's shape (the vector-Jacobian product that backward computes).

- rnn, lstm, gru_pytorch: nn.RNN (tanh), nn.LSTM and nn.GRU with one layer, the weights of
  their default initialization under a fixed seed.
- gru_chapter: the original GRU of Cho et al. (2014), where the reset gate scales h(t-1)
  before the product with W_hn. PyTorch has no module for it, so `gru_chapter_forward` below
  writes it out with torch operations and autograd differentiates it. The same function with
  the reset gate applied after the product is checked against nn.GRU first.
- stacked_lstm: two nn.LSTM layers, the first returning every hidden state, the second only
  the last one; parameters are listed for both layers.

Parameter names are PyTorch's (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0); every
tensor is written flat in row-major order as the shortest decimal that round-trips the
float32 value. The committed JSON was generated with torch 2.13.0+cpu on an x86-64 CPU; the
file records the version. To regenerate it, run from the repository top with a Python that
has torch installed:

    python3 Tests/EngineTests/Fixtures/make_recurrent_reference.py
"""

import json
from pathlib import Path

import torch
from torch import nn

GENERATOR = "Tests/EngineTests/Fixtures/make_recurrent_reference.py"
OUTPUT_PATH = Path(__file__).resolve().parent / "recurrent_reference.json"
BATCH, STEPS, INPUT_SIZE, HIDDEN_SIZE = 2, 5, 3, 4
PARAMETER_NAMES = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"]


def flat(tensor):
    return [float(v) for v in tensor.detach().reshape(-1).tolist()]


def gru_chapter_forward(x, weight_ih, weight_hh, bias_ih, bias_hh, reset_after=False):
    """Run a one-layer GRU over x [batch, steps, features] and return every hidden state."""
    hidden_size = weight_hh.shape[1]
    h = x.new_zeros(x.shape[0], hidden_size)
    r_rows, z_rows, n_rows = (slice(k * hidden_size, (k + 1) * hidden_size) for k in range(3))
    outputs = []
    for t in range(x.shape[1]):
        projected = x[:, t] @ weight_ih.T + bias_ih
        r = torch.sigmoid(projected[:, r_rows] + h @ weight_hh[r_rows].T + bias_hh[r_rows])
        z = torch.sigmoid(projected[:, z_rows] + h @ weight_hh[z_rows].T + bias_hh[z_rows])
        if reset_after:
            candidate = r * (h @ weight_hh[n_rows].T + bias_hh[n_rows])
        else:
            candidate = (r * h) @ weight_hh[n_rows].T + bias_hh[n_rows]
        n = torch.tanh(projected[:, n_rows] + candidate)
        h = (1 - z) * n + z * h
        outputs.append(h)
    return torch.stack(outputs, dim=1)


def module_for(cell, input_size, hidden_size):
    kind = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cell]
    return kind(input_size, hidden_size, num_layers=1, batch_first=True)


def run_case(name, cell, form, return_sequences, seed):
    torch.manual_seed(seed)
    module = module_for(cell, INPUT_SIZE, HIDDEN_SIZE)
    x = torch.randn(BATCH, STEPS, INPUT_SIZE, requires_grad=True)
    parameters = [getattr(module, n) for n in PARAMETER_NAMES]
    if form == "chapter":
        every_state = gru_chapter_forward(x, *parameters)
    else:
        every_state, _ = module(x)
    output = every_state if return_sequences else every_state[:, -1]
    upstream = torch.randn(output.shape)
    output.backward(upstream)
    case = {
        "name": name, "cell": cell, "form": form, "return_sequences": return_sequences,
        "batch": BATCH, "steps": STEPS, "input_size": INPUT_SIZE, "hidden_size": HIDDEN_SIZE,
        "input": flat(x), "upstream": flat(upstream), "output": flat(output),
        "grad_input": flat(x.grad),
        "parameters": [{"name": n, "shape": list(p.shape), "value": flat(p),
                        "grad": flat(p.grad)} for n, p in zip(PARAMETER_NAMES, parameters)],
    }
    return case


def stacked_lstm_case(seed):
    torch.manual_seed(seed)
    first = module_for("lstm", INPUT_SIZE, HIDDEN_SIZE)
    second = module_for("lstm", HIDDEN_SIZE, 3)
    x = torch.randn(BATCH, STEPS, INPUT_SIZE, requires_grad=True)
    every_state, _ = first(x)
    _, (h_n, _) = second(every_state)
    output = h_n[0]
    upstream = torch.randn(output.shape)
    output.backward(upstream)
    parameters = []
    for index, layer in enumerate([first, second]):
        for n in PARAMETER_NAMES:
            p = getattr(layer, n)
            parameters.append({"name": f"{index}.{n}", "shape": list(p.shape),
                               "value": flat(p), "grad": flat(p.grad)})
    return {"name": "stacked_lstm", "batch": BATCH, "steps": STEPS, "input_size": INPUT_SIZE,
            "hidden_sizes": [HIDDEN_SIZE, 3], "input": flat(x), "upstream": flat(upstream),
            "output": flat(output), "grad_input": flat(x.grad), "parameters": parameters}


def check_explicit_gru_matches_module():
    torch.manual_seed(0)
    module = module_for("gru", INPUT_SIZE, HIDDEN_SIZE)
    x = torch.randn(BATCH, STEPS, INPUT_SIZE)
    expected, _ = module(x)
    explicit = gru_chapter_forward(
        x, *[getattr(module, n) for n in PARAMETER_NAMES], reset_after=True)
    assert torch.allclose(expected, explicit, atol=1e-6), "explicit GRU differs from nn.GRU"


def main():
    check_explicit_gru_matches_module()
    cases = []
    seed = 100
    for cell, form in [("rnn", None), ("lstm", None), ("gru", "pytorch"), ("gru", "chapter")]:
        for return_sequences in [True, False]:
            seed += 1
            label = cell if form is None else f"{cell}_{form}"
            suffix = "sequences" if return_sequences else "last"
            cases.append(run_case(f"{label}_{suffix}", cell, form, return_sequences, seed))
    out = {"generator": GENERATOR, "torch_version": torch.__version__, "cases": cases,
           "stacked_lstm": stacked_lstm_case(200)}
    OUTPUT_PATH.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
