"""The spirals, each network's two decision regions (shaded) and the boundary between them
(the line)."""

from functools import cache

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from nnref import Adam, Network, spirals, train

RUNS = [  # title, layer sizes, learning rate
    ("2-64-1, lr 0.001", [2, 64, 1], 0.001),
    ("2-64-1, lr 0.01", [2, 64, 1], 0.01),
    ("2-32-32-32-1, lr 0.01", [2, 32, 32, 32, 1], 0.01),
]


@cache  # trained once, drawn in both palettes
def trained_networks() -> list[Network]:
    X, y = spirals(500, noise=0.1, rng=0)
    networks = []
    for _, sizes, learning_rate in RUNS:
        network = Network.from_sizes(sizes, output_activation="sigmoid", rng=0)
        train(network, X, y, "binary_cross_entropy_with_logits", Adam(lr=learning_rate),
              epochs=1000, batch_size=500, rng=0)
        networks.append(network)
    return networks


def draw(fig: Figure) -> None:
    fig.set_size_inches(6.4, 2.9)
    X, y = spirals(500, noise=0.1, rng=0)
    grid_x, grid_y = np.meshgrid(np.linspace(-1.4, 1.4, 200), np.linspace(-1.4, 1.4, 200))
    grid = np.column_stack([grid_x.ravel(), grid_y.ravel()])  # shape (40000, 2)
    axes = fig.subplots(1, 3, sharex=True, sharey=True)
    colours = ["C0", "C1"]
    line_colour = axes[0].xaxis.label.get_color()
    for ax, (title, _, _), network in zip(axes, RUNS, trained_networks(), strict=True):
        predicted = network.classify(grid).reshape(grid_x.shape)
        ax.contourf(grid_x, grid_y, predicted, levels=[-0.5, 0.5, 1.5],
                    cmap=ListedColormap(colours), alpha=0.35)
        for label in (0, 1):
            ax.scatter(*X[y == label].T, s=2, color=colours[label], label=f"arm {label}",
                       linewidths=0)
        # The boundary itself, over the points, so that they do not hide it.
        ax.contour(grid_x, grid_y, predicted, levels=[0.5], colors=[line_colour],
                   linewidths=1.4, zorder=3)
        accuracy = np.mean(network.classify(X) == y)
        ax.set_title(f"{title}\ntraining accuracy {accuracy:.0%}", fontsize=9)
        ax.set_aspect("equal")
        ax.set_xticks([-1, 0, 1])
        ax.set_yticks([-1, 0, 1])
    axes[0].legend(loc="lower left", fontsize=9, markerscale=4)
