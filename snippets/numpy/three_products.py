"""Element-wise product, dot product, matrix product: three operations."""

import numpy as np

w = np.array([0.8, -0.5, 0.2])  # one unit's weights, shape (3,)
x = np.array([1.0, 0.5, -0.3])  # one sample, shape (3,)

elementwise = w * x  # shape (3,): one product per feature, nothing summed
dot = w @ x  # shape (): the products summed, np.dot(w, x) is the same
print("w * x =", np.round(elementwise, 2), "shape", elementwise.shape)
print(f"w @ x = {dot:.2f}", "shape", dot.shape)

X = np.array([[1.0, 0.5, -0.3],
              [0.2, 1.5, 0.7],
              [-0.5, 0.8, 1.2],
              [0.9, -0.2, 0.4]])  # shape (4, 3)
W = np.array([[0.8, -0.5, 0.2],
              [0.3, 0.7, -0.1]])  # shape (2, 3)

Z = X @ W.T  # (4, 3) @ (3, 2) -> (4, 2): every sample against every unit
print("X @ W.T, shape", Z.shape)
print(np.array2string(Z, formatter={"float_kind": "{: .2f}".format}))
