"""Dropout as an ensemble:
the full network against the average of many thinned networks."""

import numpy as np

from nnref import Dense, Dropout, Network, sigmoid

rng = np.random.default_rng(3)
# A network whose output is a logit:
dropout_net = Network([Dense(4, 10, "relu", rng=rng), Dropout(0.5, rng=0),
                       Dense(10, 1, "identity", rng=rng)])
one_input = np.random.default_rng(1).standard_normal((1, 4))  # shape (1, 4)

dropout_net.eval()  # inference: every unit, no scaling
full = dropout_net.forward(one_input)[0, 0]
dropout_net.train()  # training: every row of a batch gets its own mask
n = 100_000
# n copies of the input: n thinned networks.
thinned = dropout_net.forward(np.repeat(one_input, n, axis=0))[:, 0]
probabilities = sigmoid(thinned)
# Normalised geometric mean: the geometric means of the probabilities
# and of their complements, scaled to sum to 1.
geometric = np.exp(np.mean(np.log(probabilities)))
geometric /= geometric + np.exp(np.mean(np.log1p(-probabilities)))
print(f"logit:       full network {full:.3f}, "
      f"average of {n:,} thinned {thinned.mean():.3f} "
      f"+- {thinned.std() / np.sqrt(n):.3f}")
print(f"probability: full network {sigmoid(full):.3f}, "
      f"average of {n:,} thinned {probabilities.mean():.3f} "
      f"+- {probabilities.std() / np.sqrt(n):.3f}")
print(f"             normalised geometric mean of the thinned {geometric:.3f}")
