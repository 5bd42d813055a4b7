"""A few values of the sigmoid, printed with an explicit format."""

import numpy as np

from nnref import sigmoid

z = np.array([-2.0, 0.0, 2.0])
for value, score in zip(z, sigmoid(z), strict=True):
    print(f"sigmoid({value:+.1f}) = {score:.3f}")
