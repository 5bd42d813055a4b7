"""nnref.special.erf / erfc against SciPy and the C library."""

# Matrices keep their mathematical names (X, W), as in the course.

import math

import numpy as np
import scipy.special as sp

from nnref.special import erf, erfc


def relative(a, b):
    b = np.asarray(b)
    mask = b != 0
    return float(np.max(np.abs(a[mask] - b[mask]) / np.abs(b[mask])))


def test_erf_relative_error_against_scipy():
    x = np.linspace(-30, 30, 2_000_001)
    assert relative(erf(x), sp.erf(x)) < 1e-15


def test_erf_tiny_arguments():
    x = np.geomspace(1e-300, 1.0, 10_001)
    assert relative(erf(x), sp.erf(x)) < 1e-15
    assert erf(0.0) == 0.0 and erf(-0.0) == 0.0


def test_erf_and_erfc_against_math():
    x = np.linspace(-6, 26.5, 40_001)
    assert relative(erfc(x), [math.erfc(v) for v in x]) < 1e-15
    assert relative(erf(x), [math.erf(v) for v in x]) < 1e-15


def test_erfc_tail_against_scipy():
    x = np.linspace(-10, 20, 30_001)
    assert relative(erfc(x), sp.erfc(x)) < 1e-13  # SciPy itself drifts in the far tail


def test_shapes_dtypes_and_limits():
    x = np.array([[-1e300, -40.0], [40.0, 1e300]])
    assert erf(x).tolist() == [[-1.0, -1.0], [1.0, 1.0]]
    assert erfc(x).tolist() == [[2.0, 2.0], [0.0, 0.0]]
    assert erf(np.float32([0.5])).dtype == np.float32
    assert erf(3).dtype == np.float64 and erf(3).shape == ()
