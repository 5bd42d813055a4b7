"""A fair race on a small network: 2 -> 16 -> 16 -> 1 on 200 spiral points,
200 full-batch epochs, each optimiser with its best learning rate from the
same grid."""

import numpy as np

from nnref import SGD, Adam, Momentum, Network, spirals, train

X, y = spirals(200, noise=0.1, rng=0)  # X shape (200, 2), y shape (200,)
OPTIMISERS = {"gradient descent": SGD, "momentum": Momentum, "Adam": Adam}
LEARNING_RATES = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0]
# A run whose loss ever rises by more than 25% in one epoch is unstable.
JUMP = 0.25


def unstable(history: list[float]) -> bool:
    """True if the loss rose by more than JUMP (relative)
    from one epoch to the next."""
    loss = np.asarray(history)
    return bool(np.any(loss[1:] > (1.0 + JUMP) * loss[:-1]))


print("optimiser          best lr  final loss")
for name, make in OPTIMISERS.items():
    finals = {}
    for lr in LEARNING_RATES:
        network = Network.from_sizes([2, 16, 16, 1],
                                     output_activation="sigmoid", rng=0)
        history = train(network, X, y, "binary_cross_entropy_with_logits",
                        make(lr=lr), 200)
        # An unstable run's final loss is chaotic: its digits change with the
        # rounding of the NumPy build, so it is reported as unstable and never
        # picked as the best.
        finals[lr] = None if unstable(history) else history[-1]
    best = min((lr for lr in LEARNING_RATES if finals[lr] is not None),
               key=finals.get)
    grid = " ".join("unstable" if value is None else f"{value:.2f}"
                    for value in finals.values())
    print(f"{name:17s} {best:8.2f}  {finals[best]:10.3f}")
    print(f"  loss for each lr in the grid: {grid}")
