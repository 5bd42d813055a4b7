"""Every test image the lesson's network gets wrong, with its true digit and the network's
answer."""

import numpy as np
from matplotlib.colors import LinearSegmentedColormap, to_rgb
from matplotlib.figure import Figure
from sklearn.datasets import load_digits

from nnref import Adam, Network, Standardiser, train


def wrong_images() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Images, true digits and predictions of the test images the network gets wrong."""
    digits = load_digits()
    X, y = digits.data, digits.target
    order = np.random.default_rng(0).permutation(len(X))
    train_rows, validation_rows, test_rows = np.split(order, [1077, 1437])
    scaler = Standardiser().fit(X[train_rows])
    network = Network.from_sizes([64, 32, 10], output_activation="softmax", rng=0)
    train(network, scaler.transform(X[train_rows]), y[train_rows],
          "categorical_cross_entropy_with_logits", Adam(lr=0.003), epochs=200, batch_size=64,
          rng=0, validation=(scaler.transform(X[validation_rows]), y[validation_rows]),
          patience=10)
    predicted = network.classify(scaler.transform(X[test_rows]))
    wrong = np.flatnonzero(predicted != y[test_rows])
    return digits.images[test_rows[wrong]], y[test_rows[wrong]], predicted[wrong]


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
