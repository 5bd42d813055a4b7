"""Four people as a NumPy array: one sample per row, one feature per column."""

import numpy as np

# height (cm), weight (kg), age (years)
people = np.array([
    [170, 65, 25],
    [160, 55, 30],
    [180, 80, 22],
    [155, 50, 35],
])

print("shape:", people.shape)  # (samples, features)
print("ndim: ", people.ndim)
print("dtype:", people.dtype)  # whole numbers in, integers stored

people = people.astype(np.float64)  # the course computes in float64
print("dtype after astype:", people.dtype)

whole = {"float_kind": "{:.0f}".format}  # print floats without decimals
# A row is one sample, a column is one feature.
print("second person:", np.array2string(people[1], formatter=whole))
print("all heights:  ", np.array2string(people[:, 0], formatter=whole))
