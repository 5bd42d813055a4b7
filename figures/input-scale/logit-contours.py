"""Lines of equal logit over a cloud of orders, on raw and on standardised features.

The star is the example order [backlog 8, value $900]; both weights are 0.3.
"""

import numpy as np
from matplotlib.figure import Figure

import nnref


def draw(fig: Figure) -> None:
    rng = np.random.default_rng(1)
    orders = np.column_stack([rng.normal(5, 2, 150), rng.normal(500, 200, 150)])
    scaler = nnref.Standardiser(mean=[5, 500], scale=[2, 200])
    weights = np.array([0.3, 0.3])

    panels = fig.subplots(1, 2)
    for ax, scaled in zip(panels, (False, True), strict=True):
        points = scaler.transform(orders) if scaled else orders
        low, high = points.min(axis=0), points.max(axis=0)
        grid_x, grid_y = np.meshgrid(np.linspace(low[0], high[0], 60),
                                     np.linspace(low[1], high[1], 60))
        logit = weights[0] * grid_x + weights[1] * grid_y
        ax.scatter(points[:, 0], points[:, 1], s=6, alpha=0.5)
        example = scaler.transform([8.0, 900.0]) if scaled else np.array([8.0, 900.0])
        ax.plot(*example, marker="*", markersize=12, linestyle="none", color="C2")
        lines = ax.contour(grid_x, grid_y, logit, levels=7, colors="C1", linewidths=1.0,
                           negative_linestyles="solid")
        ax.clabel(lines, fontsize=9, fmt="%.1f")
        if scaled:
            ax.set_title("standardised")
            ax.set_xlabel("backlog (standardised)")
            ax.set_ylabel("order value (standardised)")
        else:
            ax.set_title("raw")
            ax.set_xlabel("backlog (0-10)")
            ax.set_ylabel("order value ($)")
