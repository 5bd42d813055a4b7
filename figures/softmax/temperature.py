"""Softmax of five logits divided by a temperature T: low T sharpens, high T flattens."""

import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    ax = fig.subplots()
    logits = np.array([2.0, 1.0, 0.1, -0.5, 3.5])
    classes = np.arange(logits.size)
    temperatures = (0.5, 1.0, 2.0, 5.0)
    width = 0.8 / len(temperatures)
    for i, temperature in enumerate(temperatures):
        offset = (i - (len(temperatures) - 1) / 2) * width
        ax.bar(classes + offset, nnref.softmax(logits / temperature), width,
               label=f"T = {temperature:g}")
    ax.set_xticks(classes, [f"{k}\n(z = {z:+.1f})" for k, z in zip(classes, logits, strict=True)])
    ax.set_xlabel("class")
    ax.set_ylabel("softmax(z / T)")
    ax.legend(loc="upper left")
