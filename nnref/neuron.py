"""A single artificial neuron: weighted sum, bias, activation."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from nnref._validation import as_float_array, convert
from nnref.activations import sigmoid


def pre_activation(inputs: ArrayLike, weights: ArrayLike, bias: float) -> NDArray[np.floating]:
    """Weighted sum plus bias, ``z = x . w + b`` (the logit).

    Parameters
    ----------
    inputs : array_like, shape (n_features,) or (batch, n_features)
        One sample, or one sample per row.
    weights : array_like, shape (n_features,)
    bias : float

    Returns
    -------
    ndarray, shape () for one sample or (batch,) for a batch
        In ``inputs``' dtype if floating, else float64 (the package's dtype rule).

    Examples
    --------
    >>> from nnref.neuron import pre_activation
    >>> print(f"{pre_activation([6, 8], [0.7, 0.3], -4.0):.3f}")
    2.600
    """
    x = as_float_array(inputs, "inputs")
    w = convert(as_float_array(weights, "weights"), x.dtype, "weights")
    b = np.asarray(bias)
    if b.ndim != 0 or b.dtype.kind not in "fiub":
        raise TypeError(f"bias must be a real number, got {bias!r}")
    if w.ndim != 1:
        raise ValueError(f"weights must be a vector of shape (n_features,), got shape {w.shape}")
    if x.ndim not in (1, 2) or x.shape[-1] != w.shape[0]:
        raise ValueError(
            f"inputs must have shape ({w.shape[0]},) or (batch, {w.shape[0]}) to match "
            f"weights of shape {w.shape}, got shape {x.shape}"
        )
    # A weighted sum beyond the dtype's range is +-inf, as its exact value is: no warning.
    with np.errstate(over="ignore"):
        return x @ w + convert(b, x.dtype, "bias")


def neuron(
    inputs: ArrayLike,
    weights: ArrayLike,
    bias: float,
    activation: Callable[[ArrayLike], NDArray[np.floating]] = sigmoid,
) -> NDArray[np.floating]:
    """Output of one neuron: ``activation(x . w + b)``.

    Examples
    --------
    >>> from nnref.neuron import neuron
    >>> print(f"{neuron([6, 8], [0.7, 0.3], -4.0):.3f}")
    0.931
    """
    return activation(pre_activation(inputs, weights, bias))
