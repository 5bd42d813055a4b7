"""The training loop written out: shuffled mini-batches, one step each.
Included in parts (the --8<-- [start:...] markers); run on its own it prints
every part."""

# --8<-- [start:loop]
import math

import numpy as np

from nnref import SGD, Network, spirals, train

LOSS = "binary_cross_entropy_with_logits"


def train_by_hand(network, X, y, optimiser, epochs, batch_size, seed=0,
                  shuffle=True):
    """Mini-batch gradient descent; returns each epoch's mean loss."""
    rng = np.random.default_rng(seed)
    n = len(X)
    epoch_losses = []
    for _ in range(epochs):
        # a new order every epoch
        order = rng.permutation(n) if shuffle else np.arange(n)
        total = 0.0
        for start in range(0, n, batch_size):  # one step per mini-batch
            batch = order[start : start + batch_size]
            network.forward(X[batch])  # every layer's z and a
            loss = network.loss(y[batch], LOSS)  # the batch's mean loss
            gradients = network.backward(y[batch], LOSS)  # from dL/dz back
            optimiser.step(network.parameters(), gradients)  # downhill
            total += loss * len(batch)
        epoch_losses.append(total / n)  # mean over the epoch's samples
    return epoch_losses
# --8<-- [end:loop]


# --8<-- [start:compare]
X, y = spirals(200, noise=0.1, rng=0)  # X shape (200, 2), y shape (200,)
n, learning_rate = len(X), 0.3
RUNS = [  # label, batch size, epochs, shuffled
    ("full batch", n, 200, True),
    ("mini-batches of 20", 20, 200, True),
    ("mini-batches, unshuffled", 20, 200, False),
    ("full batch, 10x epochs", n, 2000, True),
]
histories, networks = {}, {}
print("run                       epochs  steps  sample gradients"
      "  loss, last epoch")
for label, batch_size, epochs, shuffle in RUNS:
    network = Network.from_sizes([2, 16, 16, 1],
                                 output_activation="sigmoid", rng=0)
    history = train_by_hand(network, X, y, SGD(lr=learning_rate), epochs,
                            batch_size, seed=0, shuffle=shuffle)
    histories[label], networks[label] = history, network
    steps = epochs * math.ceil(n / batch_size)  # n / batch, rounded up
    print(f"{label:25s} {epochs:6,d} {steps:6,d} {epochs * n:17,d}"
          f"  {history[-1]:16.3f}")
# --8<-- [end:compare]


# --8<-- [start:same]
network = Network.from_sizes([2, 16, 16, 1], output_activation="sigmoid",
                             rng=0)
history = train(network, X, y, LOSS, SGD(lr=learning_rate), epochs=200,
                batch_size=20, rng=0)
ours = networks["mini-batches of 20"]
print("same epoch losses as nnref.train:",
      list(history) == histories["mini-batches of 20"])
print("same weights and biases:", all(
    np.array_equal(mine, reference)
    for mine, reference in zip(ours.parameters(), network.parameters(),
                               strict=True)))
# --8<-- [end:same]
