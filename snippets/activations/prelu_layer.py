"""PReLU: a leaky ReLU whose negative slope is learned with the weights."""

import numpy as np

from nnref import PReLU, leaky_relu

signed = {"float_kind": "{: .3f}".format}
z = np.array([[-2.0, -0.5, 1.0, 3.0]])  # a batch of one sample, 4 units

layer = PReLU()  # one shared slope, starting at 0.25 as in PyTorch
print(f"slope: {layer.slope[0]:.2f}")
print("PReLU:     ", np.array2string(layer.forward(z), formatter=signed))
print("Leaky ReLU:", np.array2string(leaky_relu(z), formatter=signed))

# Gradient with respect to the slope, for an upstream gradient of ones:
layer.backward(np.ones_like(z))
# only the negative pre-activations count: -2 - 0.5
print(f"d output / d slope, summed: {layer.grad_slope[0]:.2f}")
