"""Mean absolute error of the three deliveries, and its gradient: the sign of
each error."""

import numpy as np

import nnref

actual = np.array([3.0, 4.5, 2.0])  # targets y, shape (3,)
predicted = np.array([2.8, 4.2, 2.5])  # predictions y_hat, shape (3,)


def mae(prediction, target):
    """Mean absolute error, mean(|prediction - target|)."""
    return np.mean(np.abs(prediction - target))


def mae_gradient(prediction, target):
    """sign(prediction - target) / n (np.sign(0) is 0: an exact one gets 0)."""
    return np.sign(prediction - target) / prediction.size


print(f"MAE: {mae(predicted, actual):.4f} (in days)")
print("gradient:          ", np.round(mae_gradient(predicted, actual), 4))
numeric = nnref.numerical_gradient(lambda q: mae(q, actual), predicted)
print("finite differences:", np.round(numeric, 4))

exact = np.array([2.8, 4.5, 2.5])  # the second prediction is now exactly right
print("one error of 0:    ", np.round(mae_gradient(exact, actual), 4))
at_kink = nnref.numerical_gradient(lambda q: mae(q, actual), exact)
print("finite differences:", np.round(at_kink, 4))
