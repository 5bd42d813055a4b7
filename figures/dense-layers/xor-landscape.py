"""The XOR network's output over the input plane: two ridges of ReLU pieces, zero at the corners."""

import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    network = nnref.Network([
        nnref.Dense.from_arrays([[1, 1], [1, 1]], [0, -1], "relu"),
        nnref.Dense.from_arrays([[1, -2]], [0], "identity"),
    ])
    ax = fig.subplots()
    grid = np.linspace(-0.5, 1.5, 201)
    x1, x2 = np.meshgrid(grid, grid)
    plane = np.column_stack([x1.ravel(), x2.ravel()])  # every grid point as a row, (201*201, 2)
    output = network.forward(plane)[:, 0].reshape(x1.shape)
    filled = ax.contourf(x1, x2, output, levels=np.linspace(-1.0, 1.0, 21), extend="both")
    fig.colorbar(filled, ax=ax, label="network output h1 - 2 h2")
    ax.contour(x1, x2, output, levels=[0.5], linestyles="--", linewidths=1.2,
               colors=[ax.xaxis.label.get_color()])
    inputs, labels = nnref.xor()
    for label, marker in ((0, "o"), (1, "s")):
        chosen = inputs[labels == label]
        ax.scatter(chosen[:, 0], chosen[:, 1], s=90, marker=marker, color=f"C{label}",
                   edgecolors=ax.xaxis.label.get_color(), label=f"class {label}", zorder=3)
    ax.grid(False)
    ax.set_aspect("equal")
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.plot([], [], linestyle="--", color=ax.xaxis.label.get_color(), label="output = 0.5")
    fig.legend(loc="outside right center", fontsize=9)
    fig.set_size_inches(6.4, 3.8)
