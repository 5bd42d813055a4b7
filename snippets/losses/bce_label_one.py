"""Binary cross-entropy for a true label 1: the loss is -log p."""

import numpy as np

import nnref

probabilities = np.array([0.95, 0.55, 0.05])  # p for three positive samples
labels = np.ones(3)

for p in probabilities:
    by_hand = -np.log(p)
    with_nnref = nnref.binary_cross_entropy([p], [1])
    print(f"p = {p:.2f}: -log p = {by_hand:.4f}, nnref {with_nnref:.4f}")

batch_loss = nnref.binary_cross_entropy(probabilities, labels)
print(f"mean over the batch: {batch_loss:.4f}")
