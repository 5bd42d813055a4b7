"""The same network on a batch of four orders: one matrix product per layer."""

import numpy as np

from nnref import relu, sigmoid

# One order per row: shape (batch, features) = (4, 2).
orders = np.array([[2.0, 5.0],
                   [6.0, 8.0],
                   [1.0, 1.0],
                   [8.0, 2.0]])
W1, b1 = np.array([[0.3, -0.1], [0.1, 0.6]]), np.array([0.0, 0.0])
W2, b2 = np.array([[0.4, 0.1]]), np.array([-0.5])

Z1 = orders @ W1.T + b1  # (4, 2) @ (2, 2) -> (4, 2); b1 added to every row
A1 = relu(Z1)
Z2 = A1 @ W2.T + b2  # (4, 2) @ (2, 1) -> (4, 1)
scores = sigmoid(Z2)[:, 0]  # one score per order, shape (4,)

print("X :", orders.shape)
print("Z1:", Z1.shape, " A1:", A1.shape)
print("Z2:", Z2.shape, " scores:", scores.shape)
print("scores =", np.round(scores, 3))
