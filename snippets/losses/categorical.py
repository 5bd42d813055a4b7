"""Categorical cross-entropy: softmax, then -log of the true class."""

import numpy as np

import nnref

logits = np.array([
    [2.0, 1.0, 0.5],  # sample 0, true class 0: right, fairly sure
    [5.0, 1.0, 0.5],  # sample 1, true class 1: confidently wrong
    [0.2, 0.4, 3.0],  # sample 2, true class 2: right and sure
])  # Z, shape (batch, classes) = (3, 3)
labels = np.array([0, 1, 2])  # one class index per sample, shape (3,)

P = nnref.softmax(logits, axis=1)  # one row of probabilities per sample
print("softmax rows:")
print(np.round(P, 4))

log_p = nnref.log_softmax(logits, axis=1)  # stable log of the probabilities
per_sample = -log_p[np.arange(3), labels]  # the true class of each row
print("per-sample loss:", np.round(per_sample, 4))

with_nnref = nnref.categorical_cross_entropy_with_logits(logits, labels)
print(f"mean: {per_sample.mean():.4f}, nnref: {with_nnref:.4f}")
