"""The same sawtooth from one hidden layer:
it takes one unit per straight piece."""

import numpy as np

import nnref

grid = np.linspace(0.0, 1.0, 2**12 + 1)
# --8<-- [start:page]
depth = 4
deep = nnref.sawtooth_network(depth)
# Sample the deep network at 2^depth + 1 equally spaced knots and join the dots.
shallow = nnref.interpolation_network(
    lambda x: deep.forward(x[:, None])[:, 0], 0.0, 1.0, 2**depth)

y_deep = deep.forward(grid[:, None])[:, 0]
y_shallow = shallow.forward(grid[:, None])[:, 0]
print(f"deep:    {deep.count_parameters()} parameters, "
      f"{len(deep) - 1} hidden layers")
print(f"shallow: {shallow.count_parameters()} parameters, "
      f"1 hidden layer of {2**depth} units")
print(f"largest difference on the grid: {np.abs(y_deep - y_shallow).max():.1e}")
# --8<-- [end:page]
