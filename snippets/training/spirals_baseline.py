"""The common spirals example: 2 -> 64 -> 1, Adam at lr 0.001, 1000 full-batch epochs."""

import numpy as np

from nnref import Adam, Network, spirals, train

noise = 0.1  # standard deviation of the Gaussian noise added to both coordinates
X, y = spirals(500, noise=noise, rng=0)  # X shape (500, 2), y shape (500,): 250 per arm
X_new, y_new = spirals(500, noise=noise, rng=1)  # fresh points from the same spirals

network = Network.from_sizes([2, 64, 1], output_activation="sigmoid", rng=0)
history = train(network, X, y, "binary_cross_entropy_with_logits", Adam(lr=0.001),
                epochs=1000, batch_size=500, rng=0)  # one step per epoch

for epoch in (1, 250, 500, 750, 1000):
    print(f"epoch {epoch:4d}: loss {history[epoch - 1]:.3f}")
common = {"network": network, "history": history,  # kept for the comparisons below
          "training": np.mean(network.classify(X) == y),
          "fresh": np.mean(network.classify(X_new) == y_new)}
print(f"training accuracy {common['training']:.1%}, on fresh points {common['fresh']:.1%}")
