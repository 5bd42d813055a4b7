"""One inverted-dropout mask (p = 0.3) over a batch: which units each sample keeps."""

import numpy as np
from matplotlib.figure import Figure

from nnref import Dropout


def draw(fig: Figure) -> None:
    fig.set_size_inches(6.4, 2.8)
    dropout = Dropout(0.3, rng=0)
    dropout.forward(np.ones((8, 24)))  # 8 samples, 24 units
    kept = dropout.mask > 0  # shape (8, 24)
    ax = fig.subplots()
    rows, cols = np.nonzero(kept)
    ax.scatter(cols, rows, s=90, color="C0", label=f"kept, scaled by 1/0.7 ({kept.mean():.0%})")
    rows, cols = np.nonzero(~kept)
    ax.scatter(cols, rows, s=90, facecolors="none", edgecolors="C1", linewidths=1.5,
               label=f"dropped, set to 0 ({1 - kept.mean():.0%})")
    ax.set_xlabel("unit")
    ax.set_ylabel("sample in the batch")
    ax.set_xticks(range(0, 24, 4))
    ax.set_yticks(range(8))
    ax.invert_yaxis()
    ax.grid(False)
    ax.set_aspect("equal")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncols=2, fontsize=9)
