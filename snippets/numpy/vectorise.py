"""The same layer computed with Python loops and with one vectorised
expression."""

import numpy as np

X = np.array([[1.0, 0.5, -0.3],  # 4 samples, 3 features: shape (4, 3)
              [0.2, 1.5, 0.7],
              [-0.5, 0.8, 1.2],
              [0.9, -0.2, 0.4]])
W = np.array([[0.8, -0.5, 0.2],  # 2 units, 3 weights each: shape (2, 3)
              [0.3, 0.7, -0.1]])
b = np.array([0.1, -0.2])  # one bias per unit: shape (2,)

# Loops: one multiplication at a time, 4 samples x 2 units x 3 features.
n_samples, n_features = X.shape
n_units = W.shape[0]
looped = np.zeros((n_samples, n_units))
for i in range(n_samples):
    for j in range(n_units):
        total = b[j]
        for k in range(n_features):
            total += X[i, k] * W[j, k]
        looped[i, j] = total

# Vectorised: the same 24 products and sums, inside NumPy's compiled code.
vectorised = X @ W.T + b

print("looped:")
print(np.array2string(looped, formatter={"float_kind": "{: .2f}".format}))
print("same result:", np.allclose(looped, vectorised))
