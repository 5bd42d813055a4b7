"""log(softmax(z)) fails when a probability underflows; log_softmax does not."""

import numpy as np

from nnref import log_softmax, softmax


def show(values):
    return np.array2string(values, precision=1, floatmode="fixed")


logits = np.array([0.0, 1000.0])

probabilities = softmax(logits)  # exp(-1000) underflows to exactly 0
with np.errstate(divide="ignore"):  # log(0) warns; we want to see -inf
    log_of_softmax = np.log(probabilities)
print("softmax(z)      =", show(probabilities))
print("log(softmax(z)) =", show(log_of_softmax))

# log p_k = z_k - log(sum_j exp(z_j)), with the max subtracted inside the sum
shifted = logits - logits.max()
by_hand = shifted - np.log(np.exp(shifted).sum())
print("by hand         =", show(by_hand))
print("log_softmax(z)  =", show(log_softmax(logits)))
