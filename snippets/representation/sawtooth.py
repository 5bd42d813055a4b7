"""Compose a ReLU "tent" k times: 2 units per layer, 2^k straight pieces."""

import numpy as np

import nnref


def sawtooth_network(depth):
    """depth hidden layers of 2 ReLU units;
    each layer applies the tent map once."""
    # Tent map on [0, 1]: T(x) = 2 relu(x) - 4 relu(x - 0.5),
    # which rises 0 -> 1 and falls back.
    layers = [nnref.Dense.from_arrays([[1.0], [1.0]], [0.0, -0.5], "relu")]
    for _ in range(depth - 1):
        # Feed T(previous) = 2 a_1 - 4 a_2 straight into the next pair of units.
        layers.append(nnref.Dense.from_arrays([[2.0, -4.0], [2.0, -4.0]],
                                              [0.0, -0.5], "relu"))
    layers.append(nnref.Dense.from_arrays([[2.0, -4.0]], [0.0], "identity"))
    return nnref.Network(layers)


def count_pieces(y, x):
    """Number of straight pieces of a piecewise-linear curve sampled at x
    (knots included)."""
    slopes = np.diff(y) / np.diff(x)
    return 1 + np.count_nonzero(~np.isclose(np.diff(slopes), 0.0))


# The grid contains every knot j / 2^k for k <= 12.
grid = np.linspace(0.0, 1.0, 2**12 + 1)
print("depth k  hidden units  parameters  pieces  "
      "one layer needs >= units  parameters")
for depth in (1, 2, 3, 4, 6, 8, 10):
    deep = sawtooth_network(depth)
    pieces = count_pieces(deep.forward(grid[:, None])[:, 0], grid)
    shallow_units = pieces - 1  # one hidden unit per kink at least
    shallow_parameters = nnref.count_parameters([1, shallow_units, 1])
    print(f"{depth:7d}  {2 * depth:12d}  {deep.count_parameters():10d}  "
          f"{pieces:6d}  {shallow_units:24d}  {shallow_parameters:10d}")
