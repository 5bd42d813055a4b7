"""What one number costs: a Python float object against a float64 array
element."""

import sys

import numpy as np

print("Python float object:", sys.getsizeof(1.0), "bytes")

values = np.ones(1_000_000)  # float64 by default
print("float64 element:    ", values.itemsize, "bytes")
print(f"array of 1,000,000:  {values.nbytes:,} bytes of data")
