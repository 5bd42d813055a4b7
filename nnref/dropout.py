"""Inverted dropout (Srivastava et al. 2014)."""


from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from nnref._validation import (
    FloatArray,
    as_float_array,
    as_generator,
    real_number,
    shape_of_gradient,
)
from nnref.layers import LayerCache


class Dropout:
    """Inverted dropout: in training, zero each input with probability ``p`` and scale the
    survivors by ``1 / (1 - p)``, so the expected value is unchanged; at inference
    (``training = False``, or ``eval``) pass the input through untouched.

    Parameters
    ----------
    p : float in [0, 1)
        Probability of dropping a unit.
    rng : numpy.random.Generator, int or None
        Source of the masks.

    Attributes
    ----------
    mask : ndarray or None
        The last mask, already scaled: values 0 or ``1 / (1 - p)``.

    Examples
    --------
    >>> drop = Dropout(0.5, rng=0)
    >>> print(drop.forward(np.ones((2, 4))))
    [[2. 0. 0. 0.]
     [2. 2. 2. 2.]]
    >>> print(drop.eval().forward(np.ones((1, 4))))
    [[1. 1. 1. 1.]]
    """

    def __init__(self, p: float, rng: np.random.Generator | int | None = None) -> None:
        self.p = real_number(p, "dropout probability p", low=0.0, high=1.0, high_inclusive=False)
        self.rng = as_generator(rng)
        self.training = True
        self.mask: FloatArray | None = None
        self.cache: LayerCache | None = None

    def __repr__(self) -> str:
        return f"Dropout(p={self.p})"

    def train(self) -> Dropout:
        self.training = True
        return self

    def eval(self) -> Dropout:
        self.training = False
        return self

    def forward(self, inputs: ArrayLike) -> FloatArray:
        X = as_float_array(inputs, "inputs")
        if self.training and self.p > 0:
            keep = self.rng.random(X.shape) >= self.p
            self.mask = keep.astype(X.dtype) * (1.0 / (1.0 - self.p))
            a = X * self.mask
        else:
            self.mask = None
            a = X
        self.cache = LayerCache(X, X, a)
        return a

    def backward(self, grad_output: ArrayLike) -> FloatArray:
        if self.cache is None:
            raise RuntimeError(f"{self}: call forward() before backward()")
        g = shape_of_gradient(self, grad_output, self.cache.a.shape)
        g = g.astype(self.cache.a.dtype, copy=False)
        return g if self.mask is None else g * self.mask

    def parameters(self) -> list[FloatArray]:
        return []

    def gradients(self) -> list[FloatArray]:
        return []
