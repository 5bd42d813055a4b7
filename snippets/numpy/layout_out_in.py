"""Layout 1 (this course, torch.nn.Linear): W of shape (out, in),
X @ W.T + b."""

import numpy as np

X = np.array([[1.0, 0.5, -0.3], [0.2, 1.5, 0.7],
              [-0.5, 0.8, 1.2], [0.9, -0.2, 0.4]])  # (batch, in) = (4, 3)
W = np.array([[0.8, -0.5, 0.2],
              [0.3, 0.7, -0.1]])  # (out, in) = (2, 3): one row per unit
b = np.array([0.1, -0.2])  # (out,) = (2,)

Z = X @ W.T + b  # (4, 3) @ (3, 2) + (2,) -> (4, 2)
print("W", W.shape, "b", b.shape, "-> Z", Z.shape)
print(np.array2string(Z, formatter={"float_kind": "{: .2f}".format}))
