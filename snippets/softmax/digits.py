"""Ten scores from a digit classifier: which digit, and how sure?"""

import numpy as np

from nnref import softmax

digit_logits = np.array([1.2, 0.5, 0.1, 3.8, 0.2, 0.1, 0.3, 0.9, 0.4, 0.2])
probabilities = softmax(digit_logits)

winner = int(np.argmax(probabilities))
agree = winner == int(np.argmax(digit_logits))
print(f"predicted digit: {winner}, probability {probabilities[winner]:.3f}")
print(f"argmax of logits and of probabilities agree: {agree}")
by_probability = np.argsort(probabilities)[::-1]  # most probable first
for digit in by_probability[1:3]:
    print(f"runner-up {digit}: logit {digit_logits[digit]:.1f}, "
          f"probability {probabilities[digit]:.3f}")
print(f"all ten sum to {probabilities.sum():.3f}")
