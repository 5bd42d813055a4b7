"""The same sawtooth from one hidden layer: it takes one unit per straight piece."""

import numpy as np

import nnref


# The constructions from width_table.py and sawtooth.py, repeated so that this script
# runs on its own.
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


def sawtooth_network(depth):
    """depth hidden layers of 2 ReLU units; each layer applies the tent map once."""
    # Tent map on [0, 1]: T(x) = 2 relu(x) - 4 relu(x - 0.5), which rises 0 -> 1 and falls back.
    layers = [nnref.Dense.from_arrays([[1.0], [1.0]], [0.0, -0.5], "relu")]
    for _ in range(depth - 1):
        # Feed T(previous) = 2 a_1 - 4 a_2 straight into the next pair of units.
        layers.append(nnref.Dense.from_arrays([[2.0, -4.0], [2.0, -4.0]], [0.0, -0.5], "relu"))
    layers.append(nnref.Dense.from_arrays([[2.0, -4.0]], [0.0], "identity"))
    return nnref.Network(layers)


grid = np.linspace(0.0, 1.0, 2**12 + 1)
# --8<-- [start:page]
depth = 4
deep = sawtooth_network(depth)
# Sample the deep network at 2^depth + 1 equally spaced knots and join the dots.
shallow = interpolation_network(lambda x: deep.forward(x[:, None])[:, 0], 0.0, 1.0, 2**depth)

y_deep = deep.forward(grid[:, None])[:, 0]
y_shallow = shallow.forward(grid[:, None])[:, 0]
print(f"deep:    {deep.count_parameters()} parameters, {len(deep) - 1} hidden layers")
print(f"shallow: {shallow.count_parameters()} parameters, 1 hidden layer of {2**depth} units")
print(f"largest difference on the grid: {np.abs(y_deep - y_shallow).max():.1e}")
# --8<-- [end:page]
