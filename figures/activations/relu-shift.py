"""Standard-normal pre-activations, centred and shifted by -1.5: ReLU zeros everything left of 0."""

import numpy as np
from matplotlib.figure import Figure


def draw(fig: Figure) -> None:
    ax = fig.subplots()
    z = np.random.default_rng(21).standard_normal(10_000)
    bins = np.linspace(-5.5, 4.0, 77)
    ax.hist(z, bins=bins, alpha=0.6, label=f"centred: {np.mean(z <= 0):.0%} zeros after ReLU")
    ax.hist(z - 1.5, bins=bins, alpha=0.6,
            label=f"shifted by -1.5: {np.mean(z - 1.5 <= 0):.1%} zeros")
    ax.axvline(0.0, linestyle=":", linewidth=1.5, color=ax.xaxis.label.get_color())
    ax.set_xlabel("pre-activation z (ReLU outputs 0 left of the dotted line)")
    ax.set_ylabel("count of 10,000 samples")
    ax.set_ylim(0.0, ax.get_ylim()[1] * 1.3)  # room for the legend
    ax.legend(loc="upper right")
