"""Hand-build a one-hidden-layer ReLU network that joins points of sin(x)
with straight lines."""

import numpy as np

import nnref

width = 4  # hidden units
knots = np.linspace(0.0, np.pi, width + 1)  # x_0 = 0, ..., x_4 = pi
values = np.sin(knots)
# The slope of each straight segment, shape (4,):
slopes = np.diff(values) / np.diff(knots)

# Unit k is relu(x - x_k): zero left of knot k, a ramp of slope 1 to its right.
# W has shape (4, 1).
hidden = nnref.Dense.from_arrays(np.ones((width, 1)), -knots[:-1], "relu")
# Unit 0 sets the first slope; unit k > 0 changes the slope at x_k
# by slopes[k] - slopes[k-1].
output_weights = np.concatenate([[slopes[0]], np.diff(slopes)])
# w has shape (1, 4).
output = nnref.Dense.from_arrays(output_weights, values[0], "identity")
network = nnref.Network([hidden, output])



def show(label, array):
    print(label, np.array2string(array, precision=3, floatmode="fixed",
                                 suppress_small=True))


show("knots x_k:           ", knots)
show("output weights:      ", output.weights[0])
show("network at the knots:", network.forward(knots[:, None])[:, 0])
show("sin at the knots:    ", values)
