"""Dead ReLU units: zero for every input, so they contribute nothing
(and, later, learn nothing)."""

import numpy as np

import nnref

rng = np.random.default_rng(0)
X = rng.normal(size=(1000, 3))  # standardised inputs, shape (1000, 3)
network = nnref.Network.from_sizes([3, 8, 1], output_activation="sigmoid",
                                   rng=0)
hidden = network[0]
hidden.bias[[2, 5]] = -6.0  # e.g. after one oversized training step

network.forward(X)
stats = nnref.activation_stats(network)[0]  # the hidden layer
print(f"hidden layer: {stats.fraction_zero:.1%} of activations are 0, "
      f"{stats.fraction_dead_units:.1%} of units are 0 for every sample")

# Which units? Those whose activation is zero in every row of the batch.
a = network.caches[0].a  # shape (1000, 8)
print("dead units:", np.flatnonzero(np.all(a == 0, axis=0)))
print("largest pre-activation of each dead unit:",
      np.array2string(network.caches[0].z[:, [2, 5]].max(axis=0), precision=2,
                      floatmode="fixed"))
