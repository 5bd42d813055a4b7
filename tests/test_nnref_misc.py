"""Initialisers, parameter counts, preprocessing, data, diagnostics, training, neuron."""


import math
import subprocess
import sys

import numpy as np
import pytest

import nnref as nn
from nnref import init


# ------------------------------------------------------------------- initialisers
@pytest.mark.parametrize(
    ("name", "std"),
    [
        ("he_normal", math.sqrt(2 / 400)),
        ("he_uniform", math.sqrt(2 / 400)),
        ("lecun_normal", math.sqrt(1 / 400)),
        ("lecun_uniform", math.sqrt(1 / 400)),
        ("glorot_normal", math.sqrt(2 / 600)),
        ("glorot_uniform", math.sqrt(2 / 600)),
    ],
)
def test_initialiser_statistics(name, std):
    W = init.INITIALISERS[name](400, 200, np.random.default_rng(0))
    assert W.shape == (200, 400)
    assert abs(W.std() / std - 1) < 0.02 and abs(W.mean()) < 0.05 * std
    if name.endswith("uniform"):
        assert np.max(np.abs(W)) <= math.sqrt(3) * std


def test_initialisers_are_deterministic_and_keep_dtype():
    a = init.he_normal(3, 2, np.random.default_rng(5))
    b = init.he_normal(3, 2, 5)
    np.testing.assert_array_equal(a, b)
    c = init.he_normal(3, 2, 5, dtype=np.float32)
    assert c.dtype == np.float32 and np.allclose(c, a, rtol=1e-6)
    assert init.zeros(3, 2).sum() == 0


def test_initialiser_errors():
    with pytest.raises(ValueError, match=r"unknown initialiser 'xavier_glorot'.*'glorot'"):
        init.get_initialiser("xavier_glorot")
    with pytest.raises(ValueError, match="fan_in must be positive"):
        init.he_normal(0, 3, 0)
    with pytest.raises(TypeError, match="rng must be"):
        init.he_normal(3, 3, "seed")


# ------------------------------------------------------------------- parameters
def test_summary_of_a_network():
    net = nn.Network.from_sizes([2, 2, 1], output_activation="sigmoid", rng=0)
    text = nn.summary(net)
    assert text.splitlines()[1].split() == ["1", "(2,", "2)", "relu", "6"]
    assert text.splitlines()[-1].split() == ["Total", "9"]
    assert nn.count_parameters(net) == 9


def test_parameter_count_errors():
    with pytest.raises(TypeError, match="dense dimensions must be integers"):
        nn.dense_parameters(2.0, 3)
    with pytest.raises(ValueError, match="need an input and at least one layer"):
        nn.count_parameters([5])


# ------------------------------------------------------------------- preprocessing
def test_standardiser_fit_transform_inverse():
    X = np.array([[1.0, 10.0, 7.0], [3.0, 30.0, 7.0], [5.0, 20.0, 7.0]])
    s = nn.Standardiser().fit(X)
    Z = s.transform(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-15)
    np.testing.assert_allclose(Z.std(axis=0), [1, 1, 0], atol=1e-15)  # constant column -> 0
    np.testing.assert_allclose(s.inverse_transform(Z), X)
    np.testing.assert_allclose(nn.standardise(X), Z)


def test_standardise_errors():
    with pytest.raises(ValueError, match=r"mean must be a scalar or have shape \(2,\)"):
        nn.standardise([[1.0, 2.0]], mean=[1, 2, 3], scale=1)
    with pytest.raises(ValueError, match="scale must be positive"):
        nn.Standardiser(scale=[1, 0])
    with pytest.raises(RuntimeError, match="fit"):
        nn.Standardiser().transform([[1.0]])


def test_min_max_scale_keeps_float32_and_handles_constants():
    out = nn.min_max_scale(np.array([[1, 5], [3, 5]], dtype=np.float32))
    assert out.dtype == np.float32 and out.tolist() == [[0, 0], [1, 0]]


# ------------------------------------------------------------------- data
def test_xor_and_orders():
    X, y = nn.xor()
    assert X.tolist() == [[0, 0], [0, 1], [1, 0], [1, 1]] and y.tolist() == [0, 1, 1, 0]
    assert nn.delivery_orders().tolist() == [[2, 5], [6, 8], [1, 1], [8, 2]]
    ids, orders = nn.delay_risk_orders()
    assert ids == ["A-104", "B-208", "C-311"] and orders.tolist()[2] == [5, 9, 4]


def test_spirals_are_deterministic_and_balanced():
    X1, y1 = nn.spirals(500, 0.1, rng=7)
    X2, y2 = nn.spirals(500, 0.1, rng=np.random.default_rng(7))
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, nn.spirals(500, 0.1, rng=8)[0])
    X, y = nn.spirals(301, noise=0.0, rng=0, n_arms=3)
    assert X.shape == (301, 2) and np.bincount(y).tolist() == [101, 100, 100]
    assert np.all(np.hypot(*X.T) <= 1 + 1e-12)
    with pytest.raises(ValueError, match="n_arms must be at least 2"):
        nn.spirals(n_arms=1)
    with pytest.raises(ValueError, match="noise"):
        nn.spirals(noise=-1)


def test_a_wider_deeper_network_fits_the_spirals():
    X, y = nn.spirals(500, 0.1, rng=0)
    net = nn.Network.from_sizes([2, 64, 64, 1], output_activation="sigmoid", rng=0)
    history = nn.train(net, X, y, "binary_cross_entropy_with_logits", nn.Adam(1e-2), 1000)
    assert history[-1] < 0.15 and np.mean(net.classify(X) == y) > 0.95


# ------------------------------------------------------------------- diagnostics
def test_check_shapes_messages():
    assert nn.check_shapes(np.ones((4, 3)), np.ones((2, 3))) == (4, 2)
    with pytest.raises(ValueError, match=r"look like the \(in, out\) layout"):
        nn.check_shapes(np.ones((4, 3)), np.ones((3, 2)))
    with pytest.raises(ValueError, match=r"inputs must be 2-D.*shape \(3,\)"):
        nn.check_shapes(np.ones(3), np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"bias must have shape \(2,\)"):
        nn.check_shapes(np.ones((4, 3)), np.ones((2, 3)), np.ones(3))


def test_activation_stats_find_dead_and_saturated_units():
    rng = np.random.default_rng(0)
    net = nn.Network([nn.Dense(10, 20, "relu", rng=rng), nn.Dense(20, 5, "sigmoid", rng=rng)])
    net.layers[0].bias[:5] = -100.0  # five dead units
    net.layers[1].weights *= 100.0  # saturated sigmoids
    net.forward(rng.normal(size=(256, 10)))
    first, second = nn.activation_stats(net)
    assert first.fraction_dead_units == 0.25 and first.fraction_zero > 0.25
    assert first.fraction_saturated is None
    assert second.fraction_saturated > 0.8
    from_caches = nn.activation_stats(net.caches, bounds=(0.0, 1.0))
    assert from_caches[1].fraction_saturated == second.fraction_saturated


def test_gradient_check_catches_a_wrong_gradient():
    w = np.array([1.0, 2.0])
    assert nn.gradient_check(lambda: float(np.sum(w**2)), [w], [2 * w]) < 1e-9
    assert nn.gradient_check(lambda: float(np.sum(w**2)), [w], [3 * w]) > 0.1
    np.testing.assert_array_equal(w, [1.0, 2.0])  # restored


# ------------------------------------------------------------------- training and neuron
def test_train_validates_and_returns_history():
    X, y = nn.xor()
    net = nn.Network.from_sizes([2, 4, 1], output_activation="sigmoid", rng=0)
    history = nn.train(net, X, y, "binary_cross_entropy_with_logits", nn.SGD(0.5), 5, batch_size=2)
    assert len(history) == 5 and all(np.isfinite(history))
    with pytest.raises(ValueError, match="unknown loss"):
        nn.train(net, X, y, "hinge", nn.SGD(0.1), 1)
    with pytest.raises(ValueError, match="one target per sample"):
        nn.train(net, X, y[:3], "mse", nn.SGD(0.1), 1)


def test_neuron_errors():
    with pytest.raises(ValueError, match=r"inputs must have shape \(2,\) or \(batch, 2\)"):
        nn.pre_activation([1, 2, 3], [0.1, 0.2], 0.0)


def test_import_is_light():
    code = "import sys, nnref; print(sorted({'scipy', 'matplotlib'} & set(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_interpolation_network_joins_the_points_it_was_given():
    network = nn.interpolation_network(np.sin, 0.0, np.pi, 8)
    knots = np.linspace(0.0, np.pi, 9)
    np.testing.assert_allclose(network.forward(knots[:, None])[:, 0], np.sin(knots),
                               atol=1e-15)
    assert network.count_parameters() == 8 + 8 + 8 + 1
    with pytest.raises(ValueError, match="one value per knot"):
        nn.interpolation_network(lambda k: k[:-1], 0.0, 1.0, 4)


@pytest.mark.parametrize("depth", [1, 2, 5])
def test_sawtooth_network_has_two_to_the_depth_pieces(depth):
    network = nn.sawtooth_network(depth)
    corners = np.linspace(0.0, 1.0, 2**depth + 1)  # alternately 0 and 1
    expected = np.arange(2**depth + 1) % 2
    np.testing.assert_allclose(network.forward(corners[:, None])[:, 0], expected, atol=1e-12)
    assert network.count_parameters() == 6 * depth + 1
