"""GELU's exact form against ReLU, and the (tiny) gap to its tanh approximation."""

import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    left, right = fig.subplots(1, 2)
    z = np.linspace(-4.0, 4.0, 801)
    left.plot(z, nnref.relu(z), label="ReLU")
    left.plot(z, nnref.gelu(z), label="GELU (exact)")
    left.plot(z, nnref.swish(z), label="Swish / SiLU", linestyle="--")
    left.set_xlabel("z")
    left.legend(loc="upper left")
    right.plot(z, nnref.gelu(z) - nnref.gelu_tanh(z))
    right.set_xlabel("z")
    right.set_title("exact GELU minus tanh approximation", fontsize=10)
