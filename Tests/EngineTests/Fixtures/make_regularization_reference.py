"""Writes regularization_reference.json: PyTorch's values for dropout and the penalties.

- dropout: torch.nn.functional.dropout in training mode on a seeded input. PyTorch's random
  generator differs from LayerLab's, so each case records the mask that PyTorch drew. The
  mask is 1 where the output is non-zero, which identifies the kept units because no input
  is zero. The case also records the output and the input gradient for an upstream
  gradient. The engine applies the same mask and must give the same numbers, which pins
  down the 1/(1 - p) scaling of inverted dropout.
- weight penalties: l1 = lambda * sum |w| and l2 = lambda * sum w^2 over two tensors, with
  the gradient of each tensor.
- code_l1: lambda * mean over the batch of sum_j |h_bj|, with its gradient.
- kl_sparsity: beta * sum_j KL(rho || rho_hat_j), where rho_hat_j is the mean of code unit j
  over the batch, clamped into [eps, 1 - eps]. The code is a sigmoid output. One case has a
  unit that is always off and one that is always on, so the clamp is active for them and
  their gradient is zero.

Everything is float32. Each tensor value is written as the repr of the equal float64, so
parsing it as Float gives back the exact float32.

Rerun from the repository top with a Python that has torch installed:
    python Tests/EngineTests/Fixtures/make_regularization_reference.py
"""

import json
import pathlib

import torch
import torch.nn.functional as F


def values(generator, shape, scale=1.0, shift=0.0):
    return torch.randn(shape, generator=generator, dtype=torch.float32) * scale + shift


def flat(tensor):
    return [float(v) for v in tensor.detach().flatten()]


def dropout_cases():
    cases = []
    for index, (p, shape) in enumerate([(0.2, (4, 5)), (0.5, (3, 8)), (0.75, (4, 3, 4))]):
        generator = torch.Generator().manual_seed(200 + index)
        x = values(generator, shape)
        x = torch.where(x == 0, torch.ones_like(x), x).requires_grad_(True)
        upstream = values(generator, shape)
        torch.manual_seed(300 + index)
        y = F.dropout(x, p=p, training=True)
        y.backward(upstream)
        cases.append({
            "name": f"dropout_p{p}",
            "p": p,
            "shape": list(shape),
            "input": flat(x),
            "mask": flat((y != 0).float()),
            "upstream": flat(upstream),
            "output": flat(y),
            "grad_input": flat(x.grad),
        })
    return cases


def weight_penalty_cases():
    generator = torch.Generator().manual_seed(400)
    first = values(generator, (3, 4)).requires_grad_(True)
    second = values(generator, (5,)).requires_grad_(True)
    with torch.no_grad():
        first[0, 0] = 0.0  # sign(0) = 0: the L1 gradient of a zero weight is zero
    cases = []
    for name, coefficient in [("l1", 0.03), ("l2", 0.02)]:
        for tensor in (first, second):
            tensor.grad = None
        if name == "l1":
            penalty = coefficient * (first.abs().sum() + second.abs().sum())
        else:
            penalty = coefficient * (first.pow(2).sum() + second.pow(2).sum())
        penalty.backward()
        cases.append({
            "name": name,
            "coefficient": coefficient,
            "shapes": [list(first.shape), list(second.shape)],
            "tensors": [flat(first), flat(second)],
            "value": penalty.item(),
            "grads": [flat(first.grad), flat(second.grad)],
        })
    return cases


def code_l1_case():
    generator = torch.Generator().manual_seed(500)
    code = values(generator, (4, 6)).requires_grad_(True)
    coefficient = 0.1
    penalty = coefficient * code.abs().sum(dim=1).mean()
    penalty.backward()
    return {
        "name": "code_l1",
        "coefficient": coefficient,
        "shape": list(code.shape),
        "code": flat(code),
        "value": penalty.item(),
        "grad": flat(code.grad),
    }


def kl_case(name, logits, rho, beta, eps):
    code = torch.sigmoid(logits).detach().requires_grad_(True)
    rho_hat = code.mean(dim=0).clamp(eps, 1 - eps)
    divergence = rho * torch.log(rho / rho_hat) + (1 - rho) * torch.log((1 - rho) / (1 - rho_hat))
    penalty = beta * divergence.sum()
    penalty.backward()
    return {
        "name": name,
        "rho": rho,
        "beta": beta,
        "eps": eps,
        "shape": list(code.shape),
        "code": flat(code),
        "value": penalty.item(),
        "grad": flat(code.grad),
    }


def kl_cases():
    generator = torch.Generator().manual_seed(600)
    plain = values(generator, (5, 4), 1.5, -1.0)
    saturated = values(generator, (4, 5), 1.5, -1.0)
    saturated[:, 1] = -40.0  # sigmoid underflows towards 0: the unit is always off
    saturated[:, 3] = 40.0  # sigmoid rounds to 1: the unit is always on
    return [
        kl_case("kl_sparsity", plain, 0.05, 3.0, 1e-6),
        kl_case("kl_sparsity_clamped", saturated, 0.1, 0.5, 1e-6),
    ]


def main():
    out = {
        "generator": "Tests/EngineTests/Fixtures/make_regularization_reference.py",
        "torch_version": torch.__version__,
        "dropout": dropout_cases(),
        "weight_penalties": weight_penalty_cases(),
        "code_l1": code_l1_case(),
        "kl_sparsity": kl_cases(),
    }
    path = pathlib.Path(__file__).with_name("regularization_reference.json")
    path.write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
