"""The common spirals example: 2 -> 64 -> 1, Adam at lr 0.001, 1000 full-batch epochs."""

import numpy as np

from nnref import Adam, Network, spirals, train

X, y = spirals(500, noise=0.1, rng=0)  # X shape (500, 2), y shape (500,): 250 per arm
X_new, y_new = spirals(500, noise=0.1, rng=1)  # fresh points from the same spirals

network = Network.from_sizes([2, 64, 1], output_activation="sigmoid", rng=0)
history = train(network, X, y, "binary_cross_entropy_with_logits", Adam(lr=0.001),
                epochs=1000, batch_size=500, rng=0)  # one step per epoch

for epoch in (1, 250, 500, 750, 1000):
    print(f"epoch {epoch:4d}: loss {history[epoch - 1]:.3f}")
print(f"training accuracy {np.mean(network.classify(X) == y):.1%}, "
      f"on fresh points {np.mean(network.classify(X_new) == y_new):.1%}")
