"""The common spirals example: 2 -> 64 -> 1, Adam at lr 0.001,
1000 full-batch epochs."""

import numpy as np

from nnref import Adam, Network, spirals, train

# The standard deviation of the Gaussian noise added to both coordinates:
noise = 0.1
# X shape (500, 2), y shape (500,): 250 per arm.
X, y = spirals(500, noise=noise, rng=0)
# Fresh points from the same spirals:
X_new, y_new = spirals(500, noise=noise, rng=1)

network = Network.from_sizes([2, 64, 1], output_activation="sigmoid", rng=0)
# batch_size=500, all the points: one step per epoch.
history = train(network, X, y, "binary_cross_entropy_with_logits",
                Adam(lr=0.001), epochs=1000, batch_size=500, rng=0)

for epoch in (1, 250, 500, 750, 1000):
    print(f"epoch {epoch:4d}: loss {history[epoch - 1]:.3f}")
# Kept for the comparisons below:
common = {"network": network, "history": history,
          "training": np.mean(network.classify(X) == y),
          "fresh": np.mean(network.classify(X_new) == y_new)}
print(f"training accuracy {common['training']:.1%}, "
      f"on fresh points {common['fresh']:.1%}")
