"""A dot product in float64, and why the course formats every number
it prints."""

import numpy as np

from nnref import sigmoid
from nnref.activations import relu

w = np.array([0.8, -0.5, 0.2])
x = np.array([1.0, 0.5, -0.3])
b = 0.1

dot = float(w @ x)  # 0.8*1.0 + (-0.5)*0.5 + 0.2*(-0.3)
print("raw float:  ", repr(dot))
print(f"formatted:   {dot:.2f}")

z = dot + b
print(f"z = {z:.2f}, relu(z) = {float(relu(z)):.4f}, "
      f"sigmoid(z) = {float(sigmoid(z)):.4f}")
print(f"sigmoid(z) to six places: {float(sigmoid(z)):.6f}")
