"""Softmax + cross-entropy: the gradient (P - Y) / batch, checked."""

import numpy as np

import nnref

logits = np.array([[2.0, 1.0, 0.5], [5.0, 1.0, 0.5], [0.2, 0.4, 3.0]])
labels = np.array([0, 1, 2])
one_hot = np.eye(3)[labels]  # Y, shape (3, 3): 1 in each row's true class

analytic = (nnref.softmax(logits, axis=1) - one_hot) / len(labels)
print("(P - Y) / batch:")
print(np.round(analytic, 4))
print("each row sums to 0:", bool(np.allclose(analytic.sum(axis=1), 0.0)))


def loss():  # reads the logits array, which gradient_check nudges in place
    return nnref.categorical_cross_entropy_with_logits(logits, labels)


error = nnref.gradient_check(loss, [logits], [analytic])
print("max relative error below 1e-8:", error < 1e-8)
