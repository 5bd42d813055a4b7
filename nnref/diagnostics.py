"""Diagnostics: shape checks, activation statistics, gradient checking."""


from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from nnref._validation import FloatArray, as_float_array, real_number
from nnref.activations import SELU_ALPHA, SELU_LAMBDA
from nnref.layers import Dense, LayerCache, Network


def check_shapes(
    inputs: ArrayLike, weights: ArrayLike, bias: ArrayLike | None = None
) -> tuple[int, int]:
    """Check ``inputs @ weights.T + bias`` before running it; explain any mismatch.

    Parameters
    ----------
    inputs : array_like, shape (batch, n_in)
    weights : array_like, shape (n_out, n_in)
    bias : array_like, shape (n_out,), optional

    Returns
    -------
    (batch, n_out) : the shape of the result.

    Raises
    ------
    ValueError
        Saying which dimension disagrees and, when the weights look transposed, so.
        A square ``W`` stored transposed passes every shape check and gives wrong
        numbers: only a known example can catch that.

    Examples
    --------
    >>> print(check_shapes(np.ones((4, 3)), np.ones((2, 3)), np.zeros(2)))
    (4, 2)
    >>> check_shapes(np.ones((4, 3)), np.ones((3, 2)))
    Traceback (most recent call last):
    ...
    ValueError: weights of shape (3, 2) mean 2 inputs per unit (layout (out, in)), but the inputs have 3 features per row (shape (4, 3)). The weights look like the (in, out) layout: use weights.T or nnref.from_in_out.
    """  # noqa: E501
    X_shape, W_shape = np.shape(inputs), np.shape(weights)
    if len(X_shape) != 2:
        raise ValueError(
            f"inputs must be 2-D, one sample per row (batch, n_in); got shape "
            f"{X_shape}. For one sample of n features use shape (1, n)."
        )
    if len(W_shape) != 2:
        raise ValueError(f"weights must be 2-D with shape (n_out, n_in); got shape {W_shape}")
    (batch, n_features), (n_out, n_in) = X_shape, W_shape
    if n_in != n_features:
        hint = ""
        if n_out == n_features:
            hint = (
                " The weights look like the (in, out) layout: use weights.T or nnref.from_in_out."
            )
        raise ValueError(
            f"weights of shape {W_shape} mean {n_in} inputs per unit (layout (out, in)), but "
            f"the inputs have {n_features} features per row (shape {X_shape}).{hint}"
        )
    if bias is not None and np.shape(bias) not in ((n_out,), (1, n_out), ()):
        raise ValueError(
            f"bias must have shape ({n_out},), one per unit, for weights of shape "
            f"{W_shape}; got shape {np.shape(bias)}"
        )
    return batch, n_out


#: Finite bounds where each activation's gradient vanishes (used for saturation).
SATURATION_BOUNDS: dict[str, tuple[float, ...]] = {
    "sigmoid": (0.0, 1.0),
    "tanh": (-1.0, 1.0),
    "softmax": (0.0, 1.0),
    "elu": (-1.0,),
    "selu": (-SELU_LAMBDA * SELU_ALPHA,),
}


@dataclass(frozen=True)
class ActivationStats:
    """Statistics of one layer's activations over a batch.

    Attributes
    ----------
    layer : int (1-based)
    mean, std : float
    fraction_zero : float
        Share of activations exactly 0 (dead ReLU outputs).
    fraction_dead_units : float
        Share of units that are 0 for every sample in the batch.
    fraction_saturated : float or None
        Share within ``tolerance`` of a bound where the gradient vanishes (e.g. sigmoid
        near 0 or 1, tanh near -1 or 1); None when the activation has no such bound or
        none was given.
    """

    layer: int
    mean: float
    std: float
    fraction_zero: float
    fraction_dead_units: float
    fraction_saturated: float | None


def activation_stats(
    source: Network | Sequence[LayerCache] | Sequence[ArrayLike],
    bounds: Sequence[float] | None = None,
    tolerance: float = 0.01,
) -> list[ActivationStats]:
    """Per-layer activation statistics, for diagnosing initialisation and dead units.

    Parameters
    ----------
    source : Network (after a forward pass), list of LayerCache, or list of arrays
        Each activation array has shape (batch, units).
    bounds : sequence of float, optional
        Saturation bounds for plain arrays; for a network they come from each dense
        layer's activation (``SATURATION_BOUNDS``).
    tolerance : float, default 0.01
        Distance to a bound that counts as saturated.

    Examples
    --------
    >>> stats = activation_stats([np.array([[0.0, 2.0], [0.0, 4.0]])])
    >>> s = stats[0]
    >>> print(s.layer, s.mean, s.fraction_zero, s.fraction_dead_units, s.fraction_saturated)
    1 1.5 0.5 0.5 None
    """
    items: list[tuple[FloatArray, tuple[float, ...] | None]] = []
    if isinstance(source, np.ndarray):
        raise TypeError(
            "activation_stats takes a Network, a list of LayerCache or a list of activation "
            f"arrays (one per layer); got one array of shape {source.shape}. For a single "
            "layer's activations pass [array]."
        )
    default = None if bounds is None else tuple(bounds)
    if isinstance(source, Network):
        for layer in source.layers:
            if layer.cache is None:
                raise RuntimeError("run network.forward(X) before activation_stats(network)")
            name = layer.activation_name if isinstance(layer, Dense) else None
            items.append((layer.cache.a, SATURATION_BOUNDS.get(name, default)))
    else:
        for entry in source:
            array = entry.a if isinstance(entry, LayerCache) else as_float_array(entry)
            items.append((array, default))
    rows = []
    for i, (a, layer_bounds) in enumerate(items, start=1):
        if a.size == 0:
            raise ValueError(f"layer {i} has no activations (shape {a.shape}): nothing to average")
        a2 = a.reshape(-1, a.shape[-1]) if a.ndim else a.reshape(1, 1)
        saturated = None
        if layer_bounds:
            near = np.zeros(a.shape, dtype=bool)
            for bound in layer_bounds:
                near |= np.abs(a - bound) < tolerance
            saturated = float(near.mean())
        rows.append(
            ActivationStats(
                layer=i,
                mean=float(a.mean(dtype=np.float64)),
                std=float(a.std(dtype=np.float64)),
                fraction_zero=float(np.mean(a == 0)),
                fraction_dead_units=float(np.mean(np.all(a2 == 0, axis=0))),
                fraction_saturated=saturated,
            )
        )
    return rows


def numerical_gradient(
    f: Callable[[FloatArray], float], x: FloatArray, eps: float = 1e-6
) -> FloatArray:
    """Central-difference gradient ``(f(x + h) - f(x - h)) / 2h`` for every entry of ``x``.

    ``x`` is perturbed in place, one entry at a time, and restored, so ``f`` may read
    ``x`` through a closure (e.g. a network's weight array); it is restored even if ``f``
    raises. Cost: ``2 * x.size`` calls.

    Parameters
    ----------
    f : callable, ``f(x) -> float``
    x : ndarray (float64 recommended; float32 is too coarse for eps=1e-6)
    eps : float > 0, default 1e-6
        Must change every entry of ``x`` in its dtype (``1 + 1e-6`` is 1 in float16):
        otherwise a ValueError, rather than a gradient of zeros.

    Examples
    --------
    >>> x = np.array([1.0, -2.0])
    >>> print(np.round(numerical_gradient(lambda v: float(np.sum(v**2)), x), 6))
    [ 2. -4.]
    """
    if not isinstance(x, np.ndarray) or not np.issubdtype(x.dtype, np.floating):
        raise TypeError("x must be a floating NumPy array (it is perturbed in place)")
    eps = real_number(eps, "eps", low=0.0, low_inclusive=False)
    grad = np.zeros_like(x)
    flat, flat_grad = x.reshape(-1), grad.reshape(-1)
    if not np.shares_memory(flat, x):
        raise ValueError("x must be contiguous so it can be perturbed in place")
    with np.errstate(over="ignore"):  # x +- eps overflowing to inf is caught just below
        lost = (flat + eps == flat) | (flat - eps == flat)
    if np.any(lost):
        raise ValueError(
            f"eps={eps:g} is too small for {x.dtype} x: x + eps rounds back to x at "
            f"{int(np.sum(lost))} of {flat.size} entries (e.g. x = {flat[lost][0]}); use a "
            "float64 x, or a larger eps"
        )
    for i in range(flat.size):
        original = flat[i]
        try:
            flat[i] = original + eps
            upper = f(x)
            flat[i] = original - eps
            lower = f(x)
        finally:
            flat[i] = original
        flat_grad[i] = (upper - lower) / (2.0 * eps)
    return grad


def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    """``||a - b|| / max(||a|| + ||b||, 1e-12)`` (0 when both are 0).

    ``inf`` if either contains NaN or an infinity: a broken gradient must never look
    like agreement (NaN would compare as smaller than anything in ``max``).
    """
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        return math.inf
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / max(denominator, 1e-12))


def gradient_check(
    f: Callable[[], float],
    params: Sequence[FloatArray],
    analytic_grads: Sequence[FloatArray],
    eps: float = 1e-6,
) -> float:
    """Largest relative error between analytic gradients and central differences.

    Parameters
    ----------
    f : callable with no arguments returning the loss; it must read ``params``
        (which are perturbed in place and restored).
    params, analytic_grads : lists of arrays in matching order, e.g.
        ``network.parameters()`` and the result of ``network.backward(...)``.
    eps : float, default 1e-6

    Returns
    -------
    float
        ``max`` over arrays of ``relative_error``; below 1e-6 in float64 means the
        backward pass is right. ``inf`` when a gradient or the loss is NaN or infinite.

    Examples
    --------
    >>> w = np.array([0.5, -1.5])
    >>> err = gradient_check(lambda: float(np.sum(w**3)), [w], [3 * w**2])
    >>> print(err < 1e-8)
    True
    """
    if len(params) != len(analytic_grads):
        raise ValueError(f"got {len(params)} parameter arrays but {len(analytic_grads)} gradients")
    if len(params) == 0:
        raise ValueError("gradient_check needs at least one parameter array to check")
    errors = []
    for p, g in zip(params, analytic_grads, strict=True):
        if np.shape(g) != p.shape:
            raise ValueError(
                f"gradient shape {np.shape(g)} does not match parameter shape {p.shape}"
            )
        numeric = numerical_gradient(lambda _: f(), p, eps)
        errors.append(relative_error(np.asarray(g), numeric))
    return max(errors)
