"""ReLU, sigmoid and GELU at five points: the numbers behind the curves."""

import numpy as np

from nnref import gelu, relu, sigmoid

z = np.array([-2.0, -0.5, 0.0, 1.0, 2.0])
table = {"ReLU": relu(z), "sigmoid": sigmoid(z), "GELU": gelu(z)}

print("z        " + "".join(f"{v:>8.1f}" for v in z))
for name, values in table.items():
    # + 0.0 turns GELU's -0.0 at z = 0 into 0.0 before printing
    print(f"{name:<9}" + "".join(f"{v + 0.0:>8.3f}" for v in values))
