"""A loss that expects logits must get logits, not probabilities."""

import numpy as np

from nnref import categorical_cross_entropy_with_logits as loss_from_logits
from nnref import softmax

sample_logits = np.array([[2.0, 1.0, 0.5]])  # one sample, shape (1, 3)
true_class = [0]

probabilities = softmax(sample_logits, axis=1)
p_true = probabilities[0, 0]
print("softmax(z)              =",
      np.array2string(probabilities, precision=4, floatmode="fixed"))
print(f"p(true class)           = {p_true:.4f}")
print(f"-log p(true class)      = {-np.log(p_true):.4f}")
right = loss_from_logits(sample_logits, true_class)
print(f"loss from logits        = {right:.4f}")

# The mistake: softmax in the model, then a loss that applies softmax again.
wrong = loss_from_logits(probabilities, true_class)
twice = softmax(probabilities, axis=1)
print(f"loss from probabilities = {wrong:.4f}  (wrong: softmax applied twice)")
print("softmax(softmax(z))     =",
      np.array2string(twice, precision=3, floatmode="fixed"))
