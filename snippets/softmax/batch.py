"""Softmax over a batch: one row of logits per sample, normalised by row."""

import numpy as np

from nnref import softmax


def show(values):
    return np.array2string(values, precision=3, floatmode="fixed")


logits = np.array([
    [2.0, 1.0, 0.5],
    [5.0, 1.0, 0.5],
    [0.5, 0.5, 3.0],
])  # shape (batch, classes) = (3, 3)

row_max = logits.max(axis=1, keepdims=True)  # shape (3, 1)
exps = np.exp(logits - row_max)
probabilities = exps / exps.sum(axis=1, keepdims=True)  # row by row

print("shape:", probabilities.shape)
print(show(probabilities))
print("row sums:", show(probabilities.sum(axis=1)))
print("predicted classes:", probabilities.argmax(axis=1))
same = np.allclose(probabilities, softmax(logits, axis=1))
print("same as nnref.softmax:", same)
