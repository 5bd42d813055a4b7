"""Losses: values, stability at extremes, gradients, errors."""

# Matrices keep their mathematical names (X, W), as in the course.

import numpy as np
import pytest
import scipy.special as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnref.losses as L  # noqa: N812
from nnref.activations import sigmoid
from nnref.diagnostics import numerical_gradient


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_losses_are_finite_and_silent_at_extremes(dtype):
    z = np.array([-1e4, -50.0, 0.0, 50.0, 1e4], dtype=dtype)
    y = np.array([1, 0, 1, 1, 0], dtype=dtype)
    values = [
        L.mse(z, y),
        L.binary_cross_entropy(sigmoid(z), y),
        L.binary_cross_entropy_with_logits(z, y),
        L.categorical_cross_entropy_with_logits(
            np.stack([z, -z, z[::-1]], axis=1), np.array([0, 1, 2, 0, 1])
        ),
    ]
    assert all(np.isfinite(v) for v in values)
    grads = [
        L.mse_gradient(z, y),
        L.binary_cross_entropy_gradient(sigmoid(z), y),
        L.binary_cross_entropy_with_logits_gradient(z, y),
        L.categorical_cross_entropy_with_logits_gradient(
            np.stack([z, -z], axis=1), np.array([0, 1, 1, 0, 1])
        ),
    ]
    assert all(g.dtype == dtype and np.all(np.isfinite(g)) for g in grads)


def test_bce_from_logits_is_exact_where_probabilities_clip():
    # sigmoid(-40) rounds to 4e-18 < EPSILON: the clipped loss is 16.1, the true one 40.
    assert abs(L.binary_cross_entropy_with_logits([-40.0], [1]) - 40.0) < 1e-12
    assert abs(L.binary_cross_entropy(sigmoid([-40.0]), [1]) + np.log(L.EPSILON)) < 1e-9


def test_bce_agrees_with_scipy_xlogy():
    rng = np.random.default_rng(0)
    p = rng.uniform(0.01, 0.99, 100)
    y = rng.integers(0, 2, 100).astype(float)
    expected = -np.mean(sp.xlogy(y, p) + sp.xlogy(1 - y, 1 - p))
    assert abs(L.binary_cross_entropy(p, y) - expected) < 1e-14
    z = sp.logit(p)
    assert abs(L.binary_cross_entropy_with_logits(z, y) - expected) < 1e-12


def test_categorical_labels_and_one_hot_agree():
    z = np.random.default_rng(1).normal(size=(5, 4))
    labels = np.array([0, 3, 1, 1, 2])
    assert L.categorical_cross_entropy_with_logits(z, labels) == pytest.approx(
        L.categorical_cross_entropy_with_logits(z, np.eye(4)[labels]), rel=1e-15
    )
    expected = -np.mean(sp.log_softmax(z, axis=1)[np.arange(5), labels])
    assert L.categorical_cross_entropy_with_logits(z, labels) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("name", sorted(L.LOSSES))
def test_loss_gradients_against_finite_differences(name):
    rng = np.random.default_rng(2)
    loss = L.LOSSES[name]
    if name == "categorical_cross_entropy_with_logits":
        pred, target = rng.normal(size=(6, 4)), rng.integers(0, 4, 6)
    elif name == "binary_cross_entropy":
        pred, target = rng.uniform(0.05, 0.95, (6, 1)), rng.integers(0, 2, (6, 1))
    else:
        pred, target = rng.normal(size=(6, 1)), rng.integers(0, 2, (6, 1))
    numeric = numerical_gradient(lambda p: loss.value(p, target), pred)
    np.testing.assert_allclose(loss.gradient(pred, target), numeric, rtol=1e-6, atol=1e-9)


@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, st.integers(1, 20), elements=st.floats(-1e4, 1e4)))
def test_bce_with_logits_is_non_negative_and_matches_clipped_bce(z):
    y = (z > 0).astype(float)
    value = L.binary_cross_entropy_with_logits(z, y)
    assert value >= 0
    if np.all(np.abs(z) < 15):  # where clipping does not bite
        assert value == pytest.approx(L.binary_cross_entropy(sigmoid(z), y), rel=1e-6, abs=1e-9)


def test_loss_errors():
    with pytest.raises(ValueError, match=r"prediction has shape \(3,\) but target has shape"):
        L.mse([1.0, 2.0, 3.0], [1.0, 2.0])
    with pytest.raises(ValueError, match=r"probabilities in \[0, 1\].*with_logits"):
        L.binary_cross_entropy([1.5], [1])
    with pytest.raises(ValueError, match=r"class labels must be in 0..2"):
        L.categorical_cross_entropy_with_logits(np.zeros((2, 3)), [0, 3])
    with pytest.raises(ValueError, match=r"integer class labels of shape \(2,\)"):
        L.categorical_cross_entropy_with_logits(np.zeros((2, 3)), [[0, 1]])
    with pytest.raises(ValueError, match="unknown loss 'cross_entropy'"):
        L.get_loss("cross_entropy")


def test_batch_column_target_shapes():
    assert L.mse(np.zeros((3, 1)), [1.0, 1.0, 1.0]) == 1.0
    assert L.mse_gradient(np.zeros((3, 1)), [1, 1, 1]).shape == (3, 1)
