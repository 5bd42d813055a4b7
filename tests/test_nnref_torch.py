"""Optional cross-check against PyTorch (skipped when torch is not installed)."""


import numpy as np
import pytest

import nnref as nn

torch = pytest.importorskip("torch", reason="PyTorch is not installed; cross-check skipped")


@pytest.mark.parametrize(
    ("name", "reference"),
    [
        ("relu", lambda t: torch.relu(t)),
        ("sigmoid", lambda t: torch.sigmoid(t)),
        ("tanh", lambda t: torch.tanh(t)),
        ("elu", lambda t: torch.nn.functional.elu(t)),
        ("selu", lambda t: torch.nn.functional.selu(t)),
        ("gelu", lambda t: torch.nn.functional.gelu(t)),
        ("gelu_tanh", lambda t: torch.nn.functional.gelu(t, approximate="tanh")),
        ("silu", lambda t: torch.nn.functional.silu(t)),
        ("mish", lambda t: torch.nn.functional.mish(t)),
        ("softplus", lambda t: torch.nn.functional.softplus(t, threshold=1e9)),
    ],
)
def test_activations_and_derivatives_match_torch(name, reference):
    z = np.linspace(-8, 8, 1001)
    t = torch.tensor(z, requires_grad=True)
    out = reference(t)
    out.sum().backward()
    np.testing.assert_allclose(
        nn.ACTIVATIONS[name](z), out.detach().numpy(), rtol=1e-12, atol=1e-14
    )
    np.testing.assert_allclose(nn.DERIVATIVES[name](z), t.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_network_gradients_match_torch():
    rng = np.random.default_rng(0)
    net = nn.Network.from_sizes([3, 5, 4], "tanh", "softmax", rng=rng)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 4, 6)
    loss, grads = net.loss_and_gradients(X, y, "categorical_cross_entropy_with_logits")
    params = [torch.tensor(p, requires_grad=True) for p in net.parameters()]
    hidden = torch.tanh(torch.tensor(X) @ params[0].T + params[1])
    logits = hidden @ params[2].T + params[3]
    torch_loss = torch.nn.functional.cross_entropy(logits, torch.tensor(y))
    torch_loss.backward()
    assert loss == pytest.approx(torch_loss.item(), rel=1e-12)
    for ours, theirs in zip(grads, params, strict=True):
        np.testing.assert_allclose(ours, theirs.grad.numpy(), rtol=1e-10, atol=1e-14)
