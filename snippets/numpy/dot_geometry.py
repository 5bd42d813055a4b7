"""A weighted sum is |w| |x| cos(angle): largest where x points like w."""

import numpy as np

w = np.array([1.0, 0.75])  # one unit's two weights, length 1.25
inputs = {  # four inputs of the same length, 2.5
    "aligned": np.array([2.0, 1.5]),  # w's direction
    "between": np.array([0.0, 2.5]),  # along the second feature only
    "orthogonal": np.array([-1.5, 2.0]),  # at a right angle to w
    "opposed": np.array([-2.0, -1.5]),  # the opposite direction
}
for name, x in inputs.items():
    cosine = (w @ x) / (np.linalg.norm(w) * np.linalg.norm(x))
    # Rounding can leave a cosine a hair outside [-1, 1],
    # where arccos gives nan.
    angle = np.degrees(np.arccos(np.clip(cosine, -1.0, 1.0)))
    print(f"{name:<10} |x| = {np.linalg.norm(x):.2f}  cos = {cosine:5.2f}  "
          f"angle = {angle:5.1f}°  w @ x = {w @ x:6.3f}")

longer = 2 * inputs["aligned"]  # the same direction, twice the length
print(f"aligned, twice as long: |x| = {np.linalg.norm(longer):.2f}  "
      f"w @ x = {w @ longer:.3f}")
