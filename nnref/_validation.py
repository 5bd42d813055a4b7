"""Small input checks shared by the modules (private)."""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray = NDArray[np.floating]


def as_float_array(values: ArrayLike, name: str = "input") -> FloatArray:
    """Return ``values`` as a floating array without copying float32/float64 input.

    Integers and booleans become float64; float32 stays float32.
    """
    array = np.asarray(values)
    kind = array.dtype.kind  # dtype.kind is much faster than np.issubdtype
    if kind == "f":
        return array
    if kind in "iub":
        return array.astype(np.float64)
    raise TypeError(f"{name} must be a real numeric array, got dtype {array.dtype}")


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
