"""Adam's first step has size lr whatever the size of the gradient;
plain GD's does not."""

import numpy as np

from nnref import SGD, Adam

# Minimise scale * x**2, whose gradient is 2 * scale * x.
for scale in (0.001, 1.0, 1000.0):
    x_gd, x_adam = np.array([10.0]), np.array([10.0])
    SGD(lr=0.1).step([x_gd], [2 * scale * x_gd])
    Adam(lr=0.1).step([x_adam], [2 * scale * x_adam])
    print(f"f = {scale:g} x^2: first step of GD {10 - x_gd[0]:10.4f}, "
          f"of Adam {10 - x_adam[0]:.4f}")
