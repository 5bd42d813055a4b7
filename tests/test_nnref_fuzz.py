"""Fuzz test of the public nnref API: every name in ``nnref.__all__`` is called here.

Arguments are drawn widely: arrays of float16, float32, float64, int8, int64 and bool, of
0 to 3 axes including empty ones, with values over each dtype's whole range, and wrong
types and shapes. Every call must either return a result of the documented dtype and
shape (finite where the mathematics is) or raise a ValueError or TypeError *raised by
nnref itself* with a message; a NumPy error surfacing from inside NumPy, any other
exception, or any warning fails. The dtype expected is the package's one rule (API page):
parameters' dtype if the object has any, else the first array's, integers and booleans
counting as float64.

Where a value is bounded below the dtype's whole range (layers, losses, preprocessing),
the reason is that the exact result of a product or a sum of squares there is beyond the
dtype, and NumPy's overflow warning for it is right.
"""

from __future__ import annotations

import math
import traceback
import warnings
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

import nnref as nn
from nnref.losses import LOSSES

NNREF_DIR = Path(nn.__file__).parent
FLOATS = [np.float16, np.float32, np.float64]
DTYPES = [*FLOATS, np.int8, np.int64, np.bool_]
FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def working(dtype: np.dtype) -> np.dtype:
    """The dtype rule for functions: floating stays, integers and booleans are float64."""
    dtype = np.dtype(dtype)
    return dtype if dtype.kind == "f" else np.dtype(np.float64)


def elements(dtype, bound: float | None = None, infinities: bool = True):
    dtype = np.dtype(dtype)
    if dtype.kind == "b":
        return st.booleans()
    if dtype.kind in "iu":
        info = np.iinfo(dtype)
        if bound is None:
            return None  # the whole integer range
        return st.integers(max(info.min, -int(bound)), min(info.max, int(bound)))
    if bound is not None:
        bound = min(bound, float(np.finfo(dtype).max))
        return st.floats(-bound, bound, width=dtype.itemsize * 8)
    return st.floats(width=dtype.itemsize * 8, allow_nan=False, allow_infinity=infinities)


def any_array(dtypes=DTYPES, shape=None, bound=None, infinities=True):
    if shape is None:
        shape = array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)
    return st.sampled_from(dtypes).flatmap(
        lambda d: arrays(d, shape, elements=elements(d, bound, infinities))
    )


junk = st.sampled_from(
    [None, "abc", ["a", "b"], [[1.0, 2.0], [3.0]], {"x": 1}, 1 + 2j, np.array(["x"]), object()]
)


REFUSED = object()


def outcome(function, *args, **kwargs):
    """Call ``function``; return its result, or REFUSED after a clear error from nnref."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            return function(*args, **kwargs)
        except (ValueError, TypeError) as error:
            raiser = traceback.extract_tb(error.__traceback__)[-1].filename
            assert Path(raiser).is_relative_to(NNREF_DIR), (
                f"{type(error).__name__} from outside nnref ({raiser}): {error}"
            )
            assert len(str(error)) > 15, f"an unclear message: {error!r}"
            return REFUSED


def check_like(result, dtype, shape):
    assert isinstance(result, np.ndarray | np.floating), type(result)
    assert result.dtype == dtype and np.shape(result) == tuple(shape)


# ------------------------------------------------------------------ element-wise
ELEMENTWISE = [
    "identity",
    "step",
    "sigmoid",
    "tanh",
    "relu",
    "elu",
    "selu",
    "gelu",
    "gelu_tanh",
    "swish",
    "silu",
    "mish",
    "softplus",
    "leaky_relu",
]


@pytest.mark.parametrize("name", ELEMENTWISE)
@FAST
@given(z=any_array())
def test_elementwise_activations_and_their_derivatives(name, z):
    function = getattr(nn, name)
    derivative = nn.DERIVATIVES[name]
    for f in (function, derivative):
        result = outcome(f, z)
        assert result is not REFUSED, "an array of numbers is always valid input"
        check_like(result, working(z.dtype), z.shape)
        assert not np.any(np.isnan(result))
        finite = np.isfinite(z) & (np.abs(z.astype(np.float64)) < np.finfo(result.dtype).max / 2)
        assert np.all(np.isfinite(result[finite]))


@FAST
@given(z=any_array(), slope=st.floats(0, 1), alpha=st.floats(0, 10), bad=junk)
def test_activations_with_hyperparameters_and_junk(z, slope, alpha, bad):
    check_like(outcome(nn.leaky_relu, z, slope), working(z.dtype), z.shape)
    check_like(outcome(nn.elu, z, alpha), working(z.dtype), z.shape)
    units = z.shape[-1] if z.ndim else 1
    for s in (slope, np.full(units, slope)) if z.ndim else (slope,):
        result = outcome(nn.prelu, z, s)
        check_like(result, working(z.dtype), z.shape)
        assert not np.any(np.isnan(result))
    assert outcome(nn.prelu, z, np.ones(units + 2)) is REFUSED
    for name in ELEMENTWISE:
        assert outcome(getattr(nn, name), bad) is REFUSED
    assert outcome(nn.leaky_relu, z, bad) is REFUSED
    assert outcome(nn.get_activation, bad if isinstance(bad, str) else "nope") is REFUSED


NORMALISERS = ["softmax", "log_softmax"]
INITIALISER_NAMES = [
    "he_normal",
    "he_uniform",
    "lecun_normal",
    "lecun_uniform",
    "glorot_normal",
    "glorot_uniform",
]


@pytest.mark.parametrize("name", NORMALISERS)
@FAST
@given(z=any_array(), axis=st.integers(-3, 3))
def test_softmax_and_log_softmax(name, z, axis):
    result = outcome(getattr(nn, name), z, axis)
    if result is REFUSED:
        return
    check_like(result, working(z.dtype), z.shape)
    if name == "softmax":
        assert np.all((result >= 0) & (result <= 1))
        totals = result.astype(np.float64).sum(axis=axis)
        np.testing.assert_allclose(totals, 1.0, atol=z.shape[axis] * 4 * np.finfo(result.dtype).eps)
    else:
        assert np.all(result <= 0)


@FAST
@given(x=any_array(), bad=junk)
def test_erf_and_erfc(x, bad):
    from nnref.special import erf, erfc

    for f, low, high in ((erf, -1, 1), (erfc, 0, 2)):
        result = outcome(f, x)
        check_like(result, working(x.dtype), x.shape)
        assert np.all((result >= low) & (result <= high))
        assert outcome(f, bad) is REFUSED


# ------------------------------------------------------------------ neuron
@FAST
@given(
    x=any_array(),
    weights=any_array(shape=array_shapes(max_dims=2, min_side=0, max_side=4)),
    bias=st.one_of(st.floats(-1e3, 1e3), junk),
)
def test_pre_activation_and_neuron(x, weights, bias):
    for f in (nn.pre_activation, nn.neuron):
        result = outcome(f, x, weights, bias)
        if result is REFUSED:
            continue
        expected_shape = () if x.ndim == 1 else x.shape[:1]
        check_like(np.asarray(result), working(x.dtype), expected_shape)


# ------------------------------------------------------------------ losses
@pytest.mark.parametrize("name", sorted(LOSSES))
@FAST
@given(data=st.data())
def test_losses_and_their_gradients(name, data):
    loss = LOSSES[name]
    dtype = data.draw(st.sampled_from(FLOATS))
    batch = data.draw(st.integers(0, 4))
    classes = 3 if name.startswith("categorical") else 1
    shape = data.draw(st.sampled_from([(batch, classes), (batch,)]))
    low, high = (0.0, 1.0) if name == "binary_cross_entropy" else (-1e4, 1e4)
    prediction = data.draw(arrays(dtype, shape, elements=st.floats(low, high, width=16)))
    target = data.draw(
        st.one_of(
            arrays(np.int64, (batch,), elements=st.integers(-1, 3)),
            arrays(
                np.float64,
                st.sampled_from([shape, (batch, classes), (classes, batch)]),
                elements=st.floats(-0.5, 1.5),
            ),
            junk,
        )
    )
    value = outcome(getattr(nn, name), prediction, target)
    assert getattr(nn, name) is loss.value
    gradient = outcome(loss.gradient, prediction, target)
    assert (value is REFUSED) == (gradient is REFUSED)
    if value is not REFUSED:
        assert isinstance(value, float) and value >= 0 and math.isfinite(value)
        check_like(gradient, np.dtype(dtype), prediction.shape)
        assert np.all(np.isfinite(gradient))


# ------------------------------------------------------------------ layers and training
@FAST
@given(data=st.data())
def test_dense_prelu_dropout_and_network(data):
    layer_dtype = data.draw(st.sampled_from(FLOATS))
    n_in, n_out = data.draw(st.integers(1, 4)), data.draw(st.integers(1, 4))
    activation = data.draw(st.sampled_from(sorted(nn.ACTIVATIONS)))
    dense = nn.Dense(n_in, n_out, activation, rng=0, dtype=layer_dtype)
    prelu = nn.PReLU(n_out, dtype=layer_dtype)
    dropout = nn.Dropout(data.draw(st.floats(0, 0.9)), rng=0)
    X = data.draw(
        any_array(
            shape=st.sampled_from([(n_in,), (3, n_in), (0, n_in), (2, n_in + 1), (n_in, 2, 1)]),
            bound=100,
        )
    )
    hidden = outcome(dense.forward, X)
    for layer, expected in ((dense, layer_dtype), (prelu, layer_dtype), (dropout, None)):
        inputs = X if layer is dense or hidden is REFUSED else hidden
        out = outcome(layer.forward, inputs)
        if out is REFUSED:
            continue
        check_like(out, np.dtype(expected or working(np.asarray(inputs).dtype)), out.shape)
        grad = data.draw(
            st.sampled_from(
                [np.ones_like(out), np.ones((*out.shape[::-1], 1)), np.ones(out.size + 1)]
            )
        )
        back = outcome(layer.backward, grad)
        if back is not REFUSED:
            assert back.dtype == (expected or working(np.asarray(inputs).dtype))
    assert outcome(nn.Dense, data.draw(junk), 2) is REFUSED
    wrong_dtype = data.draw(st.sampled_from([np.int8, "U3", "x"]))
    assert outcome(nn.Dense, 2, 2, dtype=wrong_dtype) is REFUSED
    network = nn.Network(
        [
            nn.Dense(n_in, n_out, "tanh", rng=0, dtype=layer_dtype),
            prelu,
            nn.Dense(n_out, 2, "softmax", rng=1, dtype=layer_dtype),
        ]
    )
    out = outcome(network.forward, X)
    if out is not REFUSED:
        assert out.dtype == layer_dtype
        batch = len(np.atleast_2d(out))
        labels = data.draw(arrays(np.int64, (batch,), elements=st.integers(-1, 2)))
        loss = "categorical_cross_entropy_with_logits"
        result = outcome(network.loss_and_gradients, X, labels, loss)
        if result is not REFUSED:
            assert all(g.dtype == layer_dtype for g in result[1])
        assert outcome(network.classify, X).dtype == np.int64


@FAST
@given(data=st.data())
def test_train_and_optimisers(data):
    dtype = data.draw(st.sampled_from(FLOATS))
    n = data.draw(st.integers(0, 6))
    X = data.draw(arrays(dtype, (n, 2), elements=st.floats(-10, 10, width=16)))
    y = data.draw(
        st.one_of(
            arrays(np.int64, (n,), elements=st.integers(0, 1)),
            arrays(np.int64, (n + 1,), elements=st.integers(0, 1)),
            junk,
        )
    )
    make = data.draw(st.sampled_from([nn.SGD, nn.Momentum, nn.Adam]))
    network = nn.Network.from_sizes([2, 3, 1], "tanh", "sigmoid", rng=0, dtype=dtype)
    history = outcome(
        nn.train,
        network,
        X,
        y,
        "binary_cross_entropy_with_logits",
        make(0.1),
        data.draw(st.sampled_from([1, 2, 0, 1.5])),
        data.draw(st.sampled_from([None, 1, 4, 0])),
        validation=data.draw(st.sampled_from([None, (X, y), (X[:, :1], y), (X,)])),
        patience=data.draw(st.sampled_from([None, 1, 0, 2.0])),
    )
    if history is not REFUSED:
        assert isinstance(history, nn.History)
        assert all(isinstance(v, float) and math.isfinite(v) for v in history)
        assert all(isinstance(v, float) for v in history.validation_loss)
        assert all(p.dtype == dtype for p in network.parameters())
    params = [np.ones(3, dtype=dtype), data.draw(any_array(bound=10))]
    before = [p.copy() for p in params]
    grads = [np.ones(3), data.draw(st.one_of(any_array(bound=10), junk))]
    if outcome(make(data.draw(st.floats(1e-4, 1))).step, params, grads) is REFUSED:
        for old, new in zip(before, params, strict=True):
            np.testing.assert_array_equal(old, new)  # an error changes nothing
    else:
        assert params[0].dtype == dtype
    assert outcome(make, data.draw(st.one_of(junk, st.floats(-1, 0)))) is REFUSED


# ------------------------------------------------------------------ everything else
@FAST
@given(X=any_array(bound=1e150), axis=st.integers(-2, 2), bad=junk)
def test_preprocessing(X, axis, bad):
    for f in (
        nn.standardise,
        lambda data: nn.Standardiser().fit_transform(data),
        lambda data: nn.min_max_scale(data, axis),
    ):
        result = outcome(f, X)
        if result is not REFUSED:
            assert result.dtype == working(X.dtype) and np.all(np.isfinite(result))
    assert outcome(nn.min_max_scale, bad) is REFUSED
    assert outcome(nn.standardise, X, mean="abc" if bad is None else bad, scale=1.0) is REFUSED


@FAST
@given(
    n_in=st.one_of(st.integers(-2, 5), junk),
    n_out=st.integers(-2, 5),
    dtype=st.sampled_from([*FLOATS, np.int32, "U3"]),
    rng=st.one_of(st.integers(0, 9), junk),
)
def test_initialisers_and_parameter_counts(n_in, n_out, dtype, rng):
    for name in INITIALISER_NAMES:
        W = outcome(getattr(nn, name), n_in, n_out, rng, dtype)
        if W is not REFUSED:
            check_like(W, np.dtype(dtype), (n_out, n_in))
            assert np.all(np.isfinite(W))
    count = outcome(nn.dense_parameters, n_in, n_out)
    assert count is REFUSED or count == n_in * n_out + n_out
    for sizes in ([n_in, n_out], [n_in, n_out, 2]):
        count = outcome(nn.count_parameters, sizes)
        text = outcome(nn.summary, sizes)
        assert (count is REFUSED) == (text is REFUSED)
        if count is not REFUSED:
            assert text.splitlines()[-1].endswith(f"{count:,}")


@FAST
@given(X=any_array(bound=10), W=any_array(bound=10), b=st.one_of(any_array(bound=10), junk))
def test_shapes_and_layout_helpers(X, W, b):
    shape = outcome(nn.check_shapes, X, W, b)
    if shape is not REFUSED:
        assert shape == (X.shape[0], W.shape[0])
    for f in (nn.from_in_out, nn.to_in_out, nn.from_column_major, nn.to_column_major):
        result = outcome(f, W, b)
        if result is not REFUSED:
            assert result[0].dtype == working(W.dtype) and result[0].ndim == 2


@FAST
@given(
    x=any_array(dtypes=FLOATS, bound=1e3),
    eps=st.sampled_from([1e-6, 1e-3, 0.0, -1.0]),
    bad=st.sampled_from([math.nan, math.inf]),
)
def test_diagnostics(x, eps, bad):
    x = np.ascontiguousarray(x)
    before = x.copy()
    grad = outcome(
        nn.numerical_gradient, lambda v: float(np.sum(v.astype(np.float64) ** 2)), x, eps
    )
    np.testing.assert_array_equal(x, before)
    if grad is not REFUSED:
        check_like(grad, x.dtype, x.shape)
    if x.size and grad is not REFUSED:
        error = outcome(nn.gradient_check, lambda: bad, [x], [np.zeros_like(x)], eps)
        assert error == math.inf
    stats = outcome(nn.activation_stats, [x])
    if stats is not REFUSED:
        assert len(stats) == 1 and stats[0].layer == 1
    assert outcome(nn.activation_stats, x) is REFUSED


@FAST
@given(
    n=st.one_of(st.integers(-2, 60), junk),
    noise=st.floats(-1, 1),
    arms=st.integers(0, 4),
    low=st.floats(-5, 5),
    high=st.floats(-5, 5),
    width=st.integers(0, 5),
)
def test_data_and_constructions(n, noise, arms, low, high, width):
    result = outcome(nn.spirals, n, noise, 0, arms)
    if result is not REFUSED:
        X, y = result
        assert X.shape == (n, 2) and X.dtype == np.float64 and y.dtype == np.int64
    network = outcome(nn.interpolation_network, np.sin, low, high, width)
    if network is not REFUSED:
        out = network.forward(np.linspace(low, high, 7)[:, None])
        assert out.shape == (7, 1) and np.all(np.isfinite(out))
    sawtooth = outcome(nn.sawtooth_network, width)
    if sawtooth is not REFUSED:
        assert sawtooth.forward(np.array([[0.0]])).tolist() == [[0.0]]
    for f in (nn.xor, nn.delivery_orders, nn.delay_risk_orders):
        assert f() is not REFUSED


CONSTANTS = {
    "ACTIVATIONS",
    "DERIVATIVES",
    "INITIALISERS",
    "LOSSES",
    "SELU_ALPHA",
    "SELU_LAMBDA",
    "LayerCache",
}


def test_every_public_name_is_fuzzed():
    """A new public name must be added to one of the tests above (or to CONSTANTS)."""
    source = Path(__file__).read_text(encoding="utf8")
    called = {name for name in nn.__all__ if f"nn.{name}" in source}
    called |= {*ELEMENTWISE, *NORMALISERS, *INITIALISER_NAMES, *LOSSES}
    missing = set(nn.__all__) - called - CONSTANTS
    assert not missing, f"public names the fuzz test never calls: {sorted(missing)}"
