"""nnref against an independent oracle that always runs: SciPy and finite differences.

This replaces a PyTorch cross-check that was always skipped (torch is not a dependency).
The coverage is the same: the values and derivatives of every activation PyTorch had,
and a whole network's loss and gradients. Values come from SciPy's special functions
(``expit``, ``ndtr``, ``log_softmax``, ``xlogy``, ``log_expit``) or from the textbook
formula; derivatives and gradients come from differentiating the *oracle* (not nnref)
with a five-point central difference, whose error is O(h^4) plus rounding of order
1e-16 / h: with h = 1e-4 both are near 1e-12 here, well inside the tolerances below.
Every layer type and every loss is covered.
"""

import numpy as np
import pytest
import scipy.special as sp

import nnref as nn

# The constants as printed in Klambauer et al. (2017), written out independently of nnref.
LAMBDA = 1.0507009873554804934193349852946
ALPHA = 1.6732632423543772848170429916717
H = 1e-4


def five_point(f, x):
    """d f / d x element-wise for an element-wise ``f``, by a five-point stencil."""
    return (8 * (f(x + H) - f(x - H)) - (f(x + 2 * H) - f(x - 2 * H))) / (12 * H)


def gradient(f, arrays):
    """Gradient of the scalar ``f()`` with respect to each array, by five-point stencils."""
    grads = []
    for a in arrays:
        grad = np.zeros_like(a)
        for index in np.ndindex(a.shape):
            original = a[index]
            values = []
            for step in (H, -H, 2 * H, -2 * H):
                a[index] = original + step
                values.append(f())
            a[index] = original
            grad[index] = (8 * (values[0] - values[1]) - (values[2] - values[3])) / (12 * H)
        grads.append(grad)
    return grads


ORACLES = {
    "relu": lambda z: np.maximum(z, 0.0),
    "sigmoid": sp.expit,
    "tanh": np.tanh,
    "elu": lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0))),
    "selu": lambda z: LAMBDA * np.where(z > 0, z, ALPHA * np.expm1(np.minimum(z, 0))),
    "gelu": lambda z: z * sp.ndtr(z),
    "gelu_tanh": lambda z: 0.5 * z * (1 + np.tanh(np.sqrt(2 / np.pi) * (z + 0.044715 * z**3))),
    "silu": lambda z: z * sp.expit(z),
    "mish": lambda z: z * np.tanh(np.logaddexp(0.0, z)),
    "softplus": lambda z: np.logaddexp(0.0, z),
}
KINKED = {"relu", "elu", "selu"}  # not differentiable at 0


@pytest.mark.parametrize("name", sorted(ORACLES))
def test_activations_and_derivatives_match_the_oracle(name):
    z = np.linspace(-8, 8, 1001)
    oracle = ORACLES[name]
    np.testing.assert_allclose(nn.ACTIVATIONS[name](z), oracle(z), rtol=1e-12, atol=1e-14)
    smooth = z[np.abs(z) > 3 * H] if name in KINKED else z
    np.testing.assert_allclose(
        nn.DERIVATIVES[name](smooth), five_point(oracle, smooth), rtol=1e-9, atol=1e-10
    )


def test_derivatives_at_the_kinks_follow_the_convention():
    """At 0 the derivative is taken from the left for relu (0) and from the right for elu
    and selu (continuous there), as PyTorch does."""
    assert nn.DERIVATIVES["relu"](0.0) == 0.0
    assert nn.DERIVATIVES["elu"](0.0) == 1.0
    assert nn.DERIVATIVES["selu"](0.0) == pytest.approx(LAMBDA * ALPHA, rel=1e-15)


def oracle_cross_entropy(params, X, y):
    W1, b1, W2, b2 = params
    logits = np.tanh(X @ W1.T + b1) @ W2.T + b2
    return -np.mean(sp.log_softmax(logits, axis=1)[np.arange(len(y)), y])


def test_network_loss_and_gradients_match_the_oracle():
    rng = np.random.default_rng(0)
    net = nn.Network.from_sizes([3, 5, 4], "tanh", "softmax", rng=rng)
    X, y = rng.normal(size=(6, 3)), rng.integers(0, 4, 6)
    loss, grads = net.loss_and_gradients(X, y, "categorical_cross_entropy_with_logits")
    params = [p.copy() for p in net.parameters()]
    assert loss == pytest.approx(oracle_cross_entropy(params, X, y), rel=1e-12)
    expected = gradient(lambda: oracle_cross_entropy(params, X, y), params)
    for ours, theirs in zip(grads, expected, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-8, atol=1e-11)


ORACLE_LOSSES = {
    "mse": lambda p, y: np.mean((p - y) ** 2),
    "binary_cross_entropy": lambda p, y: -np.mean(sp.xlogy(y, p) + sp.xlogy(1 - y, 1 - p)),
    "binary_cross_entropy_with_logits": lambda z, y: (
        -np.mean(y * sp.log_expit(z) + (1 - y) * sp.log_expit(-z))
    ),
    "categorical_cross_entropy_with_logits": lambda z, y: (
        -np.mean(np.sum(y * sp.log_softmax(z, axis=1), axis=1))
    ),
}


@pytest.mark.parametrize("name", sorted(ORACLE_LOSSES))
def test_every_loss_and_its_gradient_match_the_oracle(name):
    rng = np.random.default_rng(1)
    if name == "categorical_cross_entropy_with_logits":
        prediction = rng.normal(size=(5, 4))
        target = sp.softmax(rng.normal(size=(5, 4)), axis=1)  # soft labels
    elif name == "binary_cross_entropy":
        prediction, target = rng.uniform(0.05, 0.95, (5, 1)), rng.uniform(0, 1, (5, 1))
    else:
        prediction, target = rng.normal(size=(5, 2)), rng.uniform(0, 1, (5, 2))
    loss, oracle = nn.LOSSES[name], ORACLE_LOSSES[name]
    assert loss.value(prediction, target) == pytest.approx(oracle(prediction, target), rel=1e-13)
    (expected,) = gradient(lambda: oracle(prediction, target), [prediction])
    np.testing.assert_allclose(loss.gradient(prediction, target), expected, rtol=1e-8, atol=1e-11)


def test_every_layer_type_backpropagates_like_the_oracle():
    """Dense (each activation), PReLU and Dropout: ``backward`` of an upstream gradient G
    equals the gradient of sum(G * output), differentiated through the oracle."""
    rng = np.random.default_rng(2)
    X, mask_seed = rng.normal(size=(4, 3)), 5
    G = rng.normal(size=(4, 2))
    for name, oracle in ORACLES.items():
        layer = nn.Dense(3, 2, name, rng=rng)
        layer.bias += 0.1
        layer.forward(X)
        grad_X = layer.backward(G)
        W, b, inputs = layer.weights.copy(), layer.bias.copy(), X.copy()

        def output(oracle=oracle, W=W, b=b, inputs=inputs):
            return np.sum(G * oracle(inputs @ W.T + b))

        expected = gradient(output, [W, b, inputs])
        for ours, theirs in zip(
            [layer.grad_weights, layer.grad_bias, grad_X], expected, strict=True
        ):
            np.testing.assert_allclose(ours, theirs, rtol=1e-7, atol=1e-9, err_msg=name)
    prelu = nn.PReLU(2, initial_slope=0.3)
    Z = rng.normal(size=(4, 2))
    Z[np.abs(Z) < 0.01] = 0.5  # away from the kink
    prelu.forward(Z)
    grad_Z = prelu.backward(G)
    slope, inputs = prelu.slope.copy(), Z.copy()
    expected = gradient(
        lambda: np.sum(G * np.where(inputs > 0, inputs, slope * inputs)), [slope, inputs]
    )
    np.testing.assert_allclose(prelu.grad_slope, expected[0], rtol=1e-8, atol=1e-11)
    np.testing.assert_allclose(grad_Z, expected[1], rtol=1e-8, atol=1e-11)
    dropout = nn.Dropout(0.5, rng=mask_seed)
    dropout.forward(Z)
    keep = np.random.default_rng(mask_seed).random(Z.shape) >= 0.5  # the same mask, drawn again
    (expected_Z,) = gradient(lambda: np.sum(G * inputs * keep / 0.5), [inputs])
    np.testing.assert_allclose(dropout.backward(G), expected_Z, rtol=1e-8, atol=1e-11)
