"""Every test image the lesson's network gets wrong, with its true digit and the network's
answer."""

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure

from ._lesson import lesson


def wrong_images() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Images, true digits and predictions of the test images the network gets wrong."""
    run = lesson()
    wrong = np.flatnonzero(run["predicted"] != run["y_test"])
    rows = run["test_rows"][wrong]
    return run["digits"].images[rows], run["y_test"][wrong], run["predicted"][wrong]


def draw(fig: Figure) -> None:
    images, true, predicted = wrong_images()
    columns = 4  # narrow enough for a phone (about 370 CSS px)
    rows = -(-len(images) // columns)
    fig.set_size_inches(3.9, 1.3 * rows)
    axes = fig.subplots(rows, columns, squeeze=False).ravel()
    colour = to_rgb(axes[0].xaxis.label.get_color())
    ink = LinearSegmentedColormap.from_list("ink", [(*colour, 0.0), (*colour, 1.0)])
    for ax in axes:
        ax.set_axis_off()
    for ax, image, digit, answer in zip(axes, images, true, predicted, strict=False):
        ax.imshow(image, cmap=ink, vmin=0, vmax=16)
        ax.set_title(f"true {digit}, said {answer}", fontsize=9)
