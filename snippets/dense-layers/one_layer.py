"""One dense layer by hand: matrix product, bias, element-wise activation."""

import numpy as np

from nnref import relu

order = np.array([2.0, 5.0])  # route disruption, warehouse backlog
# One row of weights per unit: shape (2, 2) = (out, in).
hidden_weights = np.array([[0.3, -0.1],   # unit 1
                           [0.1, 0.6]])   # unit 2
hidden_bias = np.array([0.0, 0.0])  # shape (2,), one bias per unit

# Each unit is a neuron: its row of weights dotted with the input.
for unit, row in enumerate(hidden_weights, start=1):
    products = [f"({w:.1f})*{x:.0f}" for w, x in zip(row, order, strict=True)]
    print(f"unit {unit}: {' + '.join(products)} = {row @ order:.1f}")

# All units at once: one matrix product.
pre_activation = order @ hidden_weights.T + hidden_bias
activation = relu(pre_activation)
print("z =", np.round(pre_activation, 2))
print("a =", np.round(activation, 2), "(ReLU leaves positive values unchanged)")
