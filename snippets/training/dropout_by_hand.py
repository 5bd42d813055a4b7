"""Inverted dropout with p = 0.3, by hand:
a random mask, then a scale of 1 / (1 - p)."""

import numpy as np

p = 0.3  # probability of dropping a unit
rng = np.random.default_rng(0)
# One row of activations, shape (1, 8):
activations = np.array([[0.5, 1.2, 0.0, 2.0, 0.8, 1.5, 0.3, 0.9]])

keep = rng.random(activations.shape) >= p  # True with probability 1 - p
dropped = activations * keep / (1 - p)  # survivors scaled up by 1 / 0.7
print("mask:   ", keep.astype(int)[0])
print("input:  ",
      np.array2string(activations[0], precision=2, floatmode="fixed"))
print("output: ",
      np.array2string(dropped[0], precision=2, floatmode="fixed"))

# The scale keeps the expected value:
# average many masks over inputs that are all 1.
ones = np.ones((10_000, 100))
masks = rng.random(ones.shape) >= p
print(f"share dropped {1 - masks.mean():.3f}; "
      f"mean without scaling {(ones * masks).mean():.3f}, "
      f"with scaling {(ones * masks / (1 - p)).mean():.3f}")
