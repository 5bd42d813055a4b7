"""The textbook formula breaks when a probability is exactly 0 or 1."""

import warnings

import numpy as np

import nnref

p = np.array([0.0, 0.0, 1.0])  # predicted probabilities
y = np.array([1.0, 0.0, 1.0])  # wrong, right, right

with warnings.catch_warnings(record=True) as caught:  # collect NumPy's warnings
    warnings.simplefilter("always")
    naive = -(y * np.log(p) + (1 - y) * np.log(1 - p))

print("naive per-sample loss:", naive)
for message in sorted({str(w.message) for w in caught}):
    print("  warning:", message)

clipped = np.clip(p, 1e-7, 1 - 1e-7)
per_sample = -(y * np.log(clipped) + (1 - y) * np.log(1 - clipped))
print("clipped per-sample:   ", "  ".join(f"{v:.7f}" for v in per_sample))
print(f"nnref (clips too):     {nnref.binary_cross_entropy(p, y):.4f}")
