"""The loss of the lesson's 2 → 2 → 1 network after one step of size η along the negative
gradient, and the first-order estimate of it."""

import numpy as np
from matplotlib.figure import Figure

import nnref

LOSS = "binary_cross_entropy_with_logits"


def draw(fig: Figure) -> None:
    network = nnref.Network([
        nnref.Dense.from_arrays([[0.1, 0.2], [0.3, 0.4]], [0.1, 0.2], "relu"),
        nnref.Dense.from_arrays([[0.5, 0.6]], [0.3], "sigmoid"),
    ])
    x, y = np.array([[0.5, 0.8]]), np.array([[1.0]])
    start_loss, gradients = network.loss_and_gradients(x, y, LOSS)
    start = [p.copy() for p in network.parameters()]
    direction = [g.copy() for g in gradients]

    def loss_at(step: float) -> float:
        for param, origin, grad in zip(network.parameters(), start, direction, strict=True):
            param[...] = origin - step * grad
        network.forward(x)
        return network.loss(y, LOSS)

    steps = np.linspace(-1.0, 4.0, 201)
    ax = fig.subplots()
    ax.plot(steps, [loss_at(t) for t in steps], label="loss after a step of size η")
    squared_norm = sum(float(np.sum(g**2)) for g in direction)
    ax.plot(steps, start_loss - steps * squared_norm, linestyle="--",
            label="first-order estimate  $L - \\eta\\,\\|g\\|^2$")
    ax.plot([0.0], [start_loss], "o", color="C0")
    ax.plot([0.1], [loss_at(0.1)], "o", color="C2", label="η = 0.1 (this lesson)")
    ax.set_xlabel("learning rate η (step along the negative gradient)")
    ax.set_ylabel("binary cross-entropy")
    ax.set_ylim(0.0, 0.7)
    ax.legend(loc="upper right")
