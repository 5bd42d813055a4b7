"""Count the parameters of the 2 -> 2 -> 1 network array by array."""

from nnref import Dense, Network

network = Network([
    Dense.from_arrays([[0.3, -0.1], [0.1, 0.6]], [0.0, 0.0], "relu"),
    Dense.from_arrays([[0.4, 0.1]], [-0.5], "sigmoid"),
])
for number, layer in enumerate(network.layers, start=1):
    weights, bias = layer.parameters()  # the arrays themselves
    print(f"layer {number}: W {weights.shape} has {weights.size}, "
          f"b {bias.shape} has {bias.size}: "
          f"{weights.size + bias.size} parameters")
print("total:", sum(p.size for p in network.parameters()))
