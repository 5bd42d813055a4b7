"""The common example again, with four different initial weights."""

import numpy as np

from nnref import Adam, Network, spirals, train

X, y = spirals(500, noise=0.1, rng=0)
losses, accuracies = [], []
for seed in range(4):
    network = Network.from_sizes([2, 64, 1], output_activation="sigmoid",
                                 rng=seed)
    history = train(network, X, y, "binary_cross_entropy_with_logits",
                    Adam(lr=0.001), epochs=1000, batch_size=500, rng=0)
    losses.append(history[-1])
    accuracies.append(np.mean(network.classify(X) == y))
    print(f"seed {seed}: loss {losses[-1]:.3f}, accuracy {accuracies[-1]:.1%}")
print(f"range: loss {min(losses):.2f} to {max(losses):.2f}, "
      f"accuracy {min(accuracies):.0%} to {max(accuracies):.0%}")
