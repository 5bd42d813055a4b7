"""The confusion matrix of the lesson's network on the 360 test images: how often each
true digit (row) was predicted as each digit (column)."""

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from sklearn.datasets import load_digits

from nnref import Adam, Network, Standardiser, train


def test_predictions() -> tuple[np.ndarray, np.ndarray]:
    """True and predicted digits of the test set, as the lesson computes them."""
    X, y = load_digits(return_X_y=True)
    order = np.random.default_rng(0).permutation(len(X))
    train_rows, validation_rows, test_rows = np.split(order, [1077, 1437])
    scaler = Standardiser().fit(X[train_rows])
    network = Network.from_sizes([64, 32, 10], output_activation="softmax", rng=0)
    train(network, scaler.transform(X[train_rows]), y[train_rows],
          "categorical_cross_entropy_with_logits", Adam(lr=0.003), epochs=200, batch_size=64,
          rng=0, validation=(scaler.transform(X[validation_rows]), y[validation_rows]),
          patience=10)
    return y[test_rows], network.classify(scaler.transform(X[test_rows]))


def draw(fig: Figure) -> None:
    true, predicted = test_predictions()
    confusion = np.zeros((10, 10), dtype=int)
    np.add.at(confusion, (true, predicted), 1)
    fig.set_size_inches(3.9, 3.9)  # fits a phone's width (about 370 CSS px)
    ax = fig.subplots()
    ax.grid(False)
    text = ax.xaxis.label.get_color()
    # Right answers in the first series colour, errors in the second; the fill stays light
    # (at most 45% opaque) so that the counts read on it in either palette.
    cells = np.zeros((10, 10, 4))
    for colour, mask in [("C0", np.eye(10, dtype=bool)), ("C1", ~np.eye(10, dtype=bool))]:
        cells[mask, :3] = to_rgb(colour)
    cells[..., 3] = np.where(confusion > 0, 0.12 + 0.33 * np.sqrt(confusion / confusion.max()),
                             0.0)
    ax.imshow(cells, interpolation="nearest")
    for row, column in zip(*np.nonzero(confusion), strict=True):
        ax.text(column, row, str(confusion[row, column]), ha="center", va="center",
                fontsize=9, color=text,
                fontweight="bold" if row != column else "normal")
    ax.set_xticks(range(10))
    ax.set_yticks(range(10))
    ax.set_xlabel("predicted digit")
    ax.set_ylabel("true digit")
    ax.xaxis.set_label_position("top")
    ax.xaxis.tick_top()
    for spine in ax.spines.values():
        spine.set_visible(False)
