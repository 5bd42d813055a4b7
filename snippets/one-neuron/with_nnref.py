"""The same two orders scored with nnref's neuron."""

from nnref import neuron, pre_activation

weights, bias = [0.7, 0.3], -4.0
for name, order in [("risky order", [6, 8]), ("quiet order", [2, 3])]:
    z = pre_activation(order, weights, bias)
    score = neuron(order, weights, bias)  # sigmoid is the default activation
    print(f"{name}: logit {z:+.2f}, score {score:.3f}")
