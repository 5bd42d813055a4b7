"""Two affine layers collapse into one; a ReLU between them prevents it."""

import numpy as np

two_decimals = {"float_kind": "{:.2f}".format}
one_decimal = {"float_kind": "{:.1f}".format}

x = np.array([2.0, 1.0])
W1 = np.array([[1.0, -2.0], [0.5, 1.0]])  # layer 1, shape (2, 2)
b1 = np.array([-0.5, 0.25])
W2 = np.array([[0.4, -0.8]])  # layer 2, shape (1, 2)
b2 = np.array([0.1])

# Two layers, no activation in between.
hidden = x @ W1.T + b1
two_layers = hidden @ W2.T + b2

# As ONE layer: x W1.T W2.T = x (W2 W1).T, so W = W2 W1 and b = b1 W2.T + b2.
W_merged = W2 @ W1  # shape (1, 2), (out, in) like every layer
b_merged = b1 @ W2.T + b2  # shape (1,)
one_layer = x @ W_merged.T + b_merged

print("hidden pre-activation:", np.array2string(hidden, formatter=two_decimals))
print("merged W:", np.array2string(W_merged, formatter=one_decimal),
      f"merged b: {b_merged[0]:.1f}")
print("two layers equal one:", bool(np.allclose(two_layers, one_layer)))
print(f"output without activation: {two_layers[0]:.3f}")

# With a ReLU between the layers the negative hidden value is clipped to zero.
with_relu = np.maximum(hidden, 0.0) @ W2.T + b2
print(f"output with ReLU:          {with_relu[0]:.3f}")
