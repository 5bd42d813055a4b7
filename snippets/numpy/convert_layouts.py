"""Convert weights from the other two layouts to (out, in) with nnref,
and back."""

import numpy as np

from nnref import (
    Dense,
    from_column_major,
    from_in_out,
    to_column_major,
    to_in_out,
)

X = np.array([[1.0, 0.5, -0.3], [0.2, 1.5, 0.7],
              [-0.5, 0.8, 1.2], [0.9, -0.2, 0.4]])  # (4, 3)

# Parameters as a layout-2 tutorial gives them: W (in, out), b (1, out).
W_in_out = np.array([[0.8, 0.3], [-0.5, 0.7], [0.2, -0.1]])
b_row = np.array([[0.1, -0.2]])
W, b = from_in_out(W_in_out, b_row)
print("from (in, out):     W", W.shape, "b", b.shape)

# Parameters in layout 3: W is already (out, in); only the bias column changes.
W_col, b_col = from_column_major(W, b.reshape(2, 1))
print("from column-major:  W", W_col.shape, "b", b_col.shape)

# nnref stores (out, in), like torch.
layer = Dense.from_arrays(W, b, "identity")
Z = layer.forward(X)
print("layer output equals layout 2:", np.allclose(Z, X @ W_in_out + b_row))
Z_columns = W_col @ X.T + b_col.reshape(2, 1)  # layout 3 works on columns
print("layer output equals layout 3:", np.allclose(Z, Z_columns.T))

# And back again, for code written in the other layouts.
W2, b2 = to_in_out(W, b)
W3, b3 = to_column_major(W, b)
print("to (in, out):       W", W2.shape, "b", b2.shape)
print("to column-major:    W", W3.shape, "b", b3.shape)
