"""A sigmoid that branches on the sign of z,
so exp never sees a positive number."""

import warnings

import numpy as np

import nnref


def stable_sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    # The exponent is <= 0: the result lies in (0, 1], no overflow.
    e = np.exp(-np.abs(z))
    # z >= 0: 1 / (1 + e^-z).
    # z < 0: multiply top and bottom by e^z to get e^z / (1 + e^z).
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


logits = np.array([-1000.0, -2.0, 0.0, 2.0, 1000.0])
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")  # record every warning, even repeated ones
    ours = stable_sigmoid(logits)
    theirs = nnref.sigmoid(logits)

print("stable sigmoid:",
      np.array2string(ours, precision=6, floatmode="fixed"))
print("nnref.sigmoid: ",
      np.array2string(theirs, precision=6, floatmode="fixed"))
print(f"warnings raised: {len(caught)}")
