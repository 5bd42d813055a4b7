"""A fair race on a small network: 2 -> 16 -> 16 -> 1 on 200 spiral points, 200 full-batch
epochs, each optimiser with its best learning rate from the same grid."""

import numpy as np

from nnref import SGD, Adam, Momentum, Network, spirals, train

X, y = spirals(200, noise=0.1, rng=0)  # X shape (200, 2), y shape (200,)
OPTIMISERS = {"gradient descent": SGD, "momentum": Momentum, "Adam": Adam}
LEARNING_RATES = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0]

print("optimiser          best lr  final loss   (loss for each lr in the grid)")
for name, make in OPTIMISERS.items():
    losses = []
    for lr in LEARNING_RATES:
        network = Network.from_sizes([2, 16, 16, 1], output_activation="sigmoid", rng=0)
        history = train(network, X, y, "binary_cross_entropy_with_logits", make(lr=lr), 200)
        losses.append(history[-1])
    best = int(np.argmin(losses))
    grid = " ".join(f"{value:.2f}" for value in losses)
    print(f"{name:17s} {LEARNING_RATES[best]:8.2f}  {losses[best]:10.3f}   ({grid})")
