"""Activation functions and their derivatives.

Every activation takes an array of pre-activations ``z`` of any shape and returns an
array of the same shape and floating dtype (float32 stays float32; integers become
float64). Every derivative ``<name>_derivative(z)`` takes the same ``z`` (not the
activation) and returns ``d activation / d z`` element-wise. Softmax is the exception:
its derivative is a Jacobian, so ``softmax_backward`` applies it to an upstream
gradient instead.

Every activation and derivative is safe over the whole floating range, in float16,
float32 and float64: no overflow, underflow or invalid-value warning, never NaN for a
number, and the limits at ``+-inf`` (``swish(-inf)`` is 0, not ``-inf * 0``). A finite
input gives a finite result unless the exact result is beyond the dtype's largest number,
which only ``selu`` (scale 1.05) can reach. ``tests/test_nnref_robustness.py`` checks
this with hypothesis over every float of each dtype, and the symmetries
``tanh(-z) = -tanh(z)`` and ``sigmoid'(-z) = sigmoid'(z)`` exactly.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from nnref._validation import FloatArray, as_float_array, real_number, unknown_name
from nnref.special import erfc

Activation = Callable[[ArrayLike], FloatArray]

#: SELU constants from Klambauer et al. (2017), "Self-Normalizing Neural Networks".
SELU_LAMBDA = 1.0507009873554805
SELU_ALPHA = 1.6732632423543772
_SQRT_2_OVER_PI = math.sqrt(2.0 / math.pi)
_INV_SQRT_2 = 1.0 / math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
_GELU_CUBIC = 0.044715
#: Beyond this ``|z|`` the normal density ``exp(-z^2 / 2)`` is below the smallest float64
#: (``exp(-800)``), and ``tanh`` in the tanh-GELU is exactly +-1 in every float dtype.
_TAILS_ARE_FLAT = 40.0


def _floor_finite(z: FloatArray) -> FloatArray:
    """``z`` with ``-inf`` replaced by the most negative finite number of its dtype.

    ``swish``, ``gelu`` and ``mish`` are ``z`` times a factor that falls to 0 faster than
    ``z`` grows as ``z -> -inf``, so their limit there is 0; IEEE arithmetic would give
    ``-inf * 0 = NaN``. Every finite ``z`` is left as it is.
    """
    return np.maximum(z, np.finfo(z.dtype).min)


def _clip_finite(z: FloatArray) -> FloatArray:
    """``z`` with ``+-inf`` replaced by the largest finite numbers (for the derivatives,
    whose ``z * factor`` terms vanish at both ends)."""
    info = np.finfo(z.dtype)
    return np.clip(z, info.min, info.max)


def identity(z: ArrayLike) -> FloatArray:
    """Identity (linear) activation, ``f(z) = z``; used for regression outputs.

    Examples
    --------
    >>> print(identity([-2.0, 3.0]))
    [-2.  3.]
    """
    return as_float_array(z, "z")


def identity_derivative(z: ArrayLike) -> FloatArray:
    """Derivative of ``identity``: ones, same shape as ``z``."""
    return np.ones_like(as_float_array(z, "z"))


def step(z: ArrayLike) -> FloatArray:
    """Heaviside step: 1 where ``z > 0``, else 0 (Rosenblatt's threshold unit).

    Its derivative is 0 almost everywhere, which is why it cannot be trained by
    gradient descent.

    Examples
    --------
    >>> print(step([-0.5, 0.0, 3.95]))
    [0. 0. 1.]
    """
    z = as_float_array(z, "z")
    return (z > 0).astype(z.dtype)


def step_derivative(z: ArrayLike) -> FloatArray:
    """Derivative of ``step``: 0 everywhere (undefined at 0, taken as 0)."""
    return np.zeros_like(as_float_array(z, "z"))


def sigmoid(z: ArrayLike) -> FloatArray:
    """Logistic sigmoid ``1 / (1 + exp(-z))``, stable for any input.

    The naive formula overflows in ``exp(-z)`` for large negative ``z``. Here ``exp``
    only sees ``-|z| <= 0``, so it cannot overflow: with ``e = exp(-|z|)`` the result is
    ``1 / (1 + e)`` for ``z >= 0`` and ``e / (1 + e)`` for ``z < 0``.

    Parameters
    ----------
    z : array_like, any shape
        Pre-activations (logits).

    Returns
    -------
    ndarray, same shape as ``z``
        Values in ``[0, 1]``.

    Examples
    --------
    >>> print(sigmoid([-1000.0, 0.0, 2.6, 1000.0]))
    [0.      0.5     0.93086 1.     ]
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    r = 1.0 / (1.0 + e)
    return np.where(z >= 0, r, e * r)


def sigmoid_derivative(z: ArrayLike) -> FloatArray:
    """``sigmoid(z) * (1 - sigmoid(z))``; at most 0.25, at ``z = 0``.

    Computed as ``e / (1 + e)**2`` with ``e = exp(-|z|)``, which is the same number and
    depends on ``|z|`` only: ``s * (1 - s)`` would give 0 at ``z = 40`` (``s`` rounds to 1)
    but 4.2e-18 at ``z = -40``, and the derivative is an even function.

    Examples
    --------
    >>> print(f"{sigmoid_derivative(0.0):.2f} {sigmoid_derivative(10.0):.2e}")
    0.25 4.54e-05
    """
    z = as_float_array(z, "z")
    e = np.exp(-np.abs(z))
    r = 1.0 / (1.0 + e)
    return e * r * r


def tanh(z: ArrayLike) -> FloatArray:
    """Hyperbolic tangent, values in ``[-1, 1]``, zero-centred.

    Examples
    --------
    >>> print(np.round(tanh([-1.0, 0.0, 1.0]), 4))
    [-0.7616  0.      0.7616]
    """
    return np.tanh(as_float_array(z, "z"))


def tanh_derivative(z: ArrayLike) -> FloatArray:
    """``1 - tanh(z)**2``."""
    t = tanh(z)
    return 1.0 - t * t


def relu(z: ArrayLike) -> FloatArray:
    """Rectified linear unit ``max(z, 0)`` (Nair and Hinton 2010).

    Examples
    --------
    >>> print(relu([-2.0, -0.5, 0.0, 1.0, 2.0]))
    [0. 0. 0. 1. 2.]
    """
    return np.maximum(as_float_array(z, "z"), 0)


def relu_derivative(z: ArrayLike) -> FloatArray:
    """1 where ``z > 0``, else 0 (the derivative at 0 is taken as 0, as in PyTorch)."""
    z = as_float_array(z, "z")
    return (z > 0).astype(z.dtype)


def _slope(negative_slope: float) -> float:
    return real_number(negative_slope, "negative_slope", low=0.0, high=1.0)


def leaky_relu(z: ArrayLike, negative_slope: float = 0.01) -> FloatArray:
    """Leaky ReLU ``max(z, negative_slope * z)`` (Maas et al. 2013).

    Parameters
    ----------
    z : array_like, any shape
    negative_slope : float in [0, 1], default 0.01

    Examples
    --------
    >>> print(leaky_relu([-2.0, 3.0]))
    [-0.02  3.  ]
    """
    return prelu(z, _slope(negative_slope))


def leaky_relu_derivative(z: ArrayLike, negative_slope: float = 0.01) -> FloatArray:
    """1 where ``z > 0``, else ``negative_slope``."""
    z = as_float_array(z, "z")
    slope = _slope(negative_slope)
    return np.where(z > 0, 1.0, slope).astype(z.dtype, copy=False)


def _broadcasts_to(shape: tuple[int, ...], target: tuple[int, ...]) -> bool:
    """Whether an array of ``shape`` broadcasts to ``target`` without changing it."""
    if len(shape) > len(target):
        return False
    return all(n in (1, m) for n, m in zip(shape[::-1], target[::-1], strict=False))


def _slope_array(slope: ArrayLike, z: FloatArray) -> FloatArray:
    """The PReLU slope as an array of ``z``'s dtype (a float64 slope must not upcast)."""
    slope = as_float_array(slope, "slope").astype(z.dtype, copy=False)
    if not _broadcasts_to(slope.shape, z.shape):
        raise ValueError(
            f"slope of shape {slope.shape} must broadcast to z's shape {z.shape}: one slope, "
            "or one per unit in the last axis"
        )
    return slope


def prelu(z: ArrayLike, slope: ArrayLike) -> FloatArray:
    """Parametric ReLU ``z if z > 0 else slope * z`` with a learned slope (He et al. 2015).

    Parameters
    ----------
    z : array_like, shape (batch, units) or any shape
    slope : float or array_like broadcastable to ``z``, e.g. shape (units,)
        One slope shared by all units, or one per unit. PyTorch initialises it to 0.25.

    Examples
    --------
    >>> print(prelu([-2.0, 3.0], 0.25))
    [-0.5  3. ]
    """
    z = as_float_array(z, "z")
    slope = _slope_array(slope, z)
    # A zero slope outputs 0 for every z <= 0, z = -inf included (where 0 * -inf is NaN).
    negative = np.where(slope == 0, 0, np.minimum(z, 0))
    return np.where(z > 0, z, slope * negative)


def prelu_derivative(z: ArrayLike, slope: ArrayLike) -> FloatArray:
    """``d prelu / d z``: 1 where ``z > 0``, else ``slope`` (broadcast to ``z``'s shape)."""
    z = as_float_array(z, "z")
    return np.where(z > 0, np.ones((), z.dtype), _slope_array(slope, z))


def prelu_slope_derivative(z: ArrayLike) -> FloatArray:
    """``d prelu / d slope``: 0 where ``z > 0``, else ``z`` (element-wise, before summing)."""
    z = as_float_array(z, "z")
    return np.minimum(z, 0)


def elu(z: ArrayLike, alpha: float = 1.0) -> FloatArray:
    """Exponential linear unit: ``z`` if ``z > 0`` else ``alpha * (exp(z) - 1)`` (Clevert 2015).

    ``expm1`` is only evaluated on ``min(z, 0)``, so large positive ``z`` cannot overflow.

    Examples
    --------
    >>> print(np.round(elu([-2.0, 0.0, 2.0]), 4))
    [-0.8647  0.      2.    ]
    """
    z = as_float_array(z, "z")
    alpha = real_number(alpha, "alpha", low=0.0)
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0)))


def elu_derivative(z: ArrayLike, alpha: float = 1.0) -> FloatArray:
    """1 where ``z > 0``, else ``alpha * exp(z)``."""
    z = as_float_array(z, "z")
    alpha = real_number(alpha, "alpha", low=0.0)
    return np.where(z > 0, np.ones((), z.dtype), alpha * np.exp(np.minimum(z, 0)))


def selu(z: ArrayLike) -> FloatArray:
    """Scaled ELU ``SELU_LAMBDA * elu(z, SELU_ALPHA)`` (Klambauer et al. 2017).

    With LeCun-normal weights it keeps activations near mean 0 and variance 1.

    Examples
    --------
    >>> print(np.round(selu([-2.0, 0.0, 1.0]), 4))
    [-1.5202  0.      1.0507]
    """
    with np.errstate(over="ignore"):  # inf only where the exact value is beyond the dtype
        return SELU_LAMBDA * elu(z, SELU_ALPHA)


def selu_derivative(z: ArrayLike) -> FloatArray:
    """``SELU_LAMBDA`` where ``z > 0``, else ``SELU_LAMBDA * SELU_ALPHA * exp(z)``."""
    return SELU_LAMBDA * elu_derivative(z, SELU_ALPHA)


def _normal_cdf(z: FloatArray) -> FloatArray:
    """Standard normal CDF ``Phi(z) = erfc(-z / sqrt(2)) / 2`` (accurate in both tails)."""
    return 0.5 * erfc(-_INV_SQRT_2 * z)


def _normal_pdf(z: FloatArray) -> FloatArray:
    with np.errstate(under="ignore"):
        return _INV_SQRT_2PI * np.exp(-0.5 * z * z)


def gelu(z: ArrayLike) -> FloatArray:
    """Exact GELU ``z * Phi(z)``, ``Phi`` the standard normal CDF (Hendrycks and Gimpel 2016).

    This is PyTorch's default (``approximate='none'``); ``Phi`` uses ``nnref.special.erfc``.

    Examples
    --------
    >>> print(np.round(gelu([-2.0, -0.5, 0.0, 1.0, 2.0]), 3))
    [-0.046 -0.154  0.     0.841  1.954]
    """
    z = as_float_array(z, "z")
    return _floor_finite(z) * _normal_cdf(z)


def gelu_derivative(z: ArrayLike) -> FloatArray:
    """``Phi(z) + z * phi(z)``, ``phi`` the standard normal density."""
    z = as_float_array(z, "z")
    tail = np.clip(z, -_TAILS_ARE_FLAT, _TAILS_ARE_FLAT)  # z * phi(z) is 0 beyond: no z * z
    return _normal_cdf(z) + tail * _normal_pdf(tail)


def _gelu_tanh_inner(z: FloatArray) -> FloatArray:
    """``tanh(sqrt(2/pi) (z + 0.044715 z^3))`` for ``z`` already clipped to +-40 (beyond,
    it is exactly +-1, and ``z^3`` would overflow)."""
    return np.tanh(_SQRT_2_OVER_PI * (z + _GELU_CUBIC * z * z * z))


def gelu_tanh(z: ArrayLike) -> FloatArray:
    """GELU, tanh approximation ``0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3)))``.

    PyTorch's ``approximate='tanh'``; within about 1e-3 of the exact ``gelu``.

    Examples
    --------
    >>> print(np.round(gelu_tanh([-2.0, 1.0]), 4))
    [-0.0454  0.8412]
    """
    z = as_float_array(z, "z")
    t = _gelu_tanh_inner(np.clip(z, -_TAILS_ARE_FLAT, _TAILS_ARE_FLAT))
    return 0.5 * _floor_finite(z) * (1.0 + t)


def gelu_tanh_derivative(z: ArrayLike) -> FloatArray:
    """Derivative of ``gelu_tanh``."""
    z = np.clip(as_float_array(z, "z"), -_TAILS_ARE_FLAT, _TAILS_ARE_FLAT)  # flat beyond
    t = _gelu_tanh_inner(z)
    inner_derivative = _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_CUBIC * z * z)
    return 0.5 * (1.0 + t) + 0.5 * z * (1.0 - t * t) * inner_derivative


def swish(z: ArrayLike) -> FloatArray:
    """Swish / SiLU ``z * sigmoid(z)`` (Ramachandran et al. 2017; ``silu`` is an alias).

    Examples
    --------
    >>> print(np.round(swish([-2.0, 0.0, 2.0]), 4))
    [-0.2384  0.      1.7616]
    """
    z = as_float_array(z, "z")
    return _floor_finite(z) * sigmoid(z)


def swish_derivative(z: ArrayLike) -> FloatArray:
    """``s + z * s * (1 - s)`` with ``s = sigmoid(z)``."""
    z = as_float_array(z, "z")
    s = sigmoid(z)
    return s + _clip_finite(z) * s * (1.0 - s)


silu = swish


def softplus(z: ArrayLike) -> FloatArray:
    """Softplus ``log(1 + exp(z))``, a smooth ReLU, computed stably as ``logaddexp(0, z)``.

    Examples
    --------
    >>> print([f"{v:.4f}" for v in softplus([-1000.0, 0.0, 1000.0])])
    ['0.0000', '0.6931', '1000.0000']
    """
    return np.logaddexp(0, as_float_array(z, "z"))


def softplus_derivative(z: ArrayLike) -> FloatArray:
    """The derivative of softplus is the sigmoid."""
    return sigmoid(z)


def mish(z: ArrayLike) -> FloatArray:
    """Mish ``z * tanh(softplus(z))`` (Misra 2019).

    Examples
    --------
    >>> print(np.round(mish([-2.0, 0.0, 2.0]), 4))
    [-0.2525  0.      1.944 ]
    """
    z = as_float_array(z, "z")
    return _floor_finite(z) * np.tanh(softplus(z))


def mish_derivative(z: ArrayLike) -> FloatArray:
    """``tanh(sp) + z * (1 - tanh(sp)**2) * sigmoid(z)`` with ``sp = softplus(z)``."""
    z = as_float_array(z, "z")
    t = np.tanh(softplus(z))
    return t + _clip_finite(z) * (1.0 - t * t) * sigmoid(z)


def _shifted_logits(z: FloatArray, axis: int, name: str) -> FloatArray:
    """``z - max(z)`` along ``axis``, after checking there is something to normalise.

    A row whose largest logit is ``+inf``, ``-inf`` or NaN has no softmax (``inf - inf``):
    that is a ValueError. ``-inf`` beside a finite logit is fine; it gets probability 0.
    """
    # Python's and NumPy's integers (bool is an int, but not an axis); a check against
    # these two classes is four times faster than against numbers.Integral.
    if isinstance(axis, bool) or not isinstance(axis, (int, np.integer)):
        raise TypeError(f"axis must be an integer, got {axis!r}")
    if z.ndim == 0 or not -z.ndim <= axis < z.ndim:
        raise ValueError(f"axis {axis} is out of range for logits of shape {z.shape}")
    if z.shape[axis] == 0:
        raise ValueError(f"{name} needs at least one logit along axis {axis}, got shape {z.shape}")
    # Array methods rather than np.max / np.all: the same reductions without the Python-level
    # dispatch of the functions, which at batch 1 costs more than the arithmetic.
    largest = z.max(axis=axis, keepdims=True)
    if not np.isfinite(largest).all():
        raise ValueError(
            f"{name} needs finite logits: each row needs a finite largest value (no +inf, "
            "NaN or a row of -inf)"
        )
    with np.errstate(over="ignore"):  # far below the largest logit: -inf, whose exp is 0
        return z - largest


def softmax(z: ArrayLike, axis: int = -1) -> FloatArray:
    """Softmax ``exp(z) / sum(exp(z))`` along ``axis``, stable for any finite input.

    The maximum along ``axis`` is subtracted first: this changes nothing mathematically
    and keeps ``exp`` from overflowing.

    Parameters
    ----------
    z : array_like, shape (batch, classes) or (classes,)
        Logits.
    axis : int, default -1
        The class axis.

    Returns
    -------
    ndarray, same shape as ``z``
        Positive values summing to 1 along ``axis``.

    Examples
    --------
    >>> print(np.round(softmax([1000.0, 1001.0]), 4))
    [0.2689 0.7311]
    """
    z = as_float_array(z, "z")
    e = np.exp(_shifted_logits(z, axis, "softmax"))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(z: ArrayLike, axis: int = -1) -> FloatArray:
    """Log of ``softmax``, computed as ``shifted - log(sum(exp(shifted)))``.

    Accurate where ``log(softmax(z))`` would give ``-inf``.

    Examples
    --------
    >>> print(np.round(log_softmax([0.0, 1000.0]), 4))
    [-1000.     0.]
    """
    shifted = _shifted_logits(as_float_array(z, "z"), axis, "log_softmax")
    with np.errstate(under="ignore"):
        return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def softmax_backward(
    probabilities: ArrayLike, grad_output: ArrayLike, axis: int = -1
) -> FloatArray:
    """Gradient through softmax: the Jacobian applied to an upstream gradient.

    ``dL/dz = p * (g - sum(g * p, axis))`` for ``p = softmax(z)`` and ``g = dL/dp``.
    After a cross-entropy loss use the combined gradient ``p - y`` instead (see
    ``nnref.losses``).

    Parameters
    ----------
    probabilities : array_like, shape (batch, classes)
        The softmax output ``p``.
    grad_output : array_like, same shape
        ``dL/dp``.
    """
    p = as_float_array(probabilities, "probabilities")
    g = np.asarray(grad_output, dtype=p.dtype)
    return p * (g - np.sum(g * p, axis=axis, keepdims=True))


ACTIVATIONS: dict[str, Activation] = {
    "identity": identity,
    "step": step,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "elu": elu,
    "selu": selu,
    "gelu": gelu,
    "gelu_tanh": gelu_tanh,
    "swish": swish,
    "silu": swish,
    "mish": mish,
    "softplus": softplus,
    "softmax": softmax,
}
"""Activation name -> function of ``z``. PReLU has a learned slope: use
``nnref.layers.PReLU`` after a ``Dense(..., activation="identity")``."""

DERIVATIVES: dict[str, Activation] = {
    "identity": identity_derivative,
    "step": step_derivative,
    "sigmoid": sigmoid_derivative,
    "tanh": tanh_derivative,
    "relu": relu_derivative,
    "leaky_relu": leaky_relu_derivative,
    "elu": elu_derivative,
    "selu": selu_derivative,
    "gelu": gelu_derivative,
    "gelu_tanh": gelu_tanh_derivative,
    "swish": swish_derivative,
    "silu": swish_derivative,
    "mish": mish_derivative,
    "softplus": softplus_derivative,
}
"""Activation name -> element-wise derivative ``d a / d z`` as a function of ``z``.
Softmax is absent: its Jacobian is not element-wise (see ``softmax_backward``)."""


def get_activation(name: str) -> Activation:
    """Look up an activation by name.

    Raises
    ------
    ValueError
        If ``name`` is not in ``ACTIVATIONS``; the message lists the valid names.

    Examples
    --------
    >>> print(get_activation("relu")([-1.0, 2.0]))
    [0. 2.]
    """
    if name not in ACTIVATIONS:
        raise unknown_name("activation", name, ACTIVATIONS)
    return ACTIVATIONS[name]
