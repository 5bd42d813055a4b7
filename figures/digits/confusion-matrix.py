"""The confusion matrix of the lesson's network on the 360 test images: how often each
true digit (row) was predicted as each digit (column)."""

import numpy as np
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from ._lesson import lesson


def draw(fig: Figure) -> None:
    confusion = lesson()["confusion"]  # row: true digit, column: predicted, as printed
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
