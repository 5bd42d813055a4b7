"""Row 2 of X @ W.T, term by term: the entry that is often published wrong."""

import numpy as np

x_row = np.array([0.2, 1.5, 0.7])  # the second sample
first_unit = np.array([0.8, -0.5, 0.2])  # row 0 of W

terms = x_row * first_unit
print("terms:", " + ".join(f"({t:.2f})" for t in terms))
print(f"sum  = {terms.sum():.2f}")
z = terms.sum() + 0.1  # the first unit's bias
print(f"with bias 0.1: {z:.2f}, after ReLU: {max(z, 0.0):.2f}")
