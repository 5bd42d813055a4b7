"""Three hidden layers of 32 units instead of one of 64, then more epochs."""

import numpy as np

from nnref import Adam, Network, spirals, train

X, y = spirals(500, noise=0.1, rng=0)
X_new, y_new = spirals(500, noise=0.1, rng=1)

sizes = [2, 32, 32, 32, 1]
network = Network.from_sizes(sizes, output_activation="sigmoid", rng=0)
optimiser = Adam(lr=0.01)
print(f"{network.count_parameters()} parameters (2-64-1 has 257)")
deep = []  # the results after 1000 and after 2000 epochs
for rounds in (1, 2):
    # The second round continues where the first stopped.
    history = train(network, X, y, "binary_cross_entropy_with_logits",
                    optimiser, epochs=1000, batch_size=500, rng=0)
    deep.append({"history": history,
                 "training": np.mean(network.classify(X) == y),
                 "fresh": np.mean(network.classify(X_new) == y_new)})
    print(f"after {1000 * rounds} epochs: loss {history[-1]:.3f}, "
          f"training accuracy {deep[-1]['training']:.1%}, "
          f"on fresh points {deep[-1]['fresh']:.1%}")
