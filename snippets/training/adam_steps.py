"""How far does Adam at lr 0.001 move a weight?
Measured on the common spirals example."""

import numpy as np

from nnref import Adam, Network, spirals, train


class Recorder:
    """Adam, recording for every step the largest change of any parameter."""

    def __init__(self, optimiser: Adam) -> None:
        self.optimiser = optimiser
        self.largest: list[float] = []

    def step(self, params: list[np.ndarray], grads: list[np.ndarray]) -> None:
        before = [p.copy() for p in params]
        self.optimiser.step(params, grads)
        changes = (float(np.max(np.abs(p - b)))
                   for p, b in zip(params, before, strict=True))
        self.largest.append(max(changes))


X, y = spirals(500, noise=0.1, rng=0)
network = Network.from_sizes([2, 64, 1], output_activation="sigmoid", rng=0)
start = [p.copy() for p in network.parameters()]
recorder = Recorder(Adam(lr=0.001))
train(network, X, y, "binary_cross_entropy_with_logits", recorder, epochs=1000,
      batch_size=500, rng=0)
moved = max(float(np.max(np.abs(p - s)))
            for p, s in zip(network.parameters(), start, strict=True))
print("largest step of any parameter: "
      f"{max(recorder.largest) / 0.001:.2f} x lr")
print(f"largest distance any parameter moved in 1000 steps: {moved:.3f}")

# The worst case of Kingma and Ba's bound:
# a gradient that was 0 for 9999 steps, then is not.
x = np.zeros(1)
adam = Adam(lr=0.001)
for _ in range(9999):
    adam.step([x], [np.zeros(1)])
adam.step([x], [np.ones(1)])
print(f"after 9999 zero gradients, one step of {abs(x[0]) / 0.001:.2f} x lr")

# Past the bound:
# a gradient that grows by beta2 / beta1 (about 11%) at every step.
x = np.zeros(1)
adam = Adam(lr=0.001)
growth = adam.beta2 / adam.beta1
for t in range(1, 10001):
    before = x[0]
    # The gradient ends at 1; the early ones underflow to 0.
    adam.step([x], [np.array([growth ** (t - 10000)])])
print("a gradient growing 11% a step, step 10000: "
      f"{abs(x[0] - before) / 0.001:.2f} x lr")
