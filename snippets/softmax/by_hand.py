"""Softmax of three logits, step by step: exponentiate, add up, divide."""

import numpy as np

logits = np.array([2.0, 1.0, 0.5])  # scores for classes 0, 1, 2

exps = np.exp(logits)  # every exp is positive, whatever the logit's sign
total = exps.sum()
probabilities = exps / total

print("exp(z)       =", np.array2string(exps, precision=3))
print(f"sum          = {total:.3f}")
print("softmax(z)   =",
      np.array2string(probabilities, precision=3, floatmode="fixed"))
print(f"sum of probs = {probabilities.sum():.3f}")
