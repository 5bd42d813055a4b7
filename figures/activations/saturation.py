"""Derivatives on a log scale: sigmoid and tanh fade exponentially, ReLU stays at 1."""

import matplotlib
import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    ax = fig.subplots()
    z = np.linspace(0.05, 10.0, 400)
    ax.semilogy(z, nnref.DERIVATIVES["sigmoid"](z), label="sigmoid'(z)")
    ax.semilogy(z, nnref.DERIVATIVES["tanh"](z), label="tanh'(z)")
    ax.semilogy(z, nnref.DERIVATIVES["relu"](z), label="ReLU'(z)")
    at_ten = float(nnref.DERIVATIVES["sigmoid"](10.0))
    ax.annotate(f"sigmoid'(10) = {at_ten:.2e}", xy=(10.0, at_ten), xytext=(5.6, 1.5e-2),
                # An arrow is a patch, drawn black unless told: give it the text's colour,
                # which the renderer's light or dark style sets.
                arrowprops={"arrowstyle": "->", "color": matplotlib.rcParams["text.color"]})
    ax.set_xlabel("z")
    ax.set_ylabel("derivative (log scale)")
    ax.set_ylim(1e-9, 3.0)
    ax.legend(loc="lower left")
