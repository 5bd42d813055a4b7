"""Three networks often called "the same size": count their parameters."""

from itertools import pairwise

from nnref import count_parameters

widest, deepest, middle = [2, 32, 1], [2, 4, 4, 4, 4, 1], [2, 8, 8, 1]
print("sizes                 weights  biases  total")
for sizes in (widest, deepest, middle):
    weights = sum(n_in * n_out for n_in, n_out in pairwise(sizes))
    biases = sum(sizes[1:])  # one per unit; the inputs have none
    total = count_parameters(sizes)
    print(f"{sizes!s:20s}  {weights:7d}  {biases:6d}  {total:5d}")
