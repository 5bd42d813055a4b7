"""Optimisers: update rules, validation, dtype."""

# Matrices keep their mathematical names (X, W), as in the course.

import math

import numpy as np
import pytest

from nnref.optim import SGD, Adam, Momentum


@pytest.mark.parametrize("cls", [SGD, Momentum, Adam])
@pytest.mark.parametrize("lr", [0, -0.1, float("nan"), float("inf")])
def test_learning_rate_must_be_positive(cls, lr):
    with pytest.raises(ValueError, match="learning rate lr must be in"):
        cls(lr=lr)


def test_other_hyperparameters_are_checked():
    with pytest.raises(ValueError, match="beta"):
        Momentum(0.1, beta=1.0)
    with pytest.raises(ValueError, match="beta2"):
        Adam(beta2=-0.1)
    with pytest.raises(ValueError, match="eps"):
        Adam(eps=0)
    with pytest.raises(TypeError, match="learning rate"):
        SGD(lr="0.1")


def test_step_checks_shapes():
    with pytest.raises(ValueError, match=r"gradient 0 has shape \(3,\).*shape \(2,\)"):
        SGD(0.1).step([np.zeros(2)], [np.zeros(3)])
    with pytest.raises(ValueError, match="2 parameter arrays but 1 gradients"):
        SGD(0.1).step([np.zeros(2), np.zeros(2)], [np.zeros(2)])


def test_momentum_matches_its_formula():
    x = np.array([1.0])
    opt = Momentum(lr=0.1, beta=0.9)
    opt.step([x], [np.array([1.0])])
    opt.step([x], [np.array([1.0])])
    assert x[0] == pytest.approx(1.0 - 0.1 * 1.0 - 0.1 * 1.9)


def test_adam_matches_a_reference_loop():
    rng = np.random.default_rng(0)
    p = rng.normal(size=5)
    reference = p.copy()
    m = v = np.zeros(5)
    opt = Adam(lr=0.01)
    for t in range(1, 6):
        g = rng.normal(size=5)
        opt.step([p], [g])
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        reference -= 0.01 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
    np.testing.assert_allclose(p, reference, rtol=1e-14)


@pytest.mark.parametrize("cls", [SGD, Momentum, Adam])
def test_float32_stays_float32(cls):
    p = np.ones(3, dtype=np.float32)
    cls(lr=np.float64(0.1)).step([p], [np.ones(3, dtype=np.float32)])
    assert p.dtype == np.float32 and math.isclose(float(p[0]), 0.9, rel_tol=1e-6)
