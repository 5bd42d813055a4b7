"""Optimisers: plain SGD, SGD with momentum, and Adam.

Each has ``step(params, grads)``, which updates the parameter arrays in place (pass
``network.parameters()`` and ``network.gradients()``). ``step`` checks every array first
(count, shapes, floating parameters, the same parameters as the previous step) and on an
error changes nothing. Hyperparameters are checked when
the optimiser is built and stored as Python floats, so float32 parameters stay float32.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from nnref._validation import FloatArray, convert, real_number


def _learning_rate(lr: float) -> float:
    return real_number(lr, "learning rate lr", low=0.0, low_inclusive=False)


def _beta(beta: float, name: str) -> float:
    return real_number(beta, name, low=0.0, high=1.0, high_inclusive=False)


def _check(
    params: Sequence[FloatArray],
    grads: Sequence[FloatArray],
    state: list[FloatArray] | None = None,
) -> list[FloatArray]:
    """Check every parameter, gradient and the optimiser's state before anything changes,
    so that an error leaves the parameters and the optimiser as they were. Returns the
    gradients in their parameters' dtypes."""
    if len(params) != len(grads):
        raise ValueError(f"got {len(params)} parameter arrays but {len(grads)} gradients")
    if state is not None and len(state) != len(params):
        raise ValueError(
            f"this optimiser was used with {len(state)} parameter arrays and now got "
            f"{len(params)}: make a new optimiser for a new set of parameters"
        )
    for i, (p, g) in enumerate(zip(params, grads, strict=True)):
        if not isinstance(p, np.ndarray):
            raise TypeError(
                f"parameter {i} must be a NumPy array (updated in place), got {type(p).__name__}"
            )
        if p.dtype.kind != "f":
            raise TypeError(
                f"parameter {i} must be a floating array (float16, float32 or float64), "
                f"got dtype {p.dtype}"
            )
        if np.asarray(g).dtype.kind not in "fiub":
            raise TypeError(
                f"gradient {i} must be a real numeric array, got dtype {np.asarray(g).dtype}"
            )
        if np.shape(g) != p.shape:
            raise ValueError(
                f"gradient {i} has shape {np.shape(g)} but its parameter has shape {p.shape}"
            )
        if state is not None and state[i].shape != p.shape:
            raise ValueError(
                f"parameter {i} has shape {p.shape}, but it was {state[i].shape} when this "
                "optimiser last stepped: make a new optimiser for a new set of parameters"
            )
    return [
        convert(np.asarray(g), p.dtype, f"gradient {i}")
        for i, (p, g) in enumerate(zip(params, grads, strict=True))
    ]


class SGD:
    """Gradient descent: ``p -= lr * g``.

    Examples
    --------
    >>> x = np.array([10.0])
    >>> opt = SGD(lr=0.1)
    >>> for _ in range(20):
    ...     opt.step([x], [2 * x])  # gradient of x**2
    >>> print(f"{x[0]:.4f}")
    0.1153
    """

    def __init__(self, lr: float = 0.01) -> None:
        self.lr = _learning_rate(lr)

    def step(self, params: Sequence[FloatArray], grads: Sequence[FloatArray]) -> None:
        grads = _check(params, grads)
        for p, g in zip(params, grads, strict=True):
            p -= self.lr * g


class Momentum:
    """SGD with momentum (PyTorch's form): ``v = beta * v + g``; ``p -= lr * v``.

    Parameters
    ----------
    lr : float > 0
    beta : float in [0, 1), default 0.9
    """

    def __init__(self, lr: float = 0.01, beta: float = 0.9) -> None:
        self.lr = _learning_rate(lr)
        self.beta = _beta(beta, "beta")
        self.velocity: list[FloatArray] | None = None

    def step(self, params: Sequence[FloatArray], grads: Sequence[FloatArray]) -> None:
        grads = _check(params, grads, self.velocity)
        if self.velocity is None:
            self.velocity = [np.zeros_like(p) for p in params]
        for p, g, v in zip(params, grads, self.velocity, strict=True):
            v *= self.beta
            v += g
            p -= self.lr * v


class Adam:
    """Adam (Kingma and Ba 2014) with bias correction.

    ``m = b1 m + (1 - b1) g``; ``v = b2 v + (1 - b2) g^2``;
    ``p -= lr * m_hat / (sqrt(v_hat) + eps)`` with ``m_hat = m / (1 - b1^t)`` and
    ``v_hat = v / (1 - b2^t)``, ``t`` the step number starting at 1. The correction
    undoes the bias of ``m`` and ``v`` towards their zero start.

    Parameters
    ----------
    lr : float > 0, default 1e-3
    beta1, beta2 : float in [0, 1), defaults 0.9 and 0.999
    eps : float > 0, default 1e-8

    Examples
    --------
    >>> x = np.array([10.0])
    >>> opt = Adam(lr=0.1)
    >>> opt.step([x], [2 * x])  # the first step moves by lr, whatever the gradient's size
    >>> print(f"{x[0]:.4f}")
    9.9000
    """

    def __init__(
        self, lr: float = 1e-3, beta1: float = 0.9, beta2: float = 0.999, eps: float = 1e-8
    ) -> None:
        self.lr = _learning_rate(lr)
        self.beta1 = _beta(beta1, "beta1")
        self.beta2 = _beta(beta2, "beta2")
        self.eps = real_number(eps, "eps", low=0.0, low_inclusive=False)
        self.t = 0
        self.m: list[FloatArray] | None = None
        self.v: list[FloatArray] | None = None

    def step(self, params: Sequence[FloatArray], grads: Sequence[FloatArray]) -> None:
        grads = _check(params, grads, self.m)
        if self.m is None or self.v is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.t += 1
        correction1 = 1.0 - self.beta1**self.t
        correction2 = 1.0 - self.beta2**self.t
        for p, g, m, v in zip(params, grads, self.m, self.v, strict=True):
            m *= self.beta1
            m += (1.0 - self.beta1) * g
            v *= self.beta2
            # g * g overflows float16 from g = 256: square in at least float32.
            v += (1.0 - self.beta2) * np.square(g, dtype=np.promote_types(g.dtype, np.float32))
            m_hat = m / correction1
            v_hat = v / correction2
            # eps = 1e-8 is 0 in float16: use its smallest number so that 0 / 0 cannot occur.
            eps = max(self.eps, float(np.finfo(p.dtype).smallest_subnormal))
            p -= self.lr * m_hat / (np.sqrt(v_hat) + eps)
