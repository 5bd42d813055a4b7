"""Mini-batch Adam at a constant learning rate, and at the same peak rate
decayed along a cosine. nnref has no schedule object: the loop sets
optimiser.lr before every epoch."""

import numpy as np

from nnref import Adam, Network, spirals, train

X, y = spirals(200, noise=0.1, rng=0)
LOSS = "binary_cross_entropy_with_logits"
EPOCHS, BATCH_SIZE, PEAK_LR = 200, 20, 0.03
LAST = 20  # how many of the last epochs to look at


def constant(epoch: int) -> float:
    return PEAK_LR


def cosine(epoch: int) -> float:
    """PEAK_LR at epoch 0, then down along half a cosine, almost to 0."""
    return PEAK_LR * 0.5 * (1.0 + np.cos(np.pi * epoch / EPOCHS))


print(f"schedule      lr in last epoch  loss after {EPOCHS} epochs"
      f"  over the last {LAST}")
losses_by_schedule = {}  # name: loss on all the points after each epoch
for schedule in (constant, cosine):
    network = Network.from_sizes([2, 16, 16, 1],
                                 output_activation="sigmoid", rng=0)
    optimiser = Adam(lr=PEAK_LR)
    shuffling = np.random.default_rng(0)  # one stream of shuffles
    losses = []
    for epoch in range(EPOCHS):
        optimiser.lr = float(schedule(epoch))  # the schedule: this line
        train(network, X, y, LOSS, optimiser, epochs=1,
              batch_size=BATCH_SIZE, rng=shuffling)
        network.forward(X)
        losses.append(network.loss(y, LOSS))
    losses_by_schedule[schedule.__name__] = losses
    last = losses[-LAST:]
    print(f"{schedule.__name__:13s} {optimiser.lr:16.1e}"
          f"  {losses[-1]:21.3f}  {min(last):.3f} to {max(last):.3f}")
