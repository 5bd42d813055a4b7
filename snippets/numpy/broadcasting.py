"""Broadcasting a (2,) bias onto a (4, 2) batch, and a shape that fails."""

import numpy as np

Z = np.zeros((4, 2))  # stands in for X @ W.T: 4 samples, 2 units
b = np.array([0.1, -0.2])  # one bias per unit

print("(4, 2) + (2,)  ->", (Z + b).shape)
print(np.round(Z + b, 2))

column_bias = b.reshape(2, 1)  # the column-major layout's bias, shape (2, 1)
try:
    Z + column_bias
except ValueError:
    print("(4, 2) + (2, 1) -> error: 2 and 1 fit, but 4 and 2 do not")
