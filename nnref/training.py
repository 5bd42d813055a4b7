"""A minimal mini-batch training loop, with validation and early stopping."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, overload

import numpy as np
from numpy.typing import ArrayLike

from nnref._validation import FloatArray, as_generator, positive_int
from nnref.layers import Network
from nnref.losses import get_loss


class Optimiser(Protocol):
    def step(self, params: list[FloatArray], grads: list[FloatArray]) -> None: ...


@dataclass(eq=False)
class History(Sequence[float]):
    """What ``train`` records, one entry per epoch that ran.

    A ``History`` is also the sequence of training losses: ``history[-1]``,
    ``len(history)`` and ``np.asarray(history)`` read ``train_loss``, so code
    written when ``train`` returned a plain list keeps working.

    Attributes
    ----------
    train_loss : list of float
        Mean loss over each epoch's mini-batches, measured while the weights change
        (in training mode, so with dropout active).
    validation_loss : list of float
        Loss on the validation data after each epoch, in inference mode; empty when
        ``train`` had no validation data.
    best_epoch : int or None
        The epoch (counted from 1) with the lowest validation loss; None without
        validation data.
    stopped_early : bool
        True when ``patience`` epochs passed without a new lowest validation loss
        before ``epochs`` ran out.
    """

    train_loss: list[float] = field(default_factory=list)
    validation_loss: list[float] = field(default_factory=list)
    best_epoch: int | None = None
    stopped_early: bool = False

    @overload
    def __getitem__(self, index: int) -> float: ...
    @overload
    def __getitem__(self, index: slice) -> list[float]: ...
    def __getitem__(self, index: int | slice) -> float | list[float]:
        return self.train_loss[index]

    def __len__(self) -> int:
        return len(self.train_loss)

    def __iter__(self) -> Iterator[float]:
        return iter(self.train_loss)


def _samples(X: ArrayLike, y: ArrayLike, name: str) -> tuple[np.ndarray, np.ndarray]:
    """``X`` and ``y`` as arrays of one target per sample (ValueError otherwise)."""
    X = np.asarray(X)
    y = np.asarray(y)
    if X.ndim != 2 or y.ndim == 0 or len(y) != len(X):
        raise ValueError(
            f"{name}: X must have shape (n_samples, n_features) and y one target per "
            f"sample; got X {X.shape} and y {y.shape}"
        )
    if len(X) == 0:
        raise ValueError(f"{name}: X has no samples (shape {X.shape})")
    return X, y


def _validation_pair(
    validation: object, X: np.ndarray, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``validation`` as ``(X_val, y_val)`` shaped like the training data."""
    if not isinstance(validation, tuple | list) or len(validation) != 2:
        raise TypeError(
            "validation must be a pair (X_val, y_val), got "
            f"{type(validation).__name__}"
            + (f" of length {len(validation)}" if isinstance(validation, tuple | list) else "")
        )
    X_val, y_val = _samples(*validation, "validation data")
    if X_val.shape[1:] != X.shape[1:] or y_val.shape[1:] != y.shape[1:]:
        raise ValueError(
            f"validation data must have the training data's shape per sample, as X "
            f"{X.shape} and y {y.shape} have; got X_val {X_val.shape} and y_val {y_val.shape}"
        )
    return X_val, y_val


def train(
    network: Network,
    X: ArrayLike,
    y: ArrayLike,
    loss: str,
    optimiser: Optimiser,
    epochs: int,
    batch_size: int | None = None,
    rng: np.random.Generator | int | None = 0,
    *,
    validation: tuple[ArrayLike, ArrayLike] | None = None,
    patience: int | None = None,
) -> History:
    """Train ``network`` in place; returns the ``History`` of its losses, epoch by epoch.

    Each epoch shuffles the samples (with ``rng``), then for every mini-batch runs
    forward, backward and ``optimiser.step``. With ``validation`` data, the network's
    loss on it is measured after every epoch, in inference mode. The network is in
    training mode during the loop and left in inference mode afterwards. Its layers'
    caches hold the forward pass of the last training mini-batch, with or without
    validation data (after early stopping has restored earlier weights, run ``forward``
    again before ``backward``).

    **Early stopping.** With ``patience``, training stops once ``patience`` epochs in a
    row have not lowered the validation loss below its lowest value so far, and the
    network's parameters are then *restored* to those of ``history.best_epoch``, the
    epoch with the lowest validation loss (also when all ``epochs`` ran). The
    optimiser's internal state (momentum, Adam's moments) is not restored.

    Parameters
    ----------
    network : Network
    X : array_like, shape (n_samples, n_features)
    y : array_like, shape (n_samples,) or (n_samples, n_outputs)
    loss : str
        A name from ``nnref.losses.LOSSES``.
    optimiser : SGD, Momentum, Adam or anything with ``step(params, grads)``
    epochs : int
        The most epochs to run (fewer when early stopping ends training).
    batch_size : int, optional
        Default: the whole data set in one batch (full-batch gradient descent).
    rng : numpy.random.Generator, int or None
        Shuffling order.
    validation : (X_val, y_val), optional
        Held-out data shaped like ``X`` and ``y`` per sample; never trained on.
    patience : int, optional
        Epochs without a new lowest validation loss before training stops; needs
        ``validation``. Default: no early stopping.

    Returns
    -------
    History
        ``train_loss``, ``validation_loss``, ``best_epoch`` and ``stopped_early``.
        It is also the sequence of training losses, as ``train`` returned before
        it had validation.

    Examples
    --------
    >>> from nnref import Adam, Network, xor
    >>> X, y = xor()
    >>> net = Network.from_sizes([2, 8, 1], output_activation="sigmoid", rng=1)
    >>> history = train(net, X, y, "binary_cross_entropy_with_logits", Adam(0.05), 300)
    >>> print(f"{history[0]:.2f} -> {history[-1]:.2f}", net.classify(X))
    0.69 -> 0.00 [0 1 1 0]

    With held-out data and early stopping (a tiny example: XOR's four points serve
    as their own validation set, so the validation loss keeps falling):

    >>> net = Network.from_sizes([2, 8, 1], output_activation="sigmoid", rng=1)
    >>> history = train(net, X, y, "binary_cross_entropy_with_logits", Adam(0.05), 300,
    ...                 validation=(X, y), patience=10)
    >>> print(len(history.validation_loss), history.best_epoch, history.stopped_early)
    300 300 False
    """
    get_loss(loss)
    X, y = _samples(X, y, "training data")
    epochs = positive_int(epochs, "epochs")
    n = len(X)
    batch_size = n if batch_size is None else positive_int(batch_size, "batch_size")
    generator = as_generator(rng)
    held_out = None if validation is None else _validation_pair(validation, X, y)
    if patience is not None:
        patience = positive_int(patience, "patience")
        if held_out is None:
            raise ValueError(
                f"patience={patience} stops on the validation loss: pass validation="
                "(X_val, y_val) as well"
            )
    history = History()
    best_loss = np.inf
    best_parameters: list[np.ndarray] = []
    network.train()
    for epoch in range(1, epochs + 1):
        order = generator.permutation(n)
        total = 0.0
        for start in range(0, n, batch_size):
            batch = order[start : start + batch_size]
            value, grads = network.loss_and_gradients(X[batch], y[batch], loss)
            optimiser.step(network.parameters(), grads)
            total += value * len(batch)
        history.train_loss.append(total / n)
        if held_out is None:
            continue
        network.eval()
        kept = [layer.cache for layer in network.layers]  # the last training batch's
        network.forward(held_out[0])
        validation_loss = network.loss(held_out[1], loss)
        for layer, cache in zip(network.layers, kept, strict=True):
            layer.cache = cache  # put back: the validation pass leaves no trace
        network.train()
        history.validation_loss.append(validation_loss)
        if validation_loss < best_loss:
            best_loss, history.best_epoch = validation_loss, epoch
            if patience is not None:
                best_parameters = [p.copy() for p in network.parameters()]
        elif patience is not None and epoch - (history.best_epoch or 0) >= patience:
            history.stopped_early = epoch < epochs
            break
    if best_parameters:
        for parameter, best in zip(network.parameters(), best_parameters, strict=True):
            parameter[...] = best
    network.eval()
    return history
