"""Naive softmax overflows for large logits; subtracting the max does not."""

import warnings

import numpy as np

from nnref import softmax


def show(values):
    return np.array2string(values, precision=4, floatmode="fixed")


large_logits = np.array([1000.0, 1001.0])

# exp(1000) is beyond the largest float64 (about 1.8e308): it becomes inf,
# and inf / inf is nan. NumPy only warns; we record the warnings to show them.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    exps = np.exp(large_logits)  # [inf, inf]
    naive = exps / exps.sum()
print("naive: ", naive)
for warning in caught:
    print(f"  {warning.category.__name__}: {warning.message}")

# Or make overflow an error, to stop at the line where it happens:
try:
    with np.errstate(over="raise"):
        np.exp(large_logits)
except FloatingPointError as error:
    print(f"with np.errstate(over='raise'): FloatingPointError: {error}")

# Shifted to [-1.0, 0.0]: the largest exp is exp(0) = 1.
shifted = large_logits - large_logits.max()
stable = np.exp(shifted) / np.exp(shifted).sum()
print("stable:", show(stable))
print("nnref: ", show(softmax(large_logits)))
