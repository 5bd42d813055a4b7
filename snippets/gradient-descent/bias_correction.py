"""What bias correction does to Adam's first steps."""

import numpy as np

beta1, beta2 = 0.9, 0.999

# Without correction the update is m / sqrt(v); with it, m_hat / sqrt(v_hat).
# For a gradient that stays the same at every step, the corrected ratio is
# exactly 1 and the uncorrected one is (1 - beta1**t) / sqrt(1 - beta2**t):
# how much larger an uncorrected step is.
print("    t  uncorrected / corrected step")
for t in (1, 2, 5, 10, 100, 1000, 10000):
    ratio = (1 - beta1**t) / np.sqrt(1 - beta2**t)
    print(f"{t:5d}  {ratio:6.3f}")
