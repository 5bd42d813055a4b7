"""Layout 3 (column-major): samples are columns;
W @ X + b, b of shape (out, 1)."""

import numpy as np

X_columns = np.array([[1.0, 0.2, -0.5, 0.9],
                      [0.5, 1.5, 0.8, -0.2],
                      [-0.3, 0.7, 1.2, 0.4]])  # (in, batch) = (3, 4)
W = np.array([[0.8, -0.5, 0.2],
              [0.3, 0.7, -0.1]])  # (out, in) = (2, 3)
b_column = np.array([[0.1], [-0.2]])  # (out, 1) = (2, 1): one bias per row

Z_columns = W @ X_columns + b_column  # (2, 3) @ (3, 4) + (2, 1) -> (2, 4)
print("W", W.shape, "b", b_column.shape, "-> Z", Z_columns.shape)
print("Z transposed to (batch, out):")
print(np.array2string(Z_columns.T, formatter={"float_kind": "{: .2f}".format}))
