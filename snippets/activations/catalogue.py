"""Each element-wise activation in nnref: values, slopes, a derivative check."""

import numpy as np

from nnref import ACTIVATIONS, DERIVATIVES, PReLU

names = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "selu",
         "gelu", "gelu_tanh", "swish", "mish", "softplus"]
points = np.array([-2.0, 0.0, 2.0])
# PReLU is a layer, not a fixed function: it learns its negative slope,
# starting from this value.
prelu_start = PReLU().slope[0]

# A central difference (f(z + h) - f(z - h)) / 2h approximates the slope.
# Compare it with the exact derivative on a grid that avoids the kink at 0.
grid = np.linspace(-4.0, 4.0, 80)
h = 1e-6

columns = ["f(-2)", "f(0)", "f(2)", "fp(-2)", "fp(2)"]  # fp is the derivative
print(f"{'name':<11}" + "".join(f"{c:>8}" for c in columns) + "  derivative ok")
for name in names:
    f, fp = ACTIVATIONS[name], DERIVATIVES[name]
    values, slopes = f(points) + 0.0, fp(points)  # + 0.0 prints -0.0 as 0.0
    numerical = (f(grid + h) - f(grid - h)) / (2 * h)
    ok = np.allclose(fp(grid), numerical, atol=1e-6)
    row = "".join(f"{v:>8.3f}" for v in (*values, slopes[0], slopes[2]))
    print(f"{name:<11}{row}  {ok}")
