"""Activation statistics through 20 ReLU layers of width 100 under four weight scales."""

import numpy as np
from matplotlib.figure import Figure

import nnref

WIDTH, DEPTH = 100, 20


def batch() -> np.ndarray:
    """The figure's inputs: 500 standard-normal samples, shape (500, 100). Lesson 9
    (snippets/diagnosing/bad_init.py) reads the same experiment on the same batch."""
    return np.random.default_rng(1).standard_normal((500, WIDTH))


def relu_stack(weight_std: float, depth: int = DEPTH, width: int = WIDTH) -> nnref.Network:
    rng = np.random.default_rng(0)  # the same draws for every scale
    return nnref.Network([
        nnref.Dense.from_arrays(rng.standard_normal((width, width)) * weight_std,
                                np.zeros(width), "relu")
        for _ in range(depth)
    ])


def draw(fig: Figure) -> None:
    spread, active = fig.subplots(1, 2, width_ratios=[2, 1])
    inputs = batch()
    scales = [("std 1.0", 1.0), ("He, std 0.1414", np.sqrt(2 / WIDTH)),
              ("LeCun, std 0.1", np.sqrt(1 / WIDTH)), ("std 0.01", 0.01)]
    for label, weight_std in scales:
        network = relu_stack(weight_std)
        network.forward(inputs)
        stats = nnref.activation_stats(network)
        layers = [s.layer for s in stats]
        spread.plot(layers, [s.std for s in stats], marker="o", markersize=3, label=label)
    spread.set_yscale("log")
    spread.set_xlabel("layer")
    spread.set_ylabel("std of activations")
    spread.set_xticks([1, 5, 10, 15, DEPTH])
    spread.legend(loc="lower left", fontsize=9)

    # Zero biases and ReLU: scaling the weights scales every activation, so the same
    # units are zero under every scale; one curve serves all four.
    active.plot(layers, [1.0 - s.fraction_zero for s in stats], marker="o", markersize=3)
    active.set_ylim(0.0, 1.0)
    active.set_xlabel("layer")
    active.set_ylabel("share of activations > 0")
    active.set_xticks([1, 10, DEPTH])
