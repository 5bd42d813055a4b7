"""Min-max scaling of one feature, by hand and with nnref."""

import numpy as np

from nnref import min_max_scale

people = np.array([
    [170, 65, 25],
    [160, 55, 30],
    [180, 80, 22],
    [155, 50, 35],
], dtype=np.float64)

heights = people[:, 0]
lowest, highest = heights.min(), heights.max()
# One expression, every element:
scaled = (heights - lowest) / (highest - lowest)
print(f"min {lowest:.0f}, max {highest:.0f}, range {highest - lowest:.0f}")
one_decimal = {"float_kind": "{:.1f}".format}
print("heights scaled:", np.array2string(scaled, formatter=one_decimal))

# nnref scales every column at once
# (axis=0: down the rows, one feature at a time)
all_scaled = min_max_scale(people)
print("all features:")
print(np.array2string(all_scaled, formatter={"float_kind": "{:.2f}".format}))
