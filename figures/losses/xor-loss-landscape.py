"""The untrained XOR network's loss as hidden unit 2's two weights vary, the other 7 held."""

import numpy as np
from matplotlib.figure import Figure

from nnref import Network, xor


def draw(fig: Figure) -> None:
    inputs, labels = xor()
    network = Network.from_sizes([2, 2, 1], output_activation="sigmoid", rng=0)
    hidden = network.layers[0].weights
    start = hidden[1].copy()

    def loss_at(w1: float, w2: float) -> float:
        hidden[1] = w1, w2
        network.forward(inputs)
        return network.loss(labels, "binary_cross_entropy_with_logits")

    offsets = np.linspace(-3.0, 3.0, 121)
    across, up = start[0] + offsets, start[1] + offsets
    landscape = np.array([[loss_at(w1, w2) for w1 in across] for w2 in up])
    row, col = np.unravel_index(np.argmin(landscape), landscape.shape)
    loss_at(*start)
    network.backward(labels, "binary_cross_entropy_with_logits")
    downhill = -network.gradients()[0][1]

    ax = fig.subplots()
    levels = np.linspace(0.58, 0.94, 19)
    filled = ax.contourf(across, up, landscape, levels=levels, extend="both", cmap="viridis")
    fig.colorbar(filled, ax=ax, label="loss (binary cross-entropy)", location="bottom",
                 ticks=levels[::3], shrink=0.9)
    ax.contour(across, up, landscape, levels=levels, colors="white", linewidths=0.4, alpha=0.6)
    ink = ax.xaxis.label.get_color()
    ax.annotate("", xy=start + 1.2 * downhill / np.linalg.norm(downhill), xytext=start,
                arrowprops={"arrowstyle": "-|>", "color": "white", "linewidth": 2})
    ax.plot(*start, marker="*", markersize=16, color="white", markeredgecolor="black",
            linestyle="none", label="start")
    ax.plot(across[col], up[row], marker="X", markersize=11, color="white",
            markeredgecolor="black", linestyle="none", label="best grid point", clip_on=False,
            zorder=3)
    ax.plot([], [], color=ink, marker=r"$\rightarrow$", markersize=12, linestyle="none",
            label="downhill")
    ax.text(across[6], up[8], "flat: the unit is off\nfor all four inputs", color="white",
            fontsize=9)
    ax.grid(False)
    ax.set_aspect("equal")
    ax.set_xlabel("hidden unit 2: first input weight")
    ax.set_ylabel("second input weight")
    fig.legend(loc="outside lower center", ncols=3, fontsize=9, columnspacing=1.0,
               handletextpad=0.3)
    fig.set_size_inches(3.9, 5.2)  # narrow enough to fit a phone without scrolling
