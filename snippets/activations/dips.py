"""GELU, Swish and Mish dip below zero before rising: they are not monotonic."""

import numpy as np

from nnref import gelu, mish, swish

z = np.linspace(-4.0, 0.0, 400_001)  # fine grid over the negative side
for name, function in [("GELU", gelu), ("Swish", swish), ("Mish", mish)]:
    values = function(z)
    lowest = np.argmin(values)
    print(f"{name:<6} lowest value {values[lowest]:.3f} at z = {z[lowest]:.2f}")
