"""Standardise each feature:
subtract a typical value, divide by a typical spread."""

import numpy as np

order = np.array([8.0, 900.0])  # backlog, order value in dollars
# Per feature: a typical backlog and a typical value,
mean = np.array([5.0, 500.0])
# and a typical spread of each (standard deviation).
scale = np.array([2.0, 200.0])

standardised = (order - mean) / scale  # "how many spreads above typical"
contributions = standardised * 0.3

print("standardised: ",
      np.array2string(standardised, precision=1, floatmode="fixed"))
print("contributions:",
      np.array2string(contributions, precision=2, floatmode="fixed"))
