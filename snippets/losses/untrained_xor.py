"""A 2-2-1 network with seeded initial weights, on the four XOR points, before
training."""

import numpy as np

from nnref import Network, xor

inputs, labels = xor()  # [0, 0], [0, 1], [1, 0], [1, 1]; labels 0, 1, 1, 0
# hidden layer ReLU (the default), output sigmoid; He weights, zero biases
network = Network.from_sizes([2, 2, 1], output_activation="sigmoid", rng=0)
scores = network.forward(inputs)[:, 0]  # p = sigmoid(z), shape (4,)

print("input   label   p")
for x, label, p in zip(inputs, labels, scores, strict=True):
    print(f"{x.astype(int)}   {label}       {p:.3f}")
untrained_loss = network.loss(labels, "binary_cross_entropy_with_logits")
print(f"loss of the untrained network: {untrained_loss:.4f}")
print(f"loss of always saying 0.5:     {np.log(2):.4f} (ln 2)")
