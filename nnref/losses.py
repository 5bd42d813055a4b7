"""Loss functions and their gradients.

Arguments come in PyTorch's order, ``(prediction, target)``. Every loss is a mean over
the batch (for multi-output regression: over all elements) and returns a Python float
(the mean is accumulated in float64, so a float16 batch cannot overflow it); every
``*_gradient`` returns ``d loss / d prediction`` with the prediction's shape and
dtype, already divided by the batch size.

Train classifiers from logits. ``sigmoid`` followed by binary cross-entropy, and
``softmax`` followed by categorical cross-entropy, have the combined gradient
``(p - y) / batch`` with respect to the logits: simple, and free of the ``1 / p``
factor that blows up when a probability rounds to 0 or 1. ``nnref.layers.Network``
uses these combined gradients for its output layer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from nnref._validation import FloatArray, as_float_array, unknown_name
from nnref.activations import log_softmax, sigmoid, softmax

#: Probabilities are clipped to ``[EPSILON, 1 - EPSILON]`` before taking logs.
#: 1e-7 (Keras' default) is representable in float32, where ``1 - 1e-7`` rounds to
#: 0.99999988; so the largest loss per sample is about ``-log(1e-7) = 16.1``.
EPSILON = 1e-7


def _one_output_per_sample(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """Whether shapes ``a`` and ``b`` both hold one number per sample: ``(batch,)`` and
    ``(batch, 1)``, or a scalar and one sample."""
    if len(a) > len(b):
        a, b = b, a
    return (len(a), len(b)) in ((1, 2), (0, 1), (0, 2)) and b == (*a, *(1,) * (len(b) - len(a)))


def _pair(prediction: ArrayLike, target: ArrayLike, name: str) -> tuple[FloatArray, FloatArray]:
    """Prediction as a float array and target in its dtype, with matching shapes.

    A (batch, 1) prediction accepts a (batch,) target and vice versa; any other
    difference of shape is an error, even with the same number of elements (a (2, 2)
    target for a (4, 1) prediction is not one target per prediction).
    """
    p = as_float_array(prediction, name)
    y = as_float_array(target, "target")
    if y.shape != p.shape and _one_output_per_sample(y.shape, p.shape):
        y = y.reshape(p.shape)
    y = y.astype(p.dtype, copy=False)
    if y.shape != p.shape:
        raise ValueError(
            f"{name} has shape {p.shape} but target has shape {np.shape(target)}; "
            "they must match (one target per prediction)"
        )
    if p.size == 0:
        raise ValueError(f"{name} is empty: a loss needs at least one sample")
    return p, y


def mse(prediction: ArrayLike, target: ArrayLike) -> float:
    """Mean squared error ``mean((prediction - target)**2)``.

    Parameters
    ----------
    prediction, target : array_like, shape (batch,) or (batch, outputs)

    Examples
    --------
    >>> print(f"{mse([2.8, 4.2, 2.5], [3.0, 4.5, 2.0]):.4f}")
    0.1267
    """
    p, y = _pair(prediction, target, "prediction")
    with np.errstate(over="ignore"):  # inf only if the exact value is beyond the dtype
        return float(np.mean(np.square(p - y, dtype=np.float64)))


def mse_gradient(prediction: ArrayLike, target: ArrayLike) -> FloatArray:
    """``2 * (prediction - target) / n`` with ``n`` the number of elements."""
    p, y = _pair(prediction, target, "prediction")
    with np.errstate(over="ignore"):
        return (2.0 / p.size) * (p - y)


def _check_binary_targets(y: FloatArray) -> None:
    if not np.all((y >= 0) & (y <= 1)):  # NaN fails both comparisons
        raise ValueError(
            "binary targets must be in [0, 1] (labels 0 and 1, or soft labels); got values "
            f"in [{np.min(y)}, {np.max(y)}]"
        )


def _clip(p: FloatArray) -> FloatArray:
    """``p`` clipped to ``[eps, 1 - eps]``: ``eps = EPSILON``, or in float16, where
    ``1 - EPSILON`` rounds to 1, the dtype's machine epsilon (about 1e-3)."""
    eps = EPSILON if p.dtype.type(1.0 - EPSILON) < 1 else float(np.finfo(p.dtype).eps)
    return np.clip(p, eps, 1.0 - eps)


def _check_probabilities(p: FloatArray) -> None:
    if np.any((p < 0) | (p > 1)) or not np.all(np.isfinite(p)):
        raise ValueError(
            "binary_cross_entropy expects probabilities in [0, 1]; got values in "
            f"[{np.min(p)}, {np.max(p)}]. Pass logits to binary_cross_entropy_with_logits."
        )


def binary_cross_entropy(probability: ArrayLike, target: ArrayLike) -> float:
    """Binary cross-entropy ``-mean(y log p + (1 - y) log(1 - p))`` from probabilities.

    ``p`` is clipped to ``[EPSILON, 1 - EPSILON]`` (1e-7) so that ``p = 0`` or ``1``
    gives a large finite loss instead of ``inf``. Prefer
    ``binary_cross_entropy_with_logits``, which needs no clipping.

    Parameters
    ----------
    probability : array_like, shape (batch,) or (batch, 1), values in [0, 1]
    target : array_like, same shape, values 0 or 1 (or soft labels in [0, 1])

    Examples
    --------
    >>> print([f"{binary_cross_entropy([p], [1]):.4f}" for p in (0.95, 0.55, 0.05)])
    ['0.0513', '0.5978', '2.9957']
    """
    p, y = _pair(probability, target, "probability")
    _check_probabilities(p)
    _check_binary_targets(y)
    p = _clip(p)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log1p(-p), dtype=np.float64))


def binary_cross_entropy_gradient(probability: ArrayLike, target: ArrayLike) -> FloatArray:
    """``(p - y) / (p (1 - p)) / n`` with ``p`` clipped as in the loss."""
    p, y = _pair(probability, target, "probability")
    _check_probabilities(p)
    _check_binary_targets(y)
    p = _clip(p)
    return (p - y) / (p * (1.0 - p)) / p.size


def binary_cross_entropy_with_logits(logit: ArrayLike, target: ArrayLike) -> float:
    """Binary cross-entropy from logits, ``mean(max(z, 0) - z y + log1p(exp(-|z|)))``.

    Equal to ``binary_cross_entropy(sigmoid(z), y)`` but exact for any finite ``z``:
    nothing overflows and no probability is rounded to 0 or 1.

    Parameters
    ----------
    logit : array_like, shape (batch,) or (batch, 1)
    target : array_like, same shape, values in [0, 1]

    Examples
    --------
    >>> print(f"{binary_cross_entropy_with_logits([-1000.0, 2.0], [1, 1]):.4f}")
    500.0635
    """
    z, y = _pair(logit, target, "logit")
    _check_binary_targets(y)
    with np.errstate(under="ignore", over="ignore"):  # over: a mean beyond the dtype is inf
        per_sample = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
        return float(np.mean(per_sample, dtype=np.float64))


def binary_cross_entropy_with_logits_gradient(logit: ArrayLike, target: ArrayLike) -> FloatArray:
    """The combined gradient ``(sigmoid(z) - y) / n``."""
    z, y = _pair(logit, target, "logit")
    _check_binary_targets(y)
    return (sigmoid(z) - y) / z.size


def _one_hot_targets(logits: FloatArray, target: ArrayLike) -> FloatArray:
    """Targets as a one-hot (or soft-label) matrix with the logits' shape and dtype."""
    if logits.ndim != 2:
        raise ValueError(f"logits must have shape (batch, classes), got shape {logits.shape}")
    batch, classes = logits.shape
    if batch == 0 or classes == 0:
        raise ValueError(
            f"logits of shape {logits.shape}: a loss needs at least one sample and one class"
        )
    y = np.asarray(target)
    if y.shape == (batch,) and np.issubdtype(y.dtype, np.integer):
        if np.any((y < 0) | (y >= classes)):
            raise ValueError(f"class labels must be in 0..{classes - 1}, got {np.unique(y)}")
        one_hot = np.zeros_like(logits)
        one_hot[np.arange(batch), y] = 1
        return one_hot
    if y.shape == logits.shape:
        rows = as_float_array(y, "target").astype(logits.dtype, copy=False)
        tolerance = float(np.finfo(rows.dtype).eps) ** 0.5
        in_range = np.all((rows >= 0) & (rows <= 1))
        if not (in_range and np.allclose(rows.sum(axis=1), 1.0, rtol=0, atol=tolerance)):
            raise ValueError(
                "target rows must be in [0, 1] and sum to 1 (one-hot rows or soft labels; "
                "the gradient softmax(z) - y assumes it); got row sums "
                f"{np.round(rows.sum(axis=1, dtype=np.float64), 6)}"
            )
        return rows
    raise ValueError(
        f"target must be integer class labels of shape ({batch},) or one-hot rows of shape "
        f"{logits.shape}; got shape {y.shape} and dtype {y.dtype}"
    )


def categorical_cross_entropy_with_logits(logits: ArrayLike, target: ArrayLike) -> float:
    """Categorical cross-entropy ``-mean over the batch of sum(y * log_softmax(z))``.

    Parameters
    ----------
    logits : array_like, shape (batch, classes)
    target : array_like, int shape (batch,) (class labels) or shape (batch, classes)
        (one-hot or soft labels).

    Examples
    --------
    >>> print(f"{categorical_cross_entropy_with_logits([[2.0, 1.0, 0.5]], [0]):.4f}")
    0.4644
    """
    z = as_float_array(logits, "logits")
    y = _one_hot_targets(z, target)
    log_p = log_softmax(z, axis=1)
    # A logit so far below the largest that log_softmax is -inf must not give 0 * -inf.
    log_p = np.maximum(log_p, np.finfo(log_p.dtype).min)
    with np.errstate(over="ignore"):  # inf only if the exact value is beyond the dtype
        return float(-np.sum(y * log_p, dtype=np.float64) / z.shape[0])


def categorical_cross_entropy_with_logits_gradient(
    logits: ArrayLike, target: ArrayLike
) -> FloatArray:
    """The combined gradient ``(softmax(z) - y) / batch``, shape (batch, classes)."""
    z = as_float_array(logits, "logits")
    y = _one_hot_targets(z, target)
    return (softmax(z, axis=1) - y) / z.shape[0]


@dataclass(frozen=True)
class Loss:
    """A loss function together with its gradient.

    ``from_logits`` says whether it expects the output layer's pre-activation (logits)
    and, if so, which output activation it absorbs (``"sigmoid"`` or ``"softmax"``).
    """

    name: str
    value: Callable[[ArrayLike, ArrayLike], float]
    gradient: Callable[[ArrayLike, ArrayLike], FloatArray]
    from_logits: str | None = None


LOSSES: dict[str, Loss] = {
    "mse": Loss("mse", mse, mse_gradient),
    "binary_cross_entropy": Loss(
        "binary_cross_entropy", binary_cross_entropy, binary_cross_entropy_gradient
    ),
    "binary_cross_entropy_with_logits": Loss(
        "binary_cross_entropy_with_logits",
        binary_cross_entropy_with_logits,
        binary_cross_entropy_with_logits_gradient,
        from_logits="sigmoid",
    ),
    "categorical_cross_entropy_with_logits": Loss(
        "categorical_cross_entropy_with_logits",
        categorical_cross_entropy_with_logits,
        categorical_cross_entropy_with_logits_gradient,
        from_logits="softmax",
    ),
}
"""Loss name -> ``Loss``."""


def get_loss(name: str | Loss) -> Loss:
    """Look up a loss by name (a ``Loss`` passes through); ValueError otherwise."""
    if isinstance(name, Loss):
        return name
    if name not in LOSSES:
        raise unknown_name("loss", name, LOSSES)
    return LOSSES[name]
