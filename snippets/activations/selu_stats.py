"""SELU keeps standard-normal inputs near mean 0 and standard deviation 1."""

import numpy as np

from nnref import selu

# NumPy's legacy generator seeded with 42, as published versions of this check
# use; the course otherwise uses np.random.default_rng (second sample).
legacy = np.random.RandomState(42).standard_normal(10_000)
modern = np.random.default_rng(42).standard_normal(10_000)

for name, z in [("RandomState(42)", legacy), ("default_rng(42)", modern)]:
    a = selu(z)
    print(f"{name}: mean {a.mean():+.4f}, std {a.std():.3f}")

standard_error = 1.0 / np.sqrt(10_000)  # of a mean of 10,000 values with std 1
print(f"standard error of the mean: {standard_error:.3f}")
