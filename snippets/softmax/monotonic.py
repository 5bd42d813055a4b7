"""Softmax keeps the order of the logits and ignores a common shift."""

import numpy as np

from nnref import softmax

logits = np.array([2.0, 1.0, 0.1, -0.5, 3.5])  # five classes
probabilities = softmax(logits)
shown = np.array2string(probabilities, precision=3, floatmode="fixed")
print("probabilities:", shown)
print("classes by logit:      ", np.argsort(-logits))
print("classes by probability:", np.argsort(-probabilities))

shifted = softmax(logits + 100.0)  # every logit raised by the same amount
unchanged = np.allclose(shifted, probabilities, rtol=0.0, atol=1e-15)
print("adding 100 to every logit changes nothing:", unchanged)
