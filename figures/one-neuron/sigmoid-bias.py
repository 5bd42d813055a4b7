"""The sigmoid of w * x + b for a few biases: the bias slides the curve, the weight tilts it."""

import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    ax = fig.subplots()
    x = np.linspace(-10.0, 10.0, 401)
    weight = 0.7
    for bias in (-4.0, 0.0, 4.0):
        ax.plot(x, nnref.sigmoid(weight * x + bias), label=f"b = {bias:+.0f}")
    ax.axhline(0.5, linestyle=":", linewidth=1.0, color=ax.xaxis.label.get_color())
    ax.set_xlabel("input x")
    ax.set_ylabel(f"sigmoid({weight} x + b)")
    ax.set_ylim(-0.03, 1.03)
    ax.legend(loc="upper left")
