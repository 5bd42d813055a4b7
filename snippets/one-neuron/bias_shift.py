"""Lowering the bias lowers every score; the inputs do not change."""

import numpy as np

from nnref import neuron

orders = np.array([[6, 8], [2, 3]])  # one order per row
weights = [0.7, 0.3]
biases = (-4.0, -6.0)  # the lesson's bias, then a lower one
for bias in biases:
    scores = neuron(orders, weights, bias)  # the whole batch at once
    print(f"bias {bias:+.1f}: risky {scores[0]:.3f}, quiet {scores[1]:.3f}")
