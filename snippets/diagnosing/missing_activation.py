"""A network whose hidden layers forgot their activation:
it runs, and it is one affine map."""

import numpy as np

import nnref

# The bug: hidden_activation="identity" where "relu" was meant.
network = nnref.Network.from_sizes([3, 8, 8, 1], hidden_activation="identity",
                                   rng=0)
for layer in network.layers:  # print(network) shows them all on one line
    print(layer)

rng = np.random.default_rng(1)
X = rng.normal(size=(5, 3))  # five samples, shape (5, 3)
outputs = network.forward(X)

# Multiply the layers out: W = W3 @ W2 @ W1, shape (1, 3),
# and push the biases through.
W1, b1, W2, b2, W3, b3 = network.parameters()
merged_weights = W3 @ W2 @ W1
merged_bias = (b1 @ W2.T + b2) @ W3.T + b3
merged = X @ merged_weights.T + merged_bias
print("equal to one affine map (to 1e-12):",
      bool(np.allclose(outputs, merged, atol=1e-12)))


# The check: an affine map sends the midpoint of two inputs
# to the midpoint of their outputs.
def looks_affine(f, X, rng, trials=100):
    noise_shape = (trials, X.shape[1])
    a = X[rng.integers(len(X), size=trials)] + rng.normal(size=noise_shape)
    b = X[rng.integers(len(X), size=trials)] + rng.normal(size=noise_shape)
    gap = f((a + b) / 2) - (f(a) + f(b)) / 2
    return bool(np.allclose(gap, 0.0, atol=1e-12))


fixed = nnref.Network.from_sizes([3, 8, 8, 1], hidden_activation="relu",
                                 rng=0)
print("identity hidden layers look affine:",
      looks_affine(network.forward, X, rng))
print("relu hidden layers look affine:    ",
      looks_affine(fixed.forward, X, rng))
