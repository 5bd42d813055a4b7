"""Chain two dense layers: the hidden layer's output is the next one's input."""

import numpy as np

from nnref import relu, sigmoid

order = np.array([2.0, 5.0])
W1 = np.array([[0.3, -0.1], [0.1, 0.6]])  # hidden layer, shape (2, 2)
b1 = np.array([0.0, 0.0])  # shape (2,)
W2 = np.array([[0.4, 0.1]])  # output layer, shape (1, 2): one unit, 2 inputs
b2 = np.array([-0.5])  # shape (1,)

z1 = order @ W1.T + b1  # layer 1 pre-activation, shape (2,)
a1 = relu(z1)  # layer 1 activation
z2 = a1 @ W2.T + b2  # layer 2 pre-activation (the logit), shape (1,)
a2 = sigmoid(z2)  # the score

print(f"hidden: z1 = {np.round(z1, 2)}, a1 = {np.round(a1, 2)}")
print(f"logit:  z2 = 0.4*{a1[0]:.1f} + 0.1*{a1[1]:.1f} - 0.5 = {z2[0]:.3f}")
print(f"score:  a2 = sigmoid({z2[0]:.3f}) = {a2[0]:.3f}")
