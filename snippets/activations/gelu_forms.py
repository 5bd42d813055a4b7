"""Exact GELU (normal CDF) against its tanh approximation."""

import numpy as np

from nnref import gelu, gelu_tanh

z = np.linspace(-6.0, 6.0, 12_001)
gap = np.abs(gelu(z) - gelu_tanh(z))
worst = np.argmax(gap)
# The gap is symmetric in z, so report |z|.
print(f"largest gap on [-6, 6]: {gap[worst]:.5f} at z = +-{abs(z[worst]):.2f}")
exact, approximate = float(gelu(1.0)), float(gelu_tanh(1.0))
print(f"gelu(1) exact {exact:.6f}, tanh form {approximate:.6f}")
