"""XOR before and after the hidden layer: ReLU units move the points so that a line separates
them."""

import numpy as np
from matplotlib.figure import Figure

import nnref


def xor_network() -> nnref.Network:
    return nnref.Network([
        nnref.Dense.from_arrays([[1, 1], [1, 1]], [0, -1], "relu"),
        nnref.Dense.from_arrays([[1, -2]], [0], "identity"),
    ])


def draw(fig: Figure) -> None:
    inputs, labels = nnref.xor()
    network = xor_network()
    network.forward(inputs)
    hidden = network.caches[0].a
    before, after = fig.subplots(1, 2)
    line_colour = before.xaxis.label.get_color()
    for ax, points, title, names in (
        (before, inputs, "inputs x (no line separates the classes)", ("x1", "x2")),
        (after, hidden, "hidden activations a[1] (one line does)", ("h1", "h2")),
    ):
        for label, marker in ((0, "o"), (1, "s")):
            chosen = points[labels == label]
            ax.scatter(chosen[:, 0], chosen[:, 1], s=90, marker=marker, color=f"C{label}",
                       label=f"class {label}", zorder=3)
        ax.set_title(title, fontsize=9)
        ax.set_xlabel(names[0])
        ax.set_ylabel(names[1])
    before.set_xlim(-0.4, 1.4)
    before.set_ylim(-0.4, 1.4)
    # In hidden space the two class-1 inputs land on the same point, (1, 0). Each label sits
    # beside its point, on the side away from the dashed line and the legend.
    for text, point, offset, align in (
        ("[0, 1] and [1, 0]", (1, 0), (0, -16), "center"),
        ("[1, 1]", (2, 1), (-12, -4), "right"),
        ("[0, 0]", (0, 0), (10, 6), "left"),
    ):
        after.annotate(text, point, xytext=offset, textcoords="offset points", fontsize=9,
                       ha=align, va="center")
    # The output unit h1 - 2 h2 crosses 0.5 on the line h2 = (h1 - 0.5) / 2.
    h1 = np.linspace(-0.4, 2.4, 2)
    after.plot(h1, (h1 - 0.5) / 2, linestyle="--", linewidth=1.2, color=line_colour,
               label="h1 - 2 h2 = 0.5")
    after.set_xlim(-0.4, 2.4)
    after.set_ylim(-0.6, 1.6)
    after.legend(loc="upper left", fontsize=9)
    fig.set_size_inches(6.4, 3.2)
