"""The untrained XOR network's loss as two of its weights vary, the other 7
held."""

import numpy as np

from nnref import Network, xor

inputs, labels = xor()
network = Network.from_sizes([2, 2, 1], output_activation="sigmoid", rng=0)
hidden = network.layers[0].weights  # (2, 2): row j holds unit j's input weights
start = hidden[1].copy()  # hidden unit 2's two weights: the ones that will vary


def loss_at(w1, w2):
    """The loss with hidden unit 2's weights set to (w1, w2), the rest as is."""
    hidden[1] = w1, w2
    network.forward(inputs)
    return network.loss(labels, "binary_cross_entropy_with_logits")


offsets = np.linspace(-3.0, 3.0, 121)  # 0.05 apart, around each starting value
across, up = start[0] + offsets, start[1] + offsets
# rows: w2 (up), columns: w1 (across); shape (121, 121)
landscape = np.array([[loss_at(w1, w2) for w1 in across] for w2 in up])

row, col = np.unravel_index(np.argmin(landscape), landscape.shape)
print(f"start: weights ({start[0]:.2f}, {start[1]:.2f}), "
      f"loss {loss_at(*start):.4f}")
print(f"best of the {landscape.size} grid points: "
      f"loss {landscape[row, col]:.4f} at ({across[col]:.2f}, {up[row]:.2f})")
# the lower-left corner, both weights negative, and all that equals it
plateau = landscape == landscape[0, 0]
print(f"exactly flat on {np.mean(plateau):.0%} of the grid, "
      f"at loss {landscape[0, 0]:.4f}")

for name, point in (("start", start), ("plateau", (-1.0, -1.0))):
    loss_at(*point)  # a forward pass at that point
    network.backward(labels, "binary_cross_entropy_with_logits")
    # dL/dW1, row 2: the gradient of hidden unit 2's weights
    gradient = network.gradients()[0][1]
    print(f"gradient for the two weights at the {name}:", np.round(gradient, 4))
hidden[1] = start  # back to the initial weights
