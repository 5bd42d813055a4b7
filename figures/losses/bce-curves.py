"""Binary cross-entropy as a function of the predicted probability, for y = 1 and y = 0."""

import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    ax = fig.subplots()
    p = np.linspace(0.005, 0.995, 397)
    for label in (1, 0):
        loss = [nnref.binary_cross_entropy([q], [label]) for q in p]
        ax.plot(p, loss, label=f"true label y = {label}")
    marked = np.array([0.95, 0.55, 0.05])
    marked_loss = [nnref.binary_cross_entropy([q], [1]) for q in marked]
    ax.plot(marked, marked_loss, "o", color="C0")
    for q, loss in zip(marked, marked_loss, strict=True):
        ax.annotate(f"{loss:.4f}", (q, loss), textcoords="offset points", xytext=(6, 4))
    ax.set_xlabel("predicted probability p of class 1")
    ax.set_ylabel("binary cross-entropy")
    ax.set_ylim(0, 5.5)
    ax.legend(loc="upper center")
