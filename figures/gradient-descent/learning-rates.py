"""Gradient descent on f(x) = x**2 from x = 10 with five learning rates."""

import numpy as np
from matplotlib.figure import Figure

from nnref import SGD

LEARNING_RATES = (0.01, 0.1, 0.5, 0.9, 5.0)


def path(learning_rate: float, steps: int) -> np.ndarray:
    x = np.array([10.0])
    points = [x[0]]
    optimiser = SGD(lr=learning_rate)
    for _ in range(steps):
        optimiser.step([x], [2 * x])
        points.append(x[0])
    return np.array(points)


def draw(fig: Figure) -> None:
    left, right = fig.subplots(1, 2, width_ratios=[1, 1.3])
    curve = np.linspace(-11, 11, 201)
    left.plot(curve, curve**2, linewidth=1.0, alpha=0.5, color=left.xaxis.label.get_color())
    for colour, lr in zip(("C1", "C2", "C3"), (0.1, 0.5, 0.9), strict=True):
        xs = path(lr, 6)
        left.plot(xs, xs**2, marker="o", markersize=4, linewidth=1.2, color=colour,
                  label=f"lr = {lr}")
    left.set_xlabel("x")
    left.set_ylabel("f(x) = x²")
    left.set_title("first 6 steps on the parabola", fontsize=10)
    left.legend(loc="upper center", fontsize=9)

    steps = np.arange(21)
    for colour, lr in zip(("C0", "C1", "C2", "C3", "C4"), LEARNING_RATES, strict=True):
        right.plot(steps, path(lr, 20), marker="o", markersize=3, linewidth=1.2, color=colour,
                   label=f"lr = {lr}")
    right.set_yscale("symlog", linthresh=1.0)
    right.set_ylim(-1e4, 1e4)
    right.set_xlabel("step")
    right.set_ylabel("x (symmetric log scale)")
    right.set_title("x after each of 20 steps", fontsize=10)
    right.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
