"""Input scaling: standardisation and min-max scaling (per feature, i.e. per column)."""


from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike

from nnref._validation import FloatArray, as_float_array


def _finite_data(X: ArrayLike, name: str) -> FloatArray:
    """``X`` as a float array with at least one value, all finite (statistics of an empty
    array, or of one holding inf or NaN, mean nothing)."""
    data = as_float_array(X, "X")
    if data.size == 0:
        raise ValueError(f"{name} needs at least one value, got an empty array {data.shape}")
    if not np.all(np.isfinite(data)):
        raise ValueError(f"{name} needs finite values; X contains inf or NaN")
    return data


def _feature_vector(values: ArrayLike, n_features: int, name: str, dtype: np.dtype) -> FloatArray:
    vector = np.asarray(as_float_array(values, name), dtype=dtype)
    if vector.shape not in ((), (n_features,)):
        raise ValueError(
            f"{name} must be a scalar or have shape ({n_features},) (one value per "
            f"feature), got shape {vector.shape}"
        )
    return vector


def standardise(
    X: ArrayLike, mean: ArrayLike | None = None, scale: ArrayLike | None = None
) -> FloatArray:
    """``(X - mean) / scale`` per feature.

    Parameters
    ----------
    X : array_like, shape (batch, n_features) or (n_features,)
    mean, scale : array_like, shape (n_features,) or scalar, optional
        Default: the column means and standard deviations of ``X`` (a zero standard
        deviation is replaced by 1, so a constant feature becomes 0).

    Examples
    --------
    >>> print(standardise([8, 900], mean=[5, 500], scale=[2, 200]))
    [1.5 2. ]
    """
    scaler = Standardiser(mean, scale)
    if mean is None or scale is None:
        scaler.fit(X)
    return scaler.transform(X)


class Standardiser:
    """Learn per-feature mean and scale on training data; apply them to any data.

    Fit on the training set only, then use the same ``mean_`` and ``scale_`` for
    validation, test and production inputs.

    Examples
    --------
    >>> s = Standardiser().fit([[1.0, 100.0], [3.0, 300.0]])
    >>> print(s.mean_, s.scale_)
    [  2. 200.] [  1. 100.]
    >>> print(s.transform([[2.0, 400.0]]))
    [[0. 2.]]
    """

    def __init__(self, mean: ArrayLike | None = None, scale: ArrayLike | None = None) -> None:
        self.mean_ = None if mean is None else as_float_array(mean, "mean")
        self.scale_ = None if scale is None else as_float_array(scale, "scale")
        if self.scale_ is not None and np.any(self.scale_ <= 0):
            raise ValueError(f"scale must be positive, got {self.scale_}")

    def fit(self, X: ArrayLike) -> Standardiser:
        """Compute the missing ``mean_``/``scale_`` from ``X`` (shape (batch, n_features))."""
        data = np.atleast_2d(_finite_data(X, "Standardiser.fit"))
        # The statistics are accumulated in float64 (squares of float16 data above 256
        # would overflow) and stored in the data's dtype.
        if self.mean_ is None:
            self.mean_ = data.mean(axis=0, dtype=np.float64).astype(data.dtype)
        if self.scale_ is None:
            std = data.std(axis=0, dtype=np.float64)
            self.scale_ = np.where(std > 0, std, 1.0).astype(data.dtype)
        return self

    def transform(self, X: ArrayLike) -> FloatArray:
        """``(X - mean_) / scale_``, same shape as ``X``."""
        if self.mean_ is None or self.scale_ is None:
            raise RuntimeError("Standardiser: call fit() first or pass mean and scale")
        data = as_float_array(X, "X")
        n_features = data.shape[-1] if data.ndim else 1
        mean = _feature_vector(self.mean_, n_features, "mean", data.dtype)
        scale = _feature_vector(self.scale_, n_features, "scale", data.dtype)
        return (data - mean) / scale

    def fit_transform(self, X: ArrayLike) -> FloatArray:
        return self.fit(X).transform(X)

    def inverse_transform(self, X: ArrayLike) -> FloatArray:
        """``X * scale_ + mean_``: back to the original units."""
        if self.mean_ is None or self.scale_ is None:
            raise RuntimeError("Standardiser: call fit() first or pass mean and scale")
        data = as_float_array(X, "X")
        return data * self.scale_.astype(data.dtype) + self.mean_.astype(data.dtype)


def min_max_scale(X: ArrayLike, axis: int = 0) -> FloatArray:
    """Rescale to ``[0, 1]``: ``(X - min) / (max - min)`` along ``axis`` (constant -> 0).

    Examples
    --------
    >>> print(min_max_scale([170, 160, 180, 155]))
    [0.6 0.2 1.  0. ]
    """
    data = _finite_data(X, "min_max_scale")
    if isinstance(axis, bool) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"axis must be an integer, got {axis!r}")
    if not -data.ndim <= axis < max(data.ndim, 1):
        raise ValueError(f"axis {axis} is out of range for X of shape {data.shape}")
    data = np.atleast_1d(data)
    low = data.min(axis=axis, keepdims=True).astype(np.float64)  # a float16 span can overflow
    span = data.max(axis=axis, keepdims=True) - low
    return ((data - low) / np.where(span > 0, span, 1.0)).astype(data.dtype)
