"""Two features on very different scales, one weight:
the larger scale takes over."""

import numpy as np

# One order: warehouse backlog (0-10 scale) and order value (dollars).
order = np.array([8.0, 900.0])
weight = 0.3  # the same weight on both features

contributions = order * weight
print("contributions:",
      np.array2string(contributions, precision=1, floatmode="fixed"))
share = contributions[1] / contributions.sum()
print(f"share of the logit from order value: {share:.1%}")
