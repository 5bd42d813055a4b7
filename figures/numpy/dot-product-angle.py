"""A unit's weights w = (1.0, 0.75) and eight inputs of length 2.5 around them, every 45
degrees, each labelled with its weighted sum w · x: largest along w, 0 at a right angle,
most negative opposite."""

import numpy as np
from matplotlib.figure import Figure

import nnref

WEIGHTS = np.array([1.0, 0.75])  # the unit of the lesson's snippet, length 1.25
LENGTH = 2.5  # every input's length


def _align(component: float, positive: str, negative: str) -> str:
    """Text alignment that keeps a label clear of its arrow on that side of the circle."""
    if abs(component) < 0.3:
        return "center"
    return positive if component > 0 else negative


def draw(fig: Figure) -> None:
    fig.set_size_inches(3.9, 3.9)  # fits a phone's width (about 370 CSS px)
    ax = fig.subplots()
    text = ax.xaxis.label.get_color()
    direction = np.arctan2(WEIGHTS[1], WEIGHTS[0])
    turns = np.deg2rad(np.arange(0, 360, 45))  # the angle of each input from w
    inputs = LENGTH * np.column_stack([np.cos(direction + turns), np.sin(direction + turns)])
    weighted_sums = nnref.pre_activation(inputs, WEIGHTS, 0.0)  # one per input, shape (8,)

    circle = np.linspace(0.0, 2.0 * np.pi, 241)
    ax.plot(LENGTH * np.cos(circle), LENGTH * np.sin(circle), linestyle=":", linewidth=1.0,
            color=text)
    for x, z in zip(inputs, weighted_sums, strict=True):
        ax.annotate("", xy=x, xytext=(0.0, 0.0),
                    arrowprops={"arrowstyle": "-|>", "color": "C1", "linewidth": 1.5})
        shown = round(float(z), 3) + 0.0  # + 0.0: no "-0.000" at the right angle
        label = f"{shown:.3f}".replace("-", "\u2212")  # a typographic minus, as on the axes
        outward = x / LENGTH  # the label sits just past the arrow's tip, away from the circle
        ax.text(*((LENGTH + 0.2) * outward), label, fontsize=10, color=text,
                ha=_align(outward[0], "left", "right"), va=_align(outward[1], "bottom", "top"))
    ax.annotate("", xy=WEIGHTS, xytext=(0.0, 0.0),
                arrowprops={"arrowstyle": "-|>", "color": "C0", "linewidth": 3.0,
                            "mutation_scale": 18})
    ax.text(WEIGHTS[0] + 0.1, WEIGHTS[1] - 0.45, "w", color="C0", fontsize=13,
            fontweight="bold")
    ax.set_aspect("equal")
    ax.set_xlim(-4.0, 4.0)
    ax.set_ylim(-4.0, 4.0)
    ax.set_xticks(range(-3, 4))
    ax.set_yticks(range(-3, 4))
    ax.set_xlabel("feature 1")
    ax.set_ylabel("feature 2")
    ax.set_title("w · x for inputs of length 2.5", fontsize=10)
