"""XOR solved by one hidden ReLU layer with hand-set weights."""

import numpy as np

from nnref import Dense, Network, xor

inputs, labels = xor()  # [0, 0], [0, 1], [1, 0], [1, 1]; labels 0, 1, 1, 0
network = Network([
    Dense.from_arrays([[1, 1], [1, 1]], [0, -1], "relu"),  # 2 hidden units
    Dense.from_arrays([[1, -2]], [0], "identity"),  # output: h1 - 2 * h2
])
outputs = network.forward(inputs)[:, 0]
hidden = network.caches[0].a  # each input as the hidden layer sees it

print("input    hidden   output  label")
for x, h, out, label in zip(inputs, hidden, outputs, labels, strict=True):
    print(f"{x.astype(int)}    {h.astype(int)}    {out:.0f}       {label}")
print("exactly XOR:", np.array_equal(outputs, labels))
