"""The textbook sigmoid formulas overflow;
record what NumPy says when they do."""

import warnings

import numpy as np

logits = np.array([-1000.0, -2.0, 0.0, 2.0, 1000.0])
print(f"largest float64: {np.finfo(np.float64).max:.4e}")
print(f"exp(z) overflows above z = {np.log(np.finfo(np.float64).max):.2f}")

# Record the warnings instead of letting them scroll past
# (or, under pytest, fail the run).
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    form_a = 1.0 / (1.0 + np.exp(-logits))  # exp(1000) = inf, and 1 / inf = 0
    form_b = np.exp(logits) / (1.0 + np.exp(logits))  # inf / inf = nan

for warning in caught:
    print(f"{warning.category.__name__}: {warning.message}")
print("1 / (1 + e^-z): ",
      np.array2string(form_a, precision=6, floatmode="fixed"))
print("e^z / (1 + e^z):",
      np.array2string(form_b, precision=6, floatmode="fixed"))

# Stricter: make NumPy raise,
# so the overflow stops the program where it happens.
with np.errstate(over="raise"):
    try:
        1.0 / (1.0 + np.exp(-logits))
    except FloatingPointError as error:
        print(f"with np.errstate(over='raise'): FloatingPointError: {error}")
