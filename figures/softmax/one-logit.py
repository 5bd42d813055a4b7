"""Softmax probabilities of three classes as logit z0 moves; the others stay at 1.0 and 0.5."""

import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    ax = fig.subplots()
    first_logit = np.linspace(-4.0, 8.0, 241)
    logits = np.column_stack([first_logit, np.full_like(first_logit, 1.0),
                              np.full_like(first_logit, 0.5)])  # shape (241, 3)
    probabilities = nnref.softmax(logits, axis=1)
    labels = ["class 0 (logit z$_0$)", "class 1 (logit 1.0)", "class 2 (logit 0.5)"]
    for k, label in enumerate(labels):
        ax.plot(first_logit, probabilities[:, k], label=label)
    for z0 in (2.0, 5.0):  # the two worked examples of the lesson
        ax.axvline(z0, linestyle=":", linewidth=1.0, color=ax.xaxis.label.get_color())
    ax.set_xlabel("logit z$_0$ of class 0")
    ax.set_ylabel("softmax probability")
    ax.set_ylim(-0.03, 1.03)
    ax.legend(loc="center right")
