"""A minimal mini-batch training loop."""


from __future__ import annotations

from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike

from nnref._validation import FloatArray, as_generator, positive_int
from nnref.layers import Network
from nnref.losses import get_loss


class Optimiser(Protocol):
    def step(self, params: list[FloatArray], grads: list[FloatArray]) -> None: ...


def train(
    network: Network,
    X: ArrayLike,
    y: ArrayLike,
    loss: str,
    optimiser: Optimiser,
    epochs: int,
    batch_size: int | None = None,
    rng: np.random.Generator | int | None = 0,
) -> list[float]:
    """Train ``network`` in place; returns the mean training loss of each epoch.

    Each epoch shuffles the samples (with ``rng``), then for every mini-batch runs
    forward, backward and ``optimiser.step``. The network is in training mode during
    the loop and left in inference mode afterwards.

    Parameters
    ----------
    network : Network
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,) or (n_samples, n_outputs)
    loss : str
        A name from ``nnref.losses.LOSSES``.
    optimiser : SGD, Momentum, Adam or anything with ``step(params, grads)``
    epochs : int
    batch_size : int, optional
        Default: the whole data set in one batch (full-batch gradient descent).
    rng : numpy.random.Generator, int or None
        Shuffling order.

    Examples
    --------
    >>> from nnref import Adam, Network, xor
    >>> X, y = xor()
    >>> net = Network.from_sizes([2, 8, 1], output_activation="sigmoid", rng=1)
    >>> history = train(net, X, y, "binary_cross_entropy_with_logits", Adam(0.05), 300)
    >>> print(f"{history[0]:.2f} -> {history[-1]:.2f}", net.classify(X))
    0.69 -> 0.00 [0 1 1 0]
    """
    get_loss(loss)
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or len(y) != len(X):
        raise ValueError(
            f"X must have shape (n_samples, n_features) and y one target per "
            f"sample; got X {X.shape} and y {y.shape}"
        )
    if len(X) == 0:
        raise ValueError(f"X has no samples (shape {X.shape}): there is nothing to train on")
    epochs = positive_int(epochs, "epochs")
    n = len(X)
    batch_size = n if batch_size is None else positive_int(batch_size, "batch_size")
    generator = as_generator(rng)
    network.train()
    history = []
    for _ in range(epochs):
        order = generator.permutation(n)
        total = 0.0
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            value, grads = network.loss_and_gradients(X[batch], y[batch], loss)
            optimiser.step(network.parameters(), grads)
            total += value * len(batch)
        history.append(total / n)
    network.eval()
    return history
