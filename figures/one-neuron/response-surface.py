"""The delivery-risk neuron's score over every order on the 0-10 scales, two orders marked."""

import numpy as np
from matplotlib.figure import Figure

from nnref import neuron

WEIGHTS, BIAS = [0.7, 0.3], -4.0


def draw(fig: Figure) -> None:
    fig.set_size_inches(6.4, 4.2)  # the plot fills the width; the legend below it
    ax = fig.subplots()
    disruption, backlog = np.meshgrid(np.linspace(0, 10, 201), np.linspace(0, 10, 201))
    orders = np.column_stack([disruption.ravel(), backlog.ravel()])  # one order per row
    scores = neuron(orders, WEIGHTS, BIAS).reshape(disruption.shape)
    filled = ax.contourf(disruption, backlog, scores, levels=np.linspace(0, 1, 11))
    fig.colorbar(filled, ax=ax, label="score", fraction=0.05, pad=0.03)
    boundary = ax.contour(disruption, backlog, scores, levels=[0.5], linewidths=2)
    ax.clabel(boundary, fmt={0.5: "score 0.5"})
    for name, order, marker in (("risky order", (6, 8), "^"), ("quiet order", (2, 3), "o")):
        score = neuron(order, WEIGHTS, BIAS)
        ax.plot(*order, marker, markersize=10, label=f"{name} {order}: {score:.3f}")
    ax.set_xlabel("route disruption")
    ax.set_ylabel("warehouse backlog")
    fig.legend(loc="outside lower center", ncols=2)
