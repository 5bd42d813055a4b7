"""Full-batch against mini-batch gradient descent on the spirals, per epoch and per step."""

from functools import cache

import numpy as np
from matplotlib.figure import Figure

from nnref import SGD, Network, spirals, train

LEARNING_RATE = 0.3


@cache  # trained once, drawn in both palettes
def history(batch_size: int, epochs: int) -> np.ndarray:
    X, y = spirals(200, noise=0.1, rng=0)
    network = Network.from_sizes([2, 16, 16, 1], output_activation="sigmoid", rng=0)
    return np.asarray(train(network, X, y, "binary_cross_entropy_with_logits",
                            SGD(lr=LEARNING_RATE), epochs, batch_size=batch_size, rng=0))


def draw(fig: Figure) -> None:
    by_epoch, by_step = fig.subplots(1, 2, sharey=True)
    full, mini, full_long = history(200, 200), history(20, 200), history(200, 2000)

    epochs = np.arange(1, 201)
    by_epoch.plot(epochs, full, color="C0", label="full batch")
    by_epoch.plot(epochs, mini, color="C1", linewidth=1.0, label="mini-batches of 20")
    by_epoch.set_xlabel("epoch (200 samples each)")
    by_epoch.set_ylabel("training loss")
    by_epoch.set_title("same epochs", fontsize=10)
    by_epoch.legend(loc="lower left", fontsize=9)

    # Per step: the mini-batch run makes 10 steps per epoch, the full-batch one a single step.
    by_step.plot(np.arange(1, 2001), full_long, color="C0", label="full batch, 2000 epochs")
    by_step.plot(np.arange(10, 2001, 10), mini, color="C1", linewidth=1.0,
                 label="mini-batches, 200 epochs")
    by_step.set_xlabel("optimiser step")
    by_step.set_title("same steps", fontsize=10)
    by_step.legend(loc="lower left", fontsize=9)
