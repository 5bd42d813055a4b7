"""Mean squared error of three predictions, by hand and with nnref."""

import numpy as np

import nnref

actual = np.array([3.0, 4.5, 2.0])  # targets y, shape (3,)
predicted = np.array([2.8, 4.2, 2.5])  # predictions y_hat, shape (3,)

errors = predicted - actual
print("errors:        ", np.round(errors, 2))
print("squared errors:", np.round(errors**2, 2))
print(f"MSE by hand:    {np.mean(errors**2):.4f}")
# nnref's losses take (prediction, target), in that order
print(f"nnref.mse:      {nnref.mse(predicted, actual):.4f}")
print(f"root of the MSE: {np.sqrt(np.mean(errors**2)):.3f} (in days)")
