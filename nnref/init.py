"""Weight initialisers, named as in the papers that introduced them.

Each initialiser has the signature ``(fan_in, fan_out, rng, dtype=np.float64)`` and
returns weights of shape ``(fan_out, fan_in)``: the ``(out, in)`` layout of
``nnref.layers.Dense``. Random numbers are drawn in float64 from the given
``np.random.Generator`` (or int seed) and then cast, so a seed gives the same weights,
up to rounding, in float32 and float64.

* He (Kaiming), for ReLU: std ``sqrt(2 / fan_in)``. He, Zhang, Ren and Sun (2015),
  "Delving Deep into Rectifiers".
* LeCun, for SELU and tanh: std ``sqrt(1 / fan_in)``. LeCun, Bottou, Orr and Mueller
  (1998), "Efficient BackProp". Tutorials often call this "Xavier"; it is not.
* Glorot (Xavier), for tanh/sigmoid: variance ``2 / (fan_in + fan_out)``. Glorot and
  Bengio (2010), "Understanding the difficulty of training deep feedforward neural
  networks".

The uniform variants use ``U(-limit, limit)`` with ``limit = sqrt(3) * std``, which has
the same variance. The normal variants are not truncated.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import DTypeLike

from nnref._validation import (
    FloatArray,
    as_generator,
    float_dtype,
    positive_int,
    unknown_name,
)

Initialiser = Callable[..., FloatArray]
RandomSource = np.random.Generator | int | None


def _normal(
    fan_in: int, fan_out: int, std: float, rng: RandomSource, dtype: DTypeLike
) -> FloatArray:
    shape = (positive_int(fan_out, "fan_out"), positive_int(fan_in, "fan_in"))
    weights = as_generator(rng).normal(0.0, std, size=shape)
    return weights.astype(float_dtype(dtype), copy=False)


def _uniform(
    fan_in: int, fan_out: int, std: float, rng: RandomSource, dtype: DTypeLike
) -> FloatArray:
    shape = (positive_int(fan_out, "fan_out"), positive_int(fan_in, "fan_in"))
    limit = math.sqrt(3.0) * std
    weights = as_generator(rng).uniform(-limit, limit, size=shape)
    return weights.astype(float_dtype(dtype), copy=False)


def he_std(fan_in: int) -> float:
    """He standard deviation ``sqrt(2 / fan_in)``.

    Examples
    --------
    >>> print([f"{he_std(n):.4f}" for n in (784, 256, 128, 64)])
    ['0.0505', '0.0884', '0.1250', '0.1768']
    """
    return math.sqrt(2.0 / positive_int(fan_in, "fan_in"))


def lecun_std(fan_in: int) -> float:
    """LeCun standard deviation ``sqrt(1 / fan_in)``."""
    return math.sqrt(1.0 / positive_int(fan_in, "fan_in"))


def glorot_std(fan_in: int, fan_out: int) -> float:
    """Glorot standard deviation ``sqrt(2 / (fan_in + fan_out))``."""
    return math.sqrt(2.0 / (positive_int(fan_in, "fan_in") + positive_int(fan_out, "fan_out")))


def he_normal(
    fan_in: int, fan_out: int, rng: RandomSource = None, dtype: DTypeLike = np.float64
) -> FloatArray:
    """He normal: ``N(0, 2 / fan_in)``, shape (fan_out, fan_in).

    Examples
    --------
    >>> W = he_normal(784, 256, np.random.default_rng(0))
    >>> print(W.shape, f"{W.std():.3f}")
    (256, 784) 0.050
    """
    return _normal(fan_in, fan_out, he_std(fan_in), rng, dtype)


def he_uniform(
    fan_in: int, fan_out: int, rng: RandomSource = None, dtype: DTypeLike = np.float64
) -> FloatArray:
    """He uniform: ``U(-sqrt(6 / fan_in), sqrt(6 / fan_in))``, shape (fan_out, fan_in)."""
    return _uniform(fan_in, fan_out, he_std(fan_in), rng, dtype)


def lecun_normal(
    fan_in: int, fan_out: int, rng: RandomSource = None, dtype: DTypeLike = np.float64
) -> FloatArray:
    """LeCun normal: ``N(0, 1 / fan_in)``, shape (fan_out, fan_in)."""
    return _normal(fan_in, fan_out, lecun_std(fan_in), rng, dtype)


def lecun_uniform(
    fan_in: int, fan_out: int, rng: RandomSource = None, dtype: DTypeLike = np.float64
) -> FloatArray:
    """LeCun uniform: ``U(-sqrt(3 / fan_in), sqrt(3 / fan_in))``, shape (fan_out, fan_in)."""
    return _uniform(fan_in, fan_out, lecun_std(fan_in), rng, dtype)


def glorot_normal(
    fan_in: int, fan_out: int, rng: RandomSource = None, dtype: DTypeLike = np.float64
) -> FloatArray:
    """Glorot (Xavier) normal: ``N(0, 2 / (fan_in + fan_out))``, shape (fan_out, fan_in)."""
    return _normal(fan_in, fan_out, glorot_std(fan_in, fan_out), rng, dtype)


def glorot_uniform(
    fan_in: int, fan_out: int, rng: RandomSource = None, dtype: DTypeLike = np.float64
) -> FloatArray:
    """Glorot (Xavier) uniform: ``U(-l, l)``, ``l = sqrt(6 / (fan_in + fan_out))``.

    Examples
    --------
    >>> W = glorot_uniform(3, 2, rng=0)
    >>> print(W.shape, bool(np.all(np.abs(W) <= np.sqrt(6 / 5))))
    (2, 3) True
    """
    return _uniform(fan_in, fan_out, glorot_std(fan_in, fan_out), rng, dtype)


def zeros(
    fan_in: int, fan_out: int, rng: RandomSource = None, dtype: DTypeLike = np.float64
) -> FloatArray:
    """All zeros, shape (fan_out, fan_in). Fine for biases; for weights every unit of a
    layer then learns the same thing (the symmetry problem). ``rng`` is ignored."""
    shape = (positive_int(fan_out, "fan_out"), positive_int(fan_in, "fan_in"))
    return np.zeros(shape, dtype=float_dtype(dtype))


INITIALISERS: dict[str, Initialiser] = {
    "he_normal": he_normal,
    "he_uniform": he_uniform,
    "lecun_normal": lecun_normal,
    "lecun_uniform": lecun_uniform,
    "glorot_normal": glorot_normal,
    "glorot_uniform": glorot_uniform,
    "zeros": zeros,
    # Short names and aliases.
    "he": he_normal,
    "kaiming": he_normal,
    "lecun": lecun_normal,
    "glorot": glorot_uniform,
    "xavier": glorot_uniform,
    "xavier_normal": glorot_normal,
    "xavier_uniform": glorot_uniform,
}
"""Initialiser name -> function. ``"he"`` is He normal, ``"lecun"`` LeCun normal,
``"glorot"``/``"xavier"`` Glorot uniform (the form in Glorot and Bengio's paper)."""


def get_initialiser(name: str) -> Initialiser:
    """Look up an initialiser by name; ValueError listing the valid names otherwise."""
    if name not in INITIALISERS:
        raise unknown_name("initialiser", name, INITIALISERS)
    return INITIALISERS[name]
