"""The error function ``erf`` and its complement ``erfc``, vectorised in NumPy.

Exact GELU needs ``erf``. NumPy has no ``erf`` and ``nnref`` depends on NumPy only, so
this module implements W. J. Cody's rational Chebyshev approximations (Cody 1969,
"Rational Chebyshev approximations for the error function", Math. Comp. 23, 631-637;
the coefficients are those of his SPECFUN routine CALERF). Three intervals of ``|x|``:

* ``|x| <= 0.46875``: ``erf(x) = x * P(x^2) / Q(x^2)``;
* ``0.46875 < |x| <= 4``: ``erfc(x) = exp(-x^2) * P(x) / Q(x)``;
* ``|x| > 4``: ``erfc(x) = exp(-x^2) / x * (1/sqrt(pi) + R(1/x^2) / x^2)``.

``exp(-x^2)`` is evaluated as ``exp(-s^2) * exp(-(x - s)(x + s))`` with ``s`` = ``x``
rounded to 1/16, which avoids the rounding error of squaring a large ``x``.
Accuracy, measured in ``tests/test_nnref_special.py``: relative error below 1e-15
for ``erf`` on ``[-30, 30]`` (against ``scipy.special.erf`` and ``math.erf``) and for
``erfc`` down to the smallest normal double (against ``math.erfc``; SciPy's own
``erfc`` is off by up to 6e-14 relative beyond ``x = 20``). Computation is in
float64; float32 input gets a float32 result. NaN gives NaN, ``erf(+-inf) = +-1``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from nnref._validation import FloatArray, as_float_array

_SMALL_NUM = (
    3.16112374387056560e00,
    1.13864154151050156e02,
    3.77485237685302021e02,
    3.20937758913846947e03,
    1.85777706184603153e-1,
)
_SMALL_DEN = (
    2.36012909523441209e01,
    2.44024637934444173e02,
    1.28261652607737228e03,
    2.84423683343917062e03,
)
_MID_NUM = (
    5.64188496988670089e-1,
    8.88314979438837594e00,
    6.61191906371416295e01,
    2.98635138197400131e02,
    8.81952221241769090e02,
    1.71204761263407058e03,
    2.05107837782607147e03,
    1.23033935479799725e03,
    2.15311535474403846e-8,
)
_MID_DEN = (
    1.57449261107098347e01,
    1.17693950891312499e02,
    5.37181101862009858e02,
    1.62138957456669019e03,
    3.29079923573345963e03,
    4.36261909014324716e03,
    3.43936767414372164e03,
    1.23033935480374942e03,
)
_LARGE_NUM = (
    3.05326634961232344e-1,
    3.60344899949804439e-1,
    1.25781726111229246e-1,
    1.60837851487422766e-2,
    6.58749161529837803e-4,
    1.63153871373020978e-2,
)
_LARGE_DEN = (
    2.56852019228982242e00,
    1.87295284992346047e00,
    5.27905102951428412e-1,
    6.05183413124413191e-2,
    2.33520497626869185e-3,
)
_INV_SQRT_PI = 0.56418958354775628695
_SMALL, _MID = 0.46875, 4.0
_ERFC_IS_ZERO = 27.3  # erfc(x) < 1e-325 beyond this: it underflows to 0.0 in float64


def _rational(num: tuple[float, ...], den: tuple[float, ...], t: FloatArray) -> FloatArray:
    """Cody's nested (Horner) evaluation of ``P(t) / Q(t)``."""
    n = len(den)
    top, bottom = num[n] * t, t
    for i in range(n - 1):
        top = (top + num[i]) * t
        bottom = (bottom + den[i]) * t
    return (top + num[n - 1]) / (bottom + den[n - 1])


def _erf_small(x: FloatArray) -> FloatArray:
    """``erf(x)`` for ``|x| <= 0.46875``."""
    return x * _rational(_SMALL_NUM, _SMALL_DEN, x * x)


def _erfc_positive(y: FloatArray) -> FloatArray:
    """``erfc(y)`` for ``y > 0.46875`` or NaN (float64 in, float64 out).

    Beyond ``_ERFC_IS_ZERO`` (``inf`` included) the result is 0; NaN stays NaN.
    """
    result = np.where(np.isnan(y), np.nan, 0.0)
    mid = y <= _MID
    large = ~mid & (y < _ERFC_IS_ZERO)
    result[mid] = _rational(_MID_NUM, _MID_DEN, y[mid])
    y_large = y[large]
    inv_square = 1.0 / (y_large * y_large)
    result[large] = (
        _INV_SQRT_PI - inv_square * _rational(_LARGE_NUM, _LARGE_DEN, inv_square)
    ) / y_large
    keep = mid | large
    y_kept = y[keep]
    rounded = np.trunc(y_kept * 16.0) / 16.0
    with np.errstate(under="ignore"):
        rest = -(y_kept - rounded) * (y_kept + rounded)
        result[keep] *= np.exp(-rounded * rounded) * np.exp(rest)
    return result


def erf(x: ArrayLike) -> FloatArray:
    """Error function ``erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt``.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, same shape and floating dtype as ``x``
        Values in ``[-1, 1]``; accurate to about one unit in the last place.

    Examples
    --------
    >>> from nnref.special import erf
    >>> print(np.round(erf([-1.0, 0.0, 0.5, 2.0]), 6))
    [-0.842701  0.        0.520500  0.995322]
    """
    x = as_float_array(x, "x")
    x64 = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x64)
    y = np.abs(x64)
    small = y <= _SMALL
    out[small] = _erf_small(x64[small])
    rest = ~small
    out[rest] = np.copysign(1.0 - _erfc_positive(y[rest]), x64[rest])
    return out.astype(x.dtype, copy=False)


def erfc(x: ArrayLike) -> FloatArray:
    """Complementary error function ``erfc(x) = 1 - erf(x)``, accurate in the tails.

    ``1 - erf(x)`` loses all digits for large ``x`` (``erf`` rounds to 1); this
    function keeps full relative accuracy until ``erfc`` underflows near ``x = 26.6``.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ndarray, same shape and floating dtype as ``x``
        Values in ``[0, 2]``.

    Examples
    --------
    >>> from nnref.special import erfc
    >>> print([f"{v:.6e}" for v in erfc([-1.0, 0.0, 3.0, 10.0])])
    ['1.842701e+00', '1.000000e+00', '2.209050e-05', '2.088488e-45']
    """
    x = as_float_array(x, "x")
    x64 = np.asarray(x, dtype=np.float64)
    out = np.empty_like(x64)
    y = np.abs(x64)
    small = y <= _SMALL
    out[small] = 1.0 - _erf_small(x64[small])
    rest = ~small
    tail = _erfc_positive(y[rest])
    out[rest] = np.where(x64[rest] < 0, 2.0 - tail, tail)
    return out.astype(x.dtype, copy=False)
