"""Softmax turns a vector of logits into positive numbers that sum to 1."""

import numpy as np

from nnref import softmax

logits = np.array([1.0, 2.0, 3.0])
probabilities = softmax(logits)
three_decimals = {"float_kind": "{:.3f}".format}
print("softmax:", np.array2string(probabilities, formatter=three_decimals))
print(f"sum: {probabilities.sum():.3f}")

# Adding the same number to every logit changes nothing:
# only differences matter.
shifted = softmax(logits + 100.0)
print("same after adding 100:", bool(np.allclose(probabilities, shifted)))
