"""The approximation holds on [0, pi] only: outside it the network continues in a straight line."""

import numpy as np

import nnref


# The construction from width_table.py, repeated so that this script runs on its own.
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


# --8<-- [start:page]
network = interpolation_network(np.sin, 0.0, np.pi, 8)
print("    x   network   sin(x)")
for point in (1.0, 3.0, 4.0, 5.0, 6.0):
    print(f"{point:5.2f}  {network.forward([[point]])[0, 0]:8.3f}  {np.sin(point):7.3f}")
# --8<-- [end:page]
