"""He, LeCun and Glorot standard deviations for the layers of one network."""

from itertools import pairwise

from nnref.init import glorot_std, he_std, lecun_std

sizes = [784, 256, 128, 64, 10]
print("layer      |     He |  LeCun | Glorot")
for fan_in, fan_out in pairwise(sizes):
    print(f"{fan_in:>3} -> {fan_out:>3} | {he_std(fan_in):.4f} | "
          f"{lecun_std(fan_in):.4f} | {glorot_std(fan_in, fan_out):.4f}")
