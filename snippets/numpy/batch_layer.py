"""A dense layer on a batch: matrix product, broadcast bias, ReLU, zeros."""

import numpy as np

X = np.array([[1.0, 0.5, -0.3],
              [0.2, 1.5, 0.7],
              [-0.5, 0.8, 1.2],
              [0.9, -0.2, 0.4]])  # shape (4, 3)
W = np.array([[0.8, -0.5, 0.2],
              [0.3, 0.7, -0.1]])  # shape (2, 3)
b = np.array([0.1, -0.2])  # shape (2,)

pre_activation = X @ W.T + b  # (4, 2) + (2,): b is added to every row
activation = np.maximum(pre_activation, 0.0)  # ReLU, element-wise
print("after bias and ReLU:")
print(np.array2string(activation, formatter={"float_kind": "{:.2f}".format}))

n_zero = int(np.sum(activation == 0.0))
print(f"zeros: {n_zero} of {activation.size} ({n_zero / activation.size:.1%})")
