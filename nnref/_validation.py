"""Small input checks shared by the modules (private).

The dtype rule of the whole package (stated on the API page) lives here: a call computes
in the dtype of the parameters it owns if it has any (layers, networks, optimisers), else
in the dtype of its first array argument, where integers and booleans count as float64.
``as_float_array`` applies the second half, ``float_dtype`` checks a ``dtype=`` argument.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

FloatArray = NDArray[np.floating]


def as_float_array(values: ArrayLike, name: str = "input") -> FloatArray:
    """Return ``values`` as a floating array without copying floating input.

    float16, float32 and float64 keep their dtype; integers and booleans become float64.
    """
    try:
        array = np.asarray(values)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers: {error}") from None
    kind = array.dtype.kind  # dtype.kind is much faster than np.issubdtype
    if kind == "f":
        return array
    if kind in "iub":
        return array.astype(np.float64)
    raise TypeError(f"{name} must be a real numeric array, got dtype {array.dtype}")


def convert(array: np.ndarray, dtype: np.dtype, name: str) -> FloatArray:
    """``array`` converted to the floating ``dtype`` the call computes in (no copy if it
    has it already); a value too large for ``dtype`` is a ValueError, not ``inf``."""
    if array.dtype == dtype:
        return array
    with np.errstate(over="ignore"):
        converted = array.astype(dtype)
    if not np.all(np.isfinite(converted) | ~np.isfinite(array)):
        raise ValueError(
            f"{name} has values beyond the largest {dtype} ({np.finfo(dtype).max:g}), the dtype "
            "this computes in"
        )
    return converted


def float_dtype(dtype: DTypeLike) -> np.dtype:
    """``dtype`` as a NumPy floating dtype (float16, float32 or float64), else TypeError."""
    try:
        resolved = np.dtype(dtype)
    except TypeError:
        message = f"dtype must be a floating type such as np.float32, got {dtype!r}"
        raise TypeError(message) from None
    if resolved.kind != "f":
        raise TypeError(f"dtype must be a floating type such as np.float32, got {resolved}")
    return resolved


def shape_of_gradient(layer: object, grad: ArrayLike, expected: tuple[int, ...]) -> FloatArray:
    """``grad`` as an array of exactly the ``expected`` shape (never silently reshaped).

    One sample passed without its batch axis may also come back without it.
    """
    g = np.asarray(grad)
    if g.shape != expected and not (expected[:1] == (1,) and g.shape == expected[1:]):
        raise ValueError(
            f"{layer}.backward needs a gradient of shape {expected}, the shape of the last "
            f"forward output; got shape {g.shape}"
        )
    if g.dtype.kind not in "fiub":
        raise TypeError(f"{layer}: the gradient must be numeric, got dtype {g.dtype}")
    return g.reshape(expected)


def as_generator(rng: np.random.Generator | int | None) -> np.random.Generator:
    """Accept a Generator, an integer seed, or None (fresh, unseeded)."""
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None or (isinstance(rng, numbers.Integral) and not isinstance(rng, bool)):
        return np.random.default_rng(rng)
    raise TypeError(
        f"rng must be a numpy.random.Generator, an int seed or None, got {type(rng).__name__}"
    )


def positive_int(value: object, name: str) -> int:
    """Return ``value`` as an int, rejecting booleans, floats and values < 1."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {value!r} ({type(value).__name__})")
    if value < 1:
        raise ValueError(f"{name} must be positive, got {value}")
    return int(value)


def real_number(
    value: object,
    name: str,
    *,
    low: float = -np.inf,
    high: float = np.inf,
    low_inclusive: bool = True,
    high_inclusive: bool = True,
) -> float:
    """Return ``value`` as a Python float in the given interval, else raise.

    Returning a Python float (not ``np.float64``) matters: NumPy 2 treats Python
    floats as "weak" scalars that keep float32 arrays float32.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {value!r} ({type(value).__name__})")
    number = float(value)
    above = number >= low if low_inclusive else number > low
    below = number <= high if high_inclusive else number < high
    if not (np.isfinite(number) and above and below):
        left = "[" if low_inclusive else "("
        right = "]" if high_inclusive else ")"
        raise ValueError(f"{name} must be in {left}{low}, {high}{right}, got {value!r}")
    return number


def unknown_name(kind: str, name: object, valid: object) -> ValueError:
    """A ValueError naming the unknown option and listing the valid ones."""
    options = ", ".join(repr(key) for key in sorted(valid))  # type: ignore[call-overload]
    return ValueError(f"unknown {kind} {name!r}; valid names are: {options}")
