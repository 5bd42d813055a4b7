"""A classifier for 28 x 28 images of digits: 784 -> 256 -> 128 -> 10."""

from itertools import pairwise

from nnref import count_parameters, dense_parameters

sizes = [784, 256, 128, 10]
for n_in, n_out in pairwise(sizes):
    weights, biases = n_in * n_out, n_out
    print(f"{n_in:>4} -> {n_out:<4} {weights:>8,} weights + {biases:>4} biases "
          f"= {dense_parameters(n_in, n_out):>8,}")
total = count_parameters(sizes)
first = dense_parameters(784, 256)
print(f"total {total:,}; the first layer holds {first / total:.1%} of them")

bytes_per_float64 = 8
print(f"stored as float64: {total * bytes_per_float64 / 1e6:.2f} MB")
