"""How many ReLU outputs are exactly zero, for centred and shifted inputs."""

import math

import numpy as np

from nnref import leaky_relu, relu

rng = np.random.default_rng(21)
z = rng.standard_normal(10_000)  # pre-activations centred on 0

zeros_centred = np.mean(relu(z) == 0)
print(f"ReLU zeros, centred:         {zeros_centred:.1%}")

bias = -1.5  # e.g. a bias that has drifted negative
shifted = z + bias
zeros_shifted = np.mean(relu(shifted) == 0)
print(f"ReLU zeros, shifted by {bias}: {zeros_shifted:.1%}")

# The exact share: the probability that a standard normal value
# is below -bias = 1.5.
theory = 0.5 * math.erfc(bias / math.sqrt(2.0))
print(f"theory, P(z < 1.5):          {theory:.1%}")
standard_error = math.sqrt(theory * (1 - theory) / z.size)
print(f"sampling error of 10,000:    {standard_error:.2%}")

print(f"Leaky ReLU zeros, shifted:   {np.mean(leaky_relu(shifted) == 0):.1%}")
