"""n_in * n_out + n_out per layer, checked against nnref for three networks."""

from itertools import pairwise

from nnref import count_parameters


def dense_layer_parameters(n_in: int, n_out: int) -> int:
    """One weight per (unit, input) pair, plus one bias per unit."""
    return n_in * n_out + n_out


for sizes in ([2, 2, 1], [4, 8, 1], [2, 4, 1]):
    per_layer = [dense_layer_parameters(n_in, n_out)
                 for n_in, n_out in pairwise(sizes)]
    by_hand = " + ".join(str(n) for n in per_layer)
    arrows = " -> ".join(str(s) for s in sizes)
    print(f"{arrows}: {by_hand} = {sum(per_layer)}  "
          f"(nnref: {count_parameters(sizes)})")
