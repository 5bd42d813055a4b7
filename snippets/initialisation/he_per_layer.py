"""He-initialised weights of a 784 -> 256 -> 128 -> 64 -> 10 network."""

import numpy as np

from nnref import Network

sizes = [784, 256, 128, 64, 10]
network = Network.from_sizes(sizes, init="he", rng=0)  # biases start at 0

print("layer        weights      sqrt(2/fan_in)   sampled std")
for layer in network.layers:
    fan_out, fan_in = layer.weights.shape  # layout (out, in)
    target = np.sqrt(2 / fan_in)
    print(f"{fan_in:>3} -> {fan_out:>3}   {layer.weights.shape!s:>10}   "
          f"{target:14.4f}   {layer.weights.std():11.4f}")
