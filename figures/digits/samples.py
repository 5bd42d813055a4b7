"""The first three images of each digit in the data set, as 8 x 8 grids of pixels."""

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure
from sklearn.datasets import load_digits


def ink(ax) -> LinearSegmentedColormap:
    """Pixel value 0 transparent, 16 the palette's text colour: reads on light and dark."""
    colour = to_rgb(ax.xaxis.label.get_color())
    return LinearSegmentedColormap.from_list("ink", [(*colour, 0.0), (*colour, 1.0)])


def draw(fig: Figure) -> None:
    digits = load_digits()
    fig.set_size_inches(6.4, 2.3)
    axes = fig.subplots(3, 10)
    for digit in range(10):
        first = np.flatnonzero(digits.target == digit)[:3]
        for row, index in enumerate(first):
            ax = axes[row, digit]
            ax.imshow(digits.images[index], cmap=ink(ax), vmin=0, vmax=16)
            ax.set_xticks([])
            ax.set_yticks([])
            ax.grid(False)
            for spine in ax.spines.values():
                spine.set_visible(False)
        axes[0, digit].set_title(str(digit), fontsize=10)
