"""Bad values in the input: inf and NaN flow through the network
and the report hides them."""

import numpy as np

import nnref

_, orders = nnref.delay_risk_orders()
orders[0, 0] = np.inf  # a "1e400" in the input file, parsed as infinity
orders[2, 1] = np.nan  # C-311: the second feature failed to load
network = nnref.Network([
    nnref.Dense.from_arrays(
        [[0.8, 0.3, 0.4],
         [-0.2, 0.9, 0.5],
         [0.4, -0.1, 0.7]],
        [0.0, -0.2, 0.1], "relu"),
    nnref.Dense.from_arrays([0.9, 0.7, 0.6], -0.3, "sigmoid"),
])
scores = network.forward(nnref.standardise(orders, 5.0, 2.0))[:, 0]
print("scores:", np.array2string(scores, precision=3, floatmode="fixed"))

# inf gives a confident score of 1; a comparison with NaN is always False,
# so the broken C-311 is quietly "monitor".
for order_id, score in zip(["A-104", "B-208", "C-311"], scores, strict=True):
    print(f"{order_id} {'review' if score >= 0.60 else 'monitor'}")

# The checks: finite inputs, and the first layer whose output is not finite.
print("rows with finite inputs:", np.isfinite(orders).all(axis=1))
for index, cache in enumerate(network.caches, start=1):
    bad_z = np.flatnonzero(~np.isfinite(cache.z).all(axis=1))
    bad_a = np.flatnonzero(~np.isfinite(cache.a).all(axis=1))
    print(f"layer {index}: rows with non-finite z {bad_z}, "
          f"non-finite a {bad_a}")
