"""nnref.standardise for a one-off, nnref.Standardiser to fit once and reuse."""

import numpy as np

from nnref import Standardiser, standardise

order = np.array([8.0, 900.0])
scaled = standardise(order, mean=[5, 500], scale=[2, 200])
print("standardise:", np.array2string(scaled, precision=1, floatmode="fixed"))

# A Standardiser learns mean and scale from training data with fit() ...
rng = np.random.default_rng(0)
# What the 1000 training orders are drawn with:
drawn_mean, drawn_spread = [5, 500], [2, 200]
training = np.column_stack([rng.normal(drawn_mean[0], drawn_spread[0], 1000),
                            rng.normal(drawn_mean[1], drawn_spread[1], 1000)])
scaler = Standardiser().fit(training)
print("fitted mean: ",
      np.array2string(scaler.mean_, precision=1, floatmode="fixed"))
print("fitted scale:",
      np.array2string(scaler.scale_, precision=1, floatmode="fixed"))

# ... and applies exactly those numbers to every later input.
print("new order:  ",
      np.array2string(scaler.transform(order), precision=2, floatmode="fixed"))
