"""Three hidden layers of 32 units instead of one of 64, then more epochs."""

import numpy as np

from nnref import Adam, Network, spirals, train

X, y = spirals(500, noise=0.1, rng=0)
X_new, y_new = spirals(500, noise=0.1, rng=1)

network = Network.from_sizes([2, 32, 32, 32, 1], output_activation="sigmoid", rng=0)
optimiser = Adam(lr=0.01)
print(f"{network.count_parameters()} parameters (2-64-1 has 257)")
for rounds in (1, 2):
    history = train(network, X, y, "binary_cross_entropy_with_logits", optimiser,
                    epochs=1000, batch_size=500, rng=0)  # continues where it stopped
    print(f"after {1000 * rounds} epochs: loss {history[-1]:.3f}, "
          f"training accuracy {np.mean(network.classify(X) == y):.1%}, "
          f"on fresh points {np.mean(network.classify(X_new) == y_new):.1%}")
