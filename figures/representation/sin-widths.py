"""Left: sin on [0, pi] and the hand-built ReLU networks of width 2, 4 and 8.
Right: their largest error against the width, on log-log axes."""

import matplotlib
import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    curves, errors = fig.subplots(1, 2, gridspec_kw={"width_ratios": [3, 2]})
    x = np.linspace(0.0, np.pi, 2001)
    # The target is a broad band in the text's colour (the style's, light or dark), half
    # transparent, under the networks' curves: at least 3:1 against either background.
    curves.plot(x, np.sin(x), label="sin x", linewidth=4.0, alpha=0.5,
                color=matplotlib.rcParams["text.color"])
    for width in (2, 4, 8):
        network = nnref.interpolation_network(np.sin, 0.0, np.pi, width)
        curves.plot(x, network.forward(x[:, None])[:, 0], label=f"width {width}", linewidth=1.4)
    curves.set_xlabel("x")
    curves.set_ylabel("output")
    curves.legend(loc="lower center", fontsize=9)

    widths = 2 ** np.arange(1, 9)
    max_errors = [
        np.abs(
            nnref.interpolation_network(np.sin, 0.0, np.pi, n).forward(x[:, None])[:, 0] - np.sin(x)
        ).max()
        for n in widths
    ]
    errors.loglog(widths, max_errors, marker="o", label="max error")
    errors.loglog(widths, (np.pi / widths) ** 2 / 8, linestyle="--", label="h²/8")
    errors.set_xlabel("hidden units")
    errors.set_ylabel("max error on [0, π]")
    errors.legend(fontsize=9)
