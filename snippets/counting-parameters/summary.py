"""nnref.summary: one row per layer, from sizes or from a built network."""

from nnref import Network, summary

print(summary([784, 256, 128, 10]))
print()
network = Network.from_sizes([2, 2, 1], output_activation="sigmoid", rng=0)
print(summary(network))
