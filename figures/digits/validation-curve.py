"""Training and validation loss per epoch of the lesson's 64-32-10 network, trained on for
200 epochs without stopping, with the epoch early stopping chose and where it stopped."""

from functools import cache

import numpy as np
from matplotlib.figure import Figure

from nnref import Adam, History, Network, train

from ._lesson import lesson


@cache  # trained once, drawn in both palettes
def histories() -> tuple[History, History]:
    """The lesson's run (patience 10) and the same run carried on to epoch 200."""
    run = lesson()
    stopped = run["history"]
    network = Network.from_sizes([64, 32, 10], output_activation="softmax", rng=0)
    full = train(network, run["X_train"], run["y_train"],
                 "categorical_cross_entropy_with_logits", Adam(lr=0.003), epochs=200,
                 batch_size=64, rng=0, validation=(run["X_val"], run["y_val"]))
    if full.train_loss[:len(stopped)] != stopped.train_loss:
        raise ValueError("the run carried on is not the lesson's run: train it as the page "
                         "does (snippets/digits/end_to_end.py), without patience")
    return stopped, full


def draw(fig: Figure) -> None:
    stopped, full = histories()
    fig.set_size_inches(6.4, 3.2)
    both, close = fig.subplots(1, 2)
    epochs = np.arange(1, len(full) + 1)
    both.plot(epochs, full.train_loss, label="training")
    both.plot(epochs, full.validation_loss, label="validation")
    both.set_yscale("log")
    both.set_ylabel("cross-entropy loss")
    both.set_title("both losses (log scale)", fontsize=10)
    both.legend(loc="upper right", fontsize=9)
    close.plot(epochs, full.validation_loss, color="C1")
    lowest = min(full.validation_loss)
    close.set_ylim(0.9 * lowest, 1.35 * lowest)
    close.set_title("validation loss, close up", fontsize=10)
    muted = close.xaxis.label.get_color()
    for ax in (both, close):
        ax.set_xlim(0, len(full))
        ax.set_xlabel("epoch")
        for epoch in (stopped.best_epoch, len(stopped)):
            ax.axvline(epoch, linestyle=":", linewidth=1.0, color=muted)
    for epoch, text, side in [(stopped.best_epoch, f"best {stopped.best_epoch}", "right"),
                              (len(stopped), f"stop {len(stopped)}", "left")]:
        close.annotate(text, (epoch, 0.0), xycoords=("data", "axes fraction"),
                       xytext=(-3 if side == "right" else 3, 3), textcoords="offset points",
                       va="bottom", ha=side, fontsize=9)
