"""The same ten layers built with nnref:
He initialisation is the default of Dense."""

import numpy as np

from nnref import Network, activation_stats

X = np.random.default_rng(0).standard_normal((1000, 256))
network = Network.from_sizes([256] * 11, hidden_activation="relu",
                             output_activation="relu", init="he", rng=1)
network.forward(X)
for stats in activation_stats(network)[::3]:  # layers 1, 4, 7, 10
    print(f"layer {stats.layer:2d}: std {stats.std:.3f}, "
          f"zeros {stats.fraction_zero:.0%}")
