"""Wider hidden layer, smaller error:
the interpolation network for widths 2 to 128."""

import numpy as np

import nnref

# A fine grid on [0, pi], shape (10001, 1):
x = np.linspace(0.0, np.pi, 10_001)[:, None]
print("width  parameters  max error  bound h^2/8  error ratio")
previous = None
errors = {}  # the max error of each width
for width in (2, 4, 8, 16, 32, 64, 128):
    network = nnref.interpolation_network(np.sin, 0.0, np.pi, width)
    error = np.abs(network.forward(x)[:, 0] - np.sin(x[:, 0])).max()
    # For |f''| <= 1 and knot spacing h = pi / width:
    bound = (np.pi / width) ** 2 / 8
    ratio = "" if previous is None else f"{previous / error:.2f}"
    print(f"{width:5d}  {network.count_parameters():10d}  "
          f"{error:9.2e}  {bound:11.2e}  {ratio}")
    previous = errors[width] = error
