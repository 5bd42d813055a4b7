"""Five linear layers (4 -> 8 -> 8 -> 8 -> 8 -> 2) are one matrix,
however deep."""

from itertools import pairwise

import numpy as np

rng = np.random.default_rng(0)
sizes = [4, 8, 8, 8, 8, 2]
# Weights scaled by 1 / sqrt(n_in) keep values near 1 (lesson 7 explains why).
weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in)
           for n_in, n_out in pairwise(sizes)]
X = rng.standard_normal((10, 4))  # a batch of 10 samples

a = X
for W in weights:  # five layers, no activation
    a = a @ W.T

product = np.eye(4)
for W in weights:
    product = W @ product  # W5 W4 W3 W2 W1, shape (2, 4)

difference = np.max(np.abs(a - X @ product.T))
print("product shape:", product.shape)
print("five layers equal one matrix:", bool(difference < 1e-12))
print(f"largest difference: about 1e{np.round(np.log10(difference)):.0f}")
