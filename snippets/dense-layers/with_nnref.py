"""The 2 -> 2 -> 1 network from nnref layers; each layer keeps its z and a."""

import numpy as np

from nnref import Dense, Network, delivery_orders

network = Network([
    # W1 of shape (2, 2), b1 of shape (2,)
    Dense.from_arrays([[0.3, -0.1], [0.1, 0.6]], [0.0, 0.0], "relu"),
    # W2 of shape (1, 2), b2 of shape (1,)
    Dense.from_arrays([[0.4, 0.1]], [-0.5], "sigmoid"),
])
print(network)

orders = delivery_orders()  # the four orders above, shape (4, 2)
scores = network.forward(orders)  # shape (4, 1): one output unit
print("scores =", np.round(scores[:, 0], 3))

# The forward pass leaves a record per layer: input, z and a, whole batch.
for number, cache in enumerate(network.caches, start=1):
    print(f"layer {number}: inputs {cache.inputs.shape}, "
          f"z {cache.z.shape}, a {cache.a.shape}")
first_z1 = network.caches[0].z[0]
first_z2 = network.caches[1].z[0, 0]
print("layer 1 z of the first order:", np.round(first_z1, 2))
print(f"layer 2 z of the first order: {first_z2:.3f}")
