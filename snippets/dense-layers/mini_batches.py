"""Scoring 1000 samples in mini-batches of 128 gives the one-pass scores."""

import numpy as np

from nnref import Network

rng = np.random.default_rng(0)
network = Network.from_sizes([2, 16, 1], output_activation="sigmoid",
                             rng=rng)
samples = rng.uniform(0.0, 10.0, size=(1000, 2))  # 1000 random orders

one_pass = network.forward(samples)  # shape (1000, 1)

batch_size = 128
pieces = []
for start in range(0, len(samples), batch_size):
    batch = samples[start:start + batch_size]  # the last one holds the rest
    pieces.append(network.forward(batch))
batched = np.concatenate(pieces)

sizes = [len(piece) for piece in pieces]
print(f"{len(pieces)} mini-batches of sizes {sizes}")
print("shapes:", one_pass.shape, batched.shape)
# A matrix library may sum in another order for another size.
relative_tolerance = 1e-13
print("same scores:",
      np.allclose(one_pass, batched, rtol=relative_tolerance, atol=0.0))
