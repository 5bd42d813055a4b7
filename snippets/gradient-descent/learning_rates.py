"""Twenty steps of gradient descent on f(x) = x**2 from x = 10,
for five learning rates."""

import numpy as np

from nnref import SGD


def describe(factor: float, final_x: float) -> str:
    """Name the behaviour of x_{t+1} = factor * x_t."""
    if factor == 0.0:
        return "exact in one step"
    if abs(factor) >= 1.0:
        return "diverges"
    if factor < 0.0:
        return "oscillates, converging"
    return "converges slowly" if abs(final_x) > 1.0 else "converges"


learning_rates = (0.01, 0.1, 0.5, 0.9, 5.0)
x_start = 10.0
print("    lr  1-2lr        x1        x2        x3       x20  behaviour")
for learning_rate in learning_rates:
    x = np.array([x_start])  # the parameter, updated in place by the optimiser
    optimiser = SGD(lr=learning_rate)
    path = []
    for _ in range(20):
        optimiser.step([x], [2 * x])  # gradient of x**2
        path.append(x[0])
    factor = 1 - 2 * learning_rate  # each step multiplies x by this
    print(f"{learning_rate:6.2f} {factor:+6.2f} "
          f"{path[0]:9.3f} {path[1]:9.3f} {path[2]:9.3f} {path[19]:9.4g}  "
          f"{describe(factor, path[19])}")
