"""The sawtooth made by composing the ReLU tent map k = 1, 2, 3, 4 times."""

import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    x = np.linspace(0.0, 1.0, 2**8 + 1)  # includes every corner for k <= 8
    panels = fig.subplots(1, 4, sharey=True)
    for depth, ax in enumerate(panels, start=1):
        ax.plot(x, nnref.sawtooth_network(depth).forward(x[:, None])[:, 0], color=f"C{depth - 1}")
        ax.set_title(f"k = {depth}: {2**depth} pieces", fontsize=9)
        ax.set_xlabel("x")
        ax.set_xticks([0.0, 0.5, 1.0])
    panels[0].set_ylabel("output")
