"""Paths of gradient descent, momentum and Adam on f(w) = 0.5 (w1² + 100 w2²)."""

import numpy as np
from matplotlib.figure import Figure

from nnref import SGD, Adam, Momentum

CURVATURE = np.array([1.0, 100.0])


def path(optimiser, steps: int = 100) -> np.ndarray:
    w = np.array([-4.0, 2.0])
    points = [w.copy()]
    for _ in range(steps):
        optimiser.step([w], [CURVATURE * w])
        points.append(w.copy())
    return np.array(points)  # shape (steps + 1, 2)


def draw(fig: Figure) -> None:
    ax = fig.subplots()
    w1, w2 = np.meshgrid(np.linspace(-4.5, 1.5, 300), np.linspace(-2.5, 2.5, 300))
    levels = np.geomspace(0.01, 300, 12)
    ax.contour(w1, w2, 0.5 * (CURVATURE[0] * w1**2 + CURVATURE[1] * w2**2), levels=levels,
               linewidths=0.6, alpha=0.5, colors=[ax.xaxis.label.get_color()])
    runs = [("gradient descent, lr 0.018", SGD(lr=0.0178)),
            ("momentum 0.9, lr 0.018", Momentum(lr=0.0178)),
            ("Adam, lr 0.1", Adam(lr=0.1))]
    for colour, (label, optimiser) in zip(("C0", "C1", "C2"), runs, strict=True):
        points = path(optimiser)
        ax.plot(points[:, 0], points[:, 1], marker="o", markersize=2.5, linewidth=1.0,
                color=colour, label=label)
    ax.plot([0], [0], marker="*", markersize=10, linestyle="none", color="C3", label="minimum")
    ax.set_xlim(-4.5, 1.5)
    ax.set_ylim(-2.5, 2.5)
    ax.set_xlabel("w1 (curvature 1)")
    ax.set_ylabel("w2 (curvature 100)")
    ax.legend(loc="upper right", fontsize=9)
