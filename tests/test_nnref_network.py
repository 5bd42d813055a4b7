"""Dense, PReLU, Dropout and Network: shapes, errors, dtypes and gradients."""


import numpy as np
import pytest

import nnref as nn
from nnref.diagnostics import gradient_check, relative_error

LOSS_FOR_OUTPUT = {
    "sigmoid": "binary_cross_entropy_with_logits",
    "softmax": "categorical_cross_entropy_with_logits",
    "identity": "mse",
}


def targets_for(output, rng, batch, n_out):
    if output == "sigmoid":
        return rng.integers(0, 2, size=batch).astype(float)
    if output == "softmax":
        return rng.integers(0, n_out, size=batch)
    return rng.normal(size=(batch, n_out))


def loss_closure(net, X, y, loss):
    return lambda: (net.forward(X), net.loss(y, loss))[1]


# ------------------------------------------------------------------- Dense
def test_dense_shapes_and_layout():
    layer = nn.Dense(3, 2, rng=0)
    assert layer.weights.shape == (2, 3) and layer.bias.shape == (2,)
    out = layer.forward(np.ones((5, 3)))
    assert out.shape == (5, 2) and layer.cache.z.shape == (5, 2)
    assert layer.forward(np.ones(3)).shape == (2,)  # one sample


def test_dense_matches_the_hand_written_chain():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(64, 10))
    net = nn.Network.from_sizes([10, 32, 16, 1], output_activation="sigmoid", rng=1)
    (W1, b1), (W2, b2), (W3, b3) = [(layer.weights, layer.bias) for layer in net.layers]
    manual = nn.sigmoid(nn.relu(nn.relu(X @ W1.T + b1) @ W2.T + b2) @ W3.T + b3)
    np.testing.assert_array_equal(net.forward(X), manual)


def test_dense_errors_are_plain():
    layer = nn.Dense(3, 2, activation="tanh", rng=0)
    with pytest.raises(
        ValueError,
        match=r"Dense\(3 -> 2, tanh\) expects inputs of shape "
        r"\(batch, 3\).*got shape \(4, 2\)",
    ):
        layer.forward(np.ones((4, 2)))
    with pytest.raises(ValueError, match=r"unknown activation 'rleu'.*'relu'"):
        nn.Dense(3, 2, activation="rleu")
    with pytest.raises(ValueError, match=r"unknown initialiser 'kaiming_normal'.*'he'"):
        nn.Dense(3, 2, init="kaiming_normal")
    with pytest.raises(ValueError, match="n_in must be positive"):
        nn.Dense(0, 2)
    with pytest.raises(TypeError, match="n_out must be an integer"):
        nn.Dense(2, 2.5)
    with pytest.raises(TypeError, match="dtype must be a floating"):
        nn.Dense(2, 2, dtype=np.int64)
    with pytest.raises(ValueError, match=r"bias must have shape \(2,\)"):
        nn.Dense.from_arrays([[1, 2], [3, 4]], [1, 2, 3], "relu")
    with pytest.raises(RuntimeError, match="forward"):
        nn.Dense(2, 2).backward(np.ones((1, 2)))


def test_network_rejects_sizes_that_do_not_chain():
    with pytest.raises(ValueError, match=r"do not chain.*outputs 4 features.*expects 3"):
        nn.Network([nn.Dense(2, 4), nn.Dense(3, 1)])


def test_float32_network_stays_float32():
    net = nn.Network.from_sizes([4, 8, 3], output_activation="softmax", rng=0, dtype=np.float32)
    X = np.random.default_rng(0).normal(size=(10, 4))  # float64 input is cast once
    out = net.forward(X)
    assert out.dtype == np.float32
    grads = net.backward(np.arange(10) % 3, "categorical_cross_entropy_with_logits")
    assert all(g.dtype == np.float32 for g in grads)
    nn.Adam(1e-3).step(net.parameters(), grads)
    assert all(p.dtype == np.float32 for p in net.parameters())


def test_layout_conversions_give_the_same_numbers():
    X = np.array([[1.0, 0.5, -0.3], [0.2, 1.5, 0.7]])
    W = np.array([[0.8, -0.5, 0.2], [0.3, 0.7, -0.1]])
    b = np.array([0.1, -0.2])
    W_in_out, b_row = nn.to_in_out(W, b)
    W_col, b_col = nn.to_column_major(W, b)
    assert W_in_out.shape == (3, 2) and b_col.shape == (2, 1)
    np.testing.assert_allclose(X @ W_in_out + b_row, X @ W.T + b)
    np.testing.assert_allclose((W_col @ X.T + b_col).T, X @ W.T + b)
    for back in (nn.from_in_out(W_in_out, b_row), nn.from_column_major(W_col, b_col)):
        np.testing.assert_array_equal(back[0], W)
        np.testing.assert_array_equal(back[1], b)
    with pytest.raises(ValueError, match=r"bias must have shape \(2, 1\)"):
        nn.from_column_major(W, np.ones((3, 1)))


# ------------------------------------------------------------------- gradients
@pytest.mark.parametrize(
    "hidden",
    [
        "relu",
        "tanh",
        "sigmoid",
        "leaky_relu",
        "elu",
        "selu",
        "gelu",
        "gelu_tanh",
        "swish",
        "mish",
        "softplus",
    ],
)
@pytest.mark.parametrize("output", ["sigmoid", "softmax", "identity"])
def test_whole_network_gradients_against_finite_differences(hidden, output):
    rng = np.random.default_rng(42)
    n_out = 1 if output == "sigmoid" else 3
    net = nn.Network.from_sizes([4, 6, 5, n_out], hidden, output, init="glorot", rng=rng)
    for layer in net.layers:
        layer.bias += rng.normal(scale=0.1, size=layer.bias.shape)
    X = rng.normal(size=(7, 4))
    y = targets_for(output, rng, 7, n_out)
    loss = LOSS_FOR_OUTPUT[output]
    _, grads = net.loss_and_gradients(X, y, loss)
    assert gradient_check(loss_closure(net, X, y, loss), net.parameters(), grads) < 1e-6


@pytest.mark.parametrize(
    ("output", "loss"),
    [
        ("sigmoid", "binary_cross_entropy"),
        ("sigmoid", "mse"),
        ("softmax", "mse"),
        ("identity", "binary_cross_entropy_with_logits"),
    ],
)
def test_gradients_through_the_output_activation(output, loss):
    rng = np.random.default_rng(7)
    n_out = 1 if "binary" in loss or output == "sigmoid" else 3
    net = nn.Network.from_sizes([3, 5, n_out], "tanh", output, init="glorot", rng=rng)
    X = rng.normal(size=(6, 3))
    y = rng.integers(0, 2, size=(6, n_out)).astype(float)
    _, grads = net.loss_and_gradients(X, y, loss)
    assert gradient_check(loss_closure(net, X, y, loss), net.parameters(), grads) < 1e-6


def test_gradients_with_prelu_and_dropout():
    rng = np.random.default_rng(3)
    drop = nn.Dropout(0.3)
    net = nn.Network(
        [nn.Dense(4, 6, "identity", rng=rng), nn.PReLU(6), drop, nn.Dense(6, 1, "sigmoid", rng=rng)]
    )
    X = rng.normal(size=(8, 4))
    y = rng.integers(0, 2, size=8)
    loss = "binary_cross_entropy_with_logits"

    def f():
        drop.rng = np.random.default_rng(99)  # the same dropout mask on every pass
        net.forward(X)
        return net.loss(y, loss)

    f()
    grads = net.backward(y, loss)
    assert 0 < np.mean(drop.mask == 0) < 1
    assert gradient_check(f, net.parameters(), grads) < 1e-6


def test_shared_prelu_slope_gradient():
    layer = nn.PReLU()
    z = np.array([[-2.0, 3.0], [-1.0, -4.0]])
    layer.forward(z)
    layer.backward(np.ones_like(z))
    assert layer.grad_slope.tolist() == [-7.0]


def test_single_sample_backward():
    net = nn.Network.from_sizes([2, 3, 1], output_activation="sigmoid", rng=0)
    loss, grads = net.loss_and_gradients(
        np.array([0.5, 0.8]), 1.0, "binary_cross_entropy_with_logits"
    )
    assert np.isfinite(loss) and [g.shape for g in grads] == [(3, 2), (3,), (1, 3), (1,)]


def test_loss_from_logits_checks_the_output_activation():
    net = nn.Network.from_sizes([2, 3, 2], output_activation="tanh", rng=0)
    net.forward(np.ones((1, 2)))
    with pytest.raises(ValueError, match=r"takes logits and applies softmax.*'tanh'"):
        net.backward([0], "categorical_cross_entropy_with_logits")
    with pytest.raises(ValueError, match="unknown loss 'bce'"):
        net.backward([0], "bce")


def test_relative_error_definition():
    assert relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert relative_error([0.0], [0.0]) == 0.0
    assert abs(relative_error([1.0], [3.0]) - 0.5) < 1e-15


# ------------------------------------------------------------------- modes and dropout
def test_dropout_modes_and_validation():
    for bad in (-0.1, 1.0, 1.5):
        with pytest.raises(ValueError, match=r"dropout probability p must be in \[0.0, 1.0\)"):
            nn.Dropout(bad)
    net = nn.Network([nn.Dense(3, 50, rng=0), nn.Dropout(0.5, rng=0), nn.Dense(50, 1, rng=0)])
    X = np.ones((4, 3))
    np.testing.assert_array_equal(net.predict(X), net.predict(X))  # inference: deterministic
    assert net.layers[1].training  # predict restored training mode
    assert not np.array_equal(net.forward(X), net.forward(X))
    net.eval()
    np.testing.assert_array_equal(net.forward(X), net.predict(X))


def test_dropout_keeps_float32():
    out = nn.Dropout(0.3, rng=0).forward(np.ones((3, 3), dtype=np.float32))
    assert out.dtype == np.float32


def test_classify():
    net = nn.Network([nn.Dense.from_arrays([[1.0]], [0.0], "sigmoid")])
    assert net.classify([[-1.0], [0.0], [2.0]]).tolist() == [0, 0, 1]
    multi = nn.Network([nn.Dense.from_arrays(np.eye(3), np.zeros(3), "softmax")])
    assert multi.classify([[0.0, 5.0, 1.0]]).tolist() == [1]
