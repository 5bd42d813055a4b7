"""Wider hidden layer, smaller error: the interpolation network for widths 2 to 128."""

import numpy as np

import nnref


def interpolation_network(f, low, high, width):
    """One hidden ReLU layer that joins width + 1 equally spaced points of f."""
    knots = np.linspace(low, high, width + 1)
    values = f(knots)
    slopes = np.diff(values) / np.diff(knots)
    return nnref.Network([
        nnref.Dense.from_arrays(np.ones((width, 1)), -knots[:-1], "relu"),
        nnref.Dense.from_arrays(np.concatenate([[slopes[0]], np.diff(slopes)]), values[0],
                                "identity"),
    ])


x = np.linspace(0.0, np.pi, 10_001)[:, None]  # a fine grid on [0, pi], shape (10001, 1)
print("width  parameters  max error  bound h^2/8  error ratio")
previous = None
for width in (2, 4, 8, 16, 32, 64, 128):
    network = interpolation_network(np.sin, 0.0, np.pi, width)
    error = np.abs(network.forward(x)[:, 0] - np.sin(x[:, 0])).max()
    bound = (np.pi / width) ** 2 / 8  # for |f''| <= 1 and knot spacing h = pi / width
    ratio = "" if previous is None else f"{previous / error:.2f}"
    print(f"{width:5d}  {network.count_parameters():10d}  {error:9.2e}  {bound:11.2e}  {ratio}")
    previous = error
