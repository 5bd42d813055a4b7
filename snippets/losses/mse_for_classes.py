"""MSE on a sigmoid output: the gradient vanishes where it is most wrong."""

import numpy as np

import nnref

logits = np.array([-6.0, -2.0, 0.0, 2.0])  # four samples, all of label 1
p = nnref.sigmoid(logits)

mse_gradient = 2 * (p - 1) * p * (1 - p)  # d/dz (p - 1)^2: sigmoid slope stays
bce_gradient = p - 1  # d/dz -log p

print("    z       p   dMSE/dz   dBCE/dz")
for row in zip(logits, p, mse_gradient, bce_gradient, strict=True):
    print("{:5.1f} {:7.4f} {:9.4f} {:9.4f}".format(*row))


def summed_mse(z):
    return float(np.sum((nnref.sigmoid(z) - 1) ** 2))


numeric = nnref.numerical_gradient(summed_mse, logits.copy())
agrees = bool(np.allclose(numeric, mse_gradient))
print("MSE column agrees with finite differences:", agrees)
