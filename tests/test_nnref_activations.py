"""Activations: values, dtypes, extremes, derivatives, properties and SciPy oracles."""

# Matrices keep their mathematical names (X, W), as in the course.

import math

import numpy as np
import pytest
import scipy.special as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import nnref.activations as act

ELEMENTWISE = sorted(set(act.DERIVATIVES) & set(act.ACTIVATIONS))
SMOOTH = ["sigmoid", "tanh", "gelu", "gelu_tanh", "swish", "mish", "softplus", "identity"]
MONOTONIC = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu", "softplus", "identity", "step"]
EXTREMES = [-1e4, -710.0, -100.0, -1.0, -1e-30, 0.0, 1e-30, 1.0, 100.0, 710.0, 1e4]

finite = st.floats(-1e4, 1e4, allow_nan=False, allow_infinity=False)
moderate = st.floats(-30, 30, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("name", sorted(act.ACTIVATIONS))
def test_activation_extremes_are_finite_silent_and_keep_dtype(name, dtype):
    z = np.array(EXTREMES, dtype=dtype)
    a = act.ACTIVATIONS[name](z)  # any overflow/underflow/invalid warning fails the test
    assert a.dtype == dtype and a.shape == z.shape
    assert np.all(np.isfinite(a))
    if name in act.DERIVATIVES:
        d = act.DERIVATIVES[name](z)
        assert d.dtype == dtype and np.all(np.isfinite(d))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_log_softmax_and_prelu_extremes(dtype):
    z = np.array([EXTREMES, EXTREMES[::-1]], dtype=dtype)
    for out in (
        act.log_softmax(z),
        act.prelu(z, np.float64(0.25)),
        act.prelu_derivative(z, np.array([0.25])),
        act.prelu_slope_derivative(z),
        act.softmax_backward(act.softmax(z), np.ones_like(z)),
    ):
        assert out.dtype == dtype and np.all(np.isfinite(out))


def test_float64_scalars_do_not_upcast_float32():
    z = np.linspace(-3, 3, 7, dtype=np.float32)
    assert act.leaky_relu(z, np.float64(0.1)).dtype == np.float32
    assert act.elu(z, np.float64(1.0)).dtype == np.float32
    assert act.prelu(z, np.array([0.25], dtype=np.float64)).dtype == np.float32


def test_integer_and_list_input_become_float64():
    assert act.relu([1, -2]).dtype == np.float64
    assert act.sigmoid(np.array([1, 2], dtype=np.int32)).dtype == np.float64
    with pytest.raises(TypeError, match="numeric"):
        act.relu(["a"])


def test_registry_error_lists_valid_names():
    with pytest.raises(ValueError, match=r"unknown activation 'rellu'.*'relu'.*'sigmoid'"):
        act.get_activation("rellu")
    assert act.ACTIVATIONS["silu"] is act.swish


def test_invalid_hyperparameters():
    with pytest.raises(ValueError, match="negative_slope"):
        act.leaky_relu([1.0], negative_slope=2.0)
    with pytest.raises(ValueError, match="alpha"):
        act.elu([1.0], alpha=-1.0)


def test_known_values():
    z = np.array([-2.0, -0.5, 0.0, 1.0, 2.0])
    np.testing.assert_allclose(act.tanh(z), np.tanh(z))
    np.testing.assert_allclose(act.leaky_relu(z, 0.1), np.where(z > 0, z, 0.1 * z))
    np.testing.assert_allclose(act.elu(z), np.where(z > 0, z, np.expm1(z)))
    np.testing.assert_allclose(
        act.selu(z), 1.0507009873554805 * np.where(z > 0, z, 1.6732632423543772 * np.expm1(z))
    )
    np.testing.assert_allclose(act.softplus(z), np.log1p(np.exp(z)))
    np.testing.assert_allclose(act.mish(z), z * np.tanh(np.log1p(np.exp(z))))
    assert act.relu_derivative(0.0) == 0.0 and act.step(0.0) == 0.0


# ------------------------------------------------------------------- SciPy oracles
def test_oracles_against_scipy():
    z = np.linspace(-800, 800, 20001)
    np.testing.assert_allclose(act.sigmoid(z), sp.expit(z), rtol=1e-15, atol=1e-300)
    np.testing.assert_allclose(act.swish(z), z * sp.expit(z), rtol=1e-14, atol=1e-300)
    body = z[z > -5]  # SciPy's ndtr drifts (up to 4e-13) in the left tail
    np.testing.assert_allclose(act.gelu(body), body * sp.ndtr(body), rtol=1e-14, atol=1e-300)
    tail = np.linspace(-38, -5, 2001)
    exact = np.array([v * 0.5 * math.erfc(-v / math.sqrt(2)) for v in tail])
    # Rounding z / sqrt(2) costs up to 2 x^2 ulp here (erfc's condition number): ~1e-13.
    np.testing.assert_allclose(act.gelu(tail), exact, rtol=3e-13, atol=1e-300)
    logits = np.random.default_rng(0).normal(scale=50, size=(200, 7))
    for axis in (0, 1, -1):
        np.testing.assert_allclose(
            act.softmax(logits, axis), sp.softmax(logits, axis), rtol=1e-13, atol=1e-300
        )
        np.testing.assert_allclose(
            act.log_softmax(logits, axis), sp.log_softmax(logits, axis), rtol=1e-13, atol=1e-12
        )


def test_gelu_tanh_is_close_to_exact_gelu():
    z = np.linspace(-10, 10, 10001)
    assert np.max(np.abs(act.gelu_tanh(z) - act.gelu(z))) < 1e-3


# ------------------------------------------------------------------- derivatives
@pytest.mark.parametrize("name", ELEMENTWISE)
def test_derivatives_against_finite_differences(name):
    f, df = act.ACTIVATIONS[name], act.DERIVATIVES[name]
    z = np.random.default_rng(1).uniform(-6, 6, 2000)
    z = z[np.abs(z) > 1e-3]  # away from the kinks of relu/leaky_relu/elu/step
    h = 1e-6
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    np.testing.assert_allclose(df(z), numeric, rtol=1e-6, atol=1e-8)


def test_prelu_derivatives_against_finite_differences():
    rng = np.random.default_rng(2)
    z = rng.uniform(-4, 4, (50, 3))
    z = z[np.all(np.abs(z) > 1e-3, axis=1)]
    slope = np.array([0.1, 0.25, -0.3])
    h = 1e-6
    np.testing.assert_allclose(
        act.prelu_derivative(z, slope),
        (act.prelu(z + h, slope) - act.prelu(z - h, slope)) / (2 * h),
        rtol=1e-7,
        atol=1e-9,
    )
    np.testing.assert_allclose(
        act.prelu_slope_derivative(z) + 0 * slope,
        (act.prelu(z, slope + h) - act.prelu(z, slope - h)) / (2 * h),
        rtol=1e-7,
        atol=1e-9,
    )


def test_softmax_backward_matches_the_jacobian():
    rng = np.random.default_rng(3)
    z, g = rng.normal(size=(4, 5)), rng.normal(size=(4, 5))
    p = act.softmax(z)
    for row in range(4):
        jacobian = np.diag(p[row]) - np.outer(p[row], p[row])
        np.testing.assert_allclose(
            act.softmax_backward(p, g)[row], jacobian @ g[row], rtol=1e-12, atol=1e-15
        )


# ------------------------------------------------------------------- properties
@settings(max_examples=200, deadline=None)
@given(
    arrays(np.float64, st.tuples(st.integers(1, 5), st.integers(1, 6)), elements=finite),
    st.floats(-1e3, 1e3),
)
def test_softmax_rows_sum_to_one_and_are_shift_invariant(z, shift):
    p = act.softmax(z, axis=1)
    assert np.all(p >= 0)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(act.softmax(z + shift, axis=1), p, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(np.exp(act.log_softmax(z, axis=1)), p, rtol=1e-9, atol=1e-300)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(1, 50), elements=finite))
def test_sigmoid_bounded_and_symmetric(z):
    s = act.sigmoid(z)
    assert np.all((s >= 0) & (s <= 1))
    np.testing.assert_allclose(act.sigmoid(-z), 1 - s, rtol=1e-12, atol=1e-15)


@settings(max_examples=100, deadline=None)
@given(arrays(np.float32, st.integers(1, 50), elements=st.floats(-1e4, 1e4, width=32)))
def test_sigmoid_float32_bounded(z):
    s = act.sigmoid(z)
    assert s.dtype == np.float32 and np.all((s >= 0) & (s <= 1))


@pytest.mark.parametrize("name", MONOTONIC)
@settings(max_examples=100, deadline=None)
@given(arrays(np.float64, st.integers(2, 40), elements=finite, unique=True))
def test_monotonic_activations(name, z):
    """Non-decreasing up to rounding: a step down of at most two units in the last place.

    Exact monotonicity is not a property of floating-point formulas with more than one
    rounding: hypothesis found sigmoid(-2.2e-16) = 0.5 but sigmoid(-9.3e-17) =
    0.49999999999999994, one ulp lower. A real fault (a wrong branch, a sign error) moves
    values by far more than that.
    """
    z = np.sort(z)
    values = act.ACTIVATIONS[name](z)
    allowed_drop = 2 * np.spacing(np.abs(values[1:]))
    assert np.all(np.diff(values) >= -allowed_drop)


@pytest.mark.parametrize("name", SMOOTH)
@settings(max_examples=50, deadline=None)
@given(moderate)
def test_smooth_derivatives_property(name, z):
    h = 1e-5
    f, df = act.ACTIVATIONS[name], act.DERIVATIVES[name]
    numeric = (f(z + h) - f(z - h)) / (2 * h)
    assert abs(float(df(z)) - float(numeric)) <= 1e-6 * max(1.0, abs(float(numeric)))
