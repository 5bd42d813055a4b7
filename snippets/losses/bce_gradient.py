"""Sigmoid + binary cross-entropy: the gradient with respect to z is p - y."""

import numpy as np

import nnref

logits = np.array([-3.0, 0.5, 2.0])  # z, shape (3,): a batch of three
labels = np.array([1.0, 0.0, 1.0])  # y, shape (3,)
batch = logits.size


def loss(z):
    return nnref.binary_cross_entropy_with_logits(z, labels)


analytic = (nnref.sigmoid(logits) - labels) / batch  # the loss is a mean
numeric = nnref.numerical_gradient(loss, logits)  # nudges each logit by 1e-6
print("(p - y) / batch:     ", np.round(analytic, 6))
print("finite differences:  ", np.round(numeric, 6))
print("agree to 1e-9:", bool(np.max(np.abs(analytic - numeric)) < 1e-9))
