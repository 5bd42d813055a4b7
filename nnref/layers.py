"""Layers and networks: ``Dense``, ``PReLU``, ``Network``, and weight-layout helpers.

Conventions (as in ``torch.nn.Linear``): one sample per row of ``X``, shape
``(batch, n_in)``; a dense layer stores ``weights`` of shape ``(n_out, n_in)`` (one row
per unit) and ``bias`` of shape ``(n_out,)`` and computes ``X @ weights.T + bias``.

Every layer has the same small interface, which ``Network`` relies on:

* ``forward(X)`` returns the output and keeps a ``LayerCache`` in ``layer.cache``;
* ``backward(grad_output)`` takes ``dL/d output`` and returns ``dL/d input``, storing
  the parameter gradients;
* ``parameters()`` and ``gradients()`` return lists of arrays in matching order (the
  arrays themselves, so an optimiser can update them in place);
* ``training`` (bool) switches layers such as dropout between training and inference.
"""


from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Protocol

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from nnref._validation import (
    FloatArray,
    as_float_array,
    as_generator,
    convert,
    float_dtype,
    positive_int,
    real_number,
    shape_of_gradient,
)
from nnref.activations import (
    DERIVATIVES,
    get_activation,
    prelu,
    prelu_derivative,
    prelu_slope_derivative,
    softmax_backward,
)
from nnref.init import get_initialiser
from nnref.losses import get_loss


@dataclass
class LayerCache:
    """What a layer's forward pass keeps for backpropagation and diagnostics.

    Attributes
    ----------
    inputs : ndarray, shape (batch, n_in)
        The layer's input.
    z : ndarray, shape (batch, n_out)
        The pre-activation (for a dense layer ``inputs @ W.T + b``).
    a : ndarray, shape (batch, n_out)
        The activation, i.e. the layer's output.
    """

    inputs: FloatArray
    z: FloatArray
    a: FloatArray


class Layer(Protocol):
    """The interface every layer of a ``Network`` provides."""

    training: bool
    cache: LayerCache | None

    def forward(self, inputs: ArrayLike) -> FloatArray: ...
    def backward(self, grad_output: ArrayLike) -> FloatArray: ...
    def parameters(self) -> list[FloatArray]: ...
    def gradients(self) -> list[FloatArray]: ...


def _as_batch(layer: object, inputs: ArrayLike, n_in: int, dtype: np.dtype) -> FloatArray:
    """Inputs as a (batch, n_in) array of the layer's dtype, with a plain-language error."""
    try:
        X = np.asarray(inputs)
    except ValueError as error:  # ragged nested lists
        raise ValueError(f"{layer}: inputs must be a rectangular array: {error}") from None
    if X.dtype == dtype and X.ndim == 2 and X.shape[1] == n_in:
        return X  # the common case, without further checks
    if X.dtype.kind not in "fiub":
        raise TypeError(f"{layer}: inputs must be numeric, got dtype {X.dtype}")
    if X.ndim == 1:
        X = X.reshape(1, -1)
    if X.ndim != 2 or X.shape[1] != n_in:
        raise ValueError(
            f"{layer} expects inputs of shape (batch, {n_in}) or ({n_in},), "
            f"got shape {np.shape(inputs)}"
        )
    return convert(X, dtype, f"{layer}: inputs")


class Dense:
    """Fully connected layer ``a = activation(X @ weights.T + bias)``.

    Parameters
    ----------
    n_in, n_out : int
        Number of input features and of units.
    activation : str, default "relu"
        A name from ``nnref.activations.ACTIVATIONS``.
    init : str, default "he"
        A name from ``nnref.init.INITIALISERS``; biases start at zero.
    rng : numpy.random.Generator, int or None
        Source of the initial weights (an int is a seed).
    dtype : float32 or float64, default float64

    Attributes
    ----------
    weights : ndarray, shape (n_out, n_in)
    bias : ndarray, shape (n_out,)
    grad_weights, grad_bias : ndarray, same shapes, set by ``backward``
    cache : LayerCache or None, set by ``forward``

    Examples
    --------
    >>> layer = Dense.from_arrays([[0.8, -0.5, 0.2], [0.3, 0.7, -0.1]], [0.1, -0.2], "relu")
    >>> print(np.round(layer.forward([[1.0, 0.5, -0.3], [0.2, 1.5, 0.7]]), 2))
    [[0.59 0.48]
     [0.   0.84]]
    """

    def __init__(
        self,
        n_in: int,
        n_out: int,
        activation: str = "relu",
        init: str = "he",
        rng: np.random.Generator | int | None = None,
        dtype: DTypeLike = np.float64,
    ) -> None:
        n_in = positive_int(n_in, "n_in")
        n_out = positive_int(n_out, "n_out")
        self.activation_name = activation
        self._activation = get_activation(activation)
        self._derivative = DERIVATIVES.get(activation)
        dtype = float_dtype(dtype)
        self.weights: FloatArray = get_initialiser(init)(n_in, n_out, as_generator(rng), dtype)
        self.bias: FloatArray = np.zeros(n_out, dtype=dtype)
        self.grad_weights: FloatArray = np.zeros_like(self.weights)
        self.grad_bias: FloatArray = np.zeros_like(self.bias)
        self.cache: LayerCache | None = None
        self.training = True

    @classmethod
    def from_arrays(
        cls, weights: ArrayLike, bias: ArrayLike, activation: str, dtype: DTypeLike | None = None
    ) -> Dense:
        """A layer with hand-set weights (copied).

        Parameters
        ----------
        weights : array_like, shape (n_out, n_in)
            A 1-D vector of length n_in is one unit's weights, i.e. shape (1, n_in).
        bias : array_like, shape (n_out,), or a scalar when n_out is 1
        activation : str
        dtype : float dtype, optional
            Defaults to the weights' dtype if floating, else float64.

        Examples
        --------
        >>> out = Dense.from_arrays([0.4, 0.1], -0.5, "sigmoid")
        >>> print(out.weights.shape, out.bias.shape)
        (1, 2) (1,)
        """
        W = as_float_array(weights, "weights")
        dtype = float_dtype(W.dtype if dtype is None else dtype)
        W = np.array(W, dtype=dtype, ndmin=2)
        if W.ndim != 2:
            raise ValueError(f"weights must have shape (n_out, n_in), got shape {W.shape}")
        b = np.array(as_float_array(bias, "bias"), dtype=dtype, ndmin=1)
        if b.shape != (W.shape[0],):
            raise ValueError(
                f"bias must have shape ({W.shape[0]},) to match weights of shape {W.shape} "
                f"(n_out, n_in), got shape {np.shape(bias)}"
            )
        layer = cls(W.shape[1], W.shape[0], activation, init="zeros", dtype=dtype)
        layer.weights, layer.bias = W, b
        return layer

    @property
    def n_in(self) -> int:
        return self.weights.shape[1]

    @property
    def n_out(self) -> int:
        return self.weights.shape[0]

    def __repr__(self) -> str:
        return f"Dense({self.n_in} -> {self.n_out}, {self.activation_name})"

    def forward(self, inputs: ArrayLike) -> FloatArray:
        """Output ``activation(X @ W.T + b)``, shape (batch, n_out), or (n_out,) for one
        sample of shape (n_in,). Keeps ``LayerCache(inputs, z, a)`` in ``self.cache``."""
        X = _as_batch(self, inputs, self.weights.shape[1], self.weights.dtype)
        z = X @ self.weights.T
        z += self.bias
        a = self._activation(z)
        self.cache = LayerCache(X, z, a)
        return a if X is inputs or np.ndim(inputs) != 1 else a[0]

    def _cached(self) -> LayerCache:
        if self.cache is None:
            raise RuntimeError(f"{self}: call forward() before backward()")
        return self.cache

    def backward(self, grad_output: ArrayLike) -> FloatArray:
        """Backpropagate ``dL/da`` (shape (batch, n_out)); returns ``dL/dX``."""
        cache = self._cached()
        g = shape_of_gradient(self, grad_output, cache.a.shape).astype(cache.a.dtype, copy=False)
        if self.activation_name == "softmax":
            grad_z = softmax_backward(cache.a, g)
        elif self._derivative is None:  # pragma: no cover - every other name has one
            raise ValueError(f"{self}: no derivative for {self.activation_name!r}")
        else:
            grad_z = g * self._derivative(cache.z)
        return self.backward_pre_activation(grad_z)

    def backward_pre_activation(self, grad_z: ArrayLike) -> FloatArray:
        """Backpropagate ``dL/dz`` directly (used after a loss computed from logits).

        Sets ``grad_weights = dz.T @ X`` and ``grad_bias = dz.sum(0)``; returns
        ``dL/dX = dz @ W``, shape (batch, n_in).
        """
        cache = self._cached()
        dz = shape_of_gradient(self, grad_z, cache.z.shape).astype(cache.z.dtype, copy=False)
        self.grad_weights = dz.T @ cache.inputs
        self.grad_bias = dz.sum(axis=0)
        return dz @ self.weights

    def parameters(self) -> list[FloatArray]:
        return [self.weights, self.bias]

    def gradients(self) -> list[FloatArray]:
        return [self.grad_weights, self.grad_bias]


class PReLU:
    """Parametric ReLU layer with a learnable slope (He et al. 2015).

    Place it after a ``Dense(..., activation="identity")``.

    Parameters
    ----------
    n_units : int, default 1
        1 for one slope shared by all units, or the number of units (one slope each).
    initial_slope : float, default 0.25 (as in PyTorch)
    dtype : float32 or float64

    Examples
    --------
    >>> layer = PReLU()
    >>> print(layer.forward([[-2.0, 3.0]]))
    [[-0.5  3. ]]
    """

    def __init__(
        self, n_units: int = 1, initial_slope: float = 0.25, dtype: DTypeLike = np.float64
    ) -> None:
        self.slope: FloatArray = np.full(
            positive_int(n_units, "n_units"),
            real_number(initial_slope, "initial_slope"),
            dtype=float_dtype(dtype),
        )
        self.grad_slope: FloatArray = np.zeros_like(self.slope)
        self.cache: LayerCache | None = None
        self.training = True

    def __repr__(self) -> str:
        return f"PReLU({self.slope.size})"

    def forward(self, inputs: ArrayLike) -> FloatArray:
        z = convert(as_float_array(inputs, "inputs"), self.slope.dtype, f"{self}: inputs")
        if self.slope.size > 1 and (z.ndim == 0 or z.shape[-1] != self.slope.size):
            raise ValueError(
                f"{self} expects inputs with {self.slope.size} units in the last "
                f"axis, got shape {z.shape}"
            )
        a = prelu(z, self.slope)
        self.cache = LayerCache(z, z, a)
        return a

    def backward(self, grad_output: ArrayLike) -> FloatArray:
        if self.cache is None:
            raise RuntimeError(f"{self}: call forward() before backward()")
        z = self.cache.z
        g = shape_of_gradient(self, grad_output, z.shape).astype(z.dtype, copy=False)
        per_element = g * prelu_slope_derivative(z)
        if self.slope.size == 1:
            self.grad_slope = np.atleast_1d(per_element.sum())
        else:
            self.grad_slope = per_element.reshape(-1, self.slope.size).sum(axis=0)
        return g * prelu_derivative(z, self.slope)

    def parameters(self) -> list[FloatArray]:
        return [self.slope]

    def gradients(self) -> list[FloatArray]:
        return [self.grad_slope]


class Network:
    """A sequence of layers; the forward pass keeps every layer's ``z`` and ``a``.

    Parameters
    ----------
    layers : sequence of layers (``Dense``, ``PReLU``,
        ``nnref.dropout.Dropout``, ...)

    Examples
    --------
    >>> net = Network([
    ...     Dense.from_arrays([[0.3, -0.1], [0.1, 0.6]], [0.0, 0.0], "relu"),
    ...     Dense.from_arrays([[0.4, 0.1]], [-0.5], "sigmoid"),
    ... ])
    >>> print(np.round(net.forward([[2, 5], [6, 8], [1, 1], [8, 2]]).ravel(), 3))
    [0.465 0.608 0.413 0.641]
    >>> print(np.round(net.caches[0].z[0], 2), f"{net.caches[1].z[0, 0]:.3f}")
    [0.1 3.2] -0.140
    """

    def __init__(self, layers: Iterable[Layer]) -> None:
        self.layers: list[Layer] = list(layers)
        if not self.layers:
            raise ValueError("a Network needs at least one layer")
        dense = [layer for layer in self.layers if isinstance(layer, Dense)]
        for previous, layer in pairwise(dense):
            if previous.n_out != layer.n_in:
                raise ValueError(
                    f"layer sizes do not chain: {previous} outputs {previous.n_out} features "
                    f"but the next dense layer {layer} expects {layer.n_in}"
                )

    @classmethod
    def from_sizes(
        cls,
        sizes: Sequence[int],
        hidden_activation: str = "relu",
        output_activation: str = "identity",
        init: str = "he",
        rng: np.random.Generator | int | None = None,
        dtype: DTypeLike = np.float64,
    ) -> Network:
        """A stack of dense layers, e.g. ``Network.from_sizes([2, 64, 1], output_activation=
        "sigmoid", rng=0)``."""
        if len(sizes) < 2:
            raise ValueError(f"sizes needs at least an input and an output size, got {sizes}")
        generator = as_generator(rng)
        n_layers = len(sizes) - 1
        return cls(
            Dense(
                n_in,
                n_out,
                hidden_activation if i < n_layers - 1 else output_activation,
                init,
                generator,
                dtype,
            )
            for i, (n_in, n_out) in enumerate(pairwise(sizes))
        )

    def __repr__(self) -> str:
        return "Network([" + ", ".join(map(repr, self.layers)) + "])"

    def __len__(self) -> int:
        return len(self.layers)

    def __getitem__(self, index: int) -> Layer:
        return self.layers[index]

    def forward(self, inputs: ArrayLike) -> FloatArray:
        """Run every layer in order; returns the last layer's output.

        Afterwards ``caches`` holds each layer's ``LayerCache(inputs, z, a)``.
        """
        a = inputs
        for layer in self.layers:
            a = layer.forward(a)
        return np.asarray(a)

    __call__ = forward

    @property
    def caches(self) -> list[LayerCache]:
        """Per-layer record of the last forward pass (``z`` and ``a`` of each layer)."""
        return [layer.cache for layer in self.layers if layer.cache is not None]

    def train(self) -> Network:
        """Training mode (dropout active). Returns the network."""
        for layer in self.layers:
            layer.training = True
        return self

    def eval(self) -> Network:
        """Inference mode (dropout off). Returns the network."""
        for layer in self.layers:
            layer.training = False
        return self

    def predict(self, inputs: ArrayLike) -> FloatArray:
        """Forward pass in inference mode (the training/eval mode is restored after)."""
        modes = [layer.training for layer in self.layers]
        self.eval()
        try:
            return self.forward(inputs)
        finally:
            for layer, mode in zip(self.layers, modes, strict=True):
                layer.training = mode

    def classify(self, inputs: ArrayLike, threshold: float = 0.5) -> np.ndarray:
        """Class labels, shape (batch,): ``score > threshold`` for a single output
        (strictly greater, as scikit-learn), else the arg-max over outputs."""
        scores = np.atleast_2d(self.predict(inputs))
        if scores.shape[1] == 1:
            return (scores[:, 0] > threshold).astype(np.int64)
        return np.argmax(scores, axis=1)

    def _output_layer(self) -> Dense:
        layer = self.layers[-1]
        if not isinstance(layer, Dense):
            raise TypeError(f"the last layer must be Dense to compute a loss, got {layer}")
        if layer.cache is None:
            raise RuntimeError("call forward() before loss() or backward()")
        return layer

    def _loss_input(self, loss_name: str) -> FloatArray:
        """The output layer's logits ``z`` for a loss from logits, else its output ``a``."""
        layer = self._output_layer()
        loss = get_loss(loss_name)
        if loss.from_logits is None:
            return layer.cache.a
        if layer.activation_name not in (loss.from_logits, "identity"):
            raise ValueError(
                f"loss {loss.name!r} takes logits and applies {loss.from_logits} itself, but the "
                f"output layer {layer} has activation {layer.activation_name!r}; use "
                f"{loss.from_logits!r} or 'identity' for the output layer"
            )
        return layer.cache.z

    def loss(self, targets: ArrayLike, loss: str = "mse") -> float:
        """The loss of the last forward pass against ``targets``."""
        return get_loss(loss).value(self._loss_input(loss), targets)

    def backward(self, targets: ArrayLike, loss: str = "mse") -> list[FloatArray]:
        """Backpropagate ``loss`` from the last forward pass; returns ``gradients``.

        For a loss from logits (``binary_cross_entropy_with_logits`` after a sigmoid
        output, ``categorical_cross_entropy_with_logits`` after softmax) the output
        layer receives the combined gradient ``dL/dz = (p - y) / batch`` directly, the
        stable route; otherwise ``dL/da`` goes through the activation's derivative.
        """
        layer = self._output_layer()
        spec = get_loss(loss)
        if spec.from_logits is None:
            grad = layer.backward(spec.gradient(layer.cache.a, targets))
        else:
            grad = layer.backward_pre_activation(spec.gradient(self._loss_input(loss), targets))
        for earlier in reversed(self.layers[:-1]):
            grad = earlier.backward(grad)
        return self.gradients()

    def loss_and_gradients(
        self, inputs: ArrayLike, targets: ArrayLike, loss: str = "mse"
    ) -> tuple[float, list[FloatArray]]:
        """Forward pass, loss and backward pass in one call."""
        self.forward(inputs)
        return self.loss(targets, loss), self.backward(targets, loss)

    def parameters(self) -> list[FloatArray]:
        """All parameter arrays (``W1, b1, W2, b2, ...``), the arrays themselves."""
        return [p for layer in self.layers for p in layer.parameters()]

    def gradients(self) -> list[FloatArray]:
        """Gradients from the last ``backward``, in the order of ``parameters``."""
        return [g for layer in self.layers for g in layer.gradients()]

    def count_parameters(self) -> int:
        """Total number of learnable numbers."""
        return sum(p.size for p in self.parameters())


def from_in_out(weights: ArrayLike, bias: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Convert ``(in, out)`` weights (``X @ W + b`` tutorials) to ``(out, in)``.

    Parameters
    ----------
    weights : array_like, shape (n_in, n_out)
    bias : array_like, shape (n_out,) or (1, n_out)

    Returns
    -------
    weights : ndarray, shape (n_out, n_in)
    bias : ndarray, shape (n_out,)

    Examples
    --------
    >>> W, b = from_in_out([[0.8, 0.3], [-0.5, 0.7], [0.2, -0.1]], [[0.1, -0.2]])
    >>> print(W.shape, b.shape)
    (2, 3) (2,)
    """
    W = np.asarray(as_float_array(weights, "weights"))
    if W.ndim != 2:
        raise ValueError(f"weights must have shape (n_in, n_out), got shape {W.shape}")
    b = np.asarray(as_float_array(bias, "bias"), dtype=W.dtype)
    if b.size != W.shape[1] or b.ndim > 2:
        raise ValueError(
            f"bias must have shape ({W.shape[1]},) or (1, {W.shape[1]}) for weights "
            f"of shape {W.shape} (n_in, n_out), got shape {b.shape}"
        )
    return W.T.copy(), b.reshape(-1).copy()


def to_in_out(weights: ArrayLike, bias: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Inverse of ``from_in_out``: ``(out, in)`` to ``(in, out)``; bias stays (n_out,)."""
    W = np.asarray(as_float_array(weights, "weights"))
    if W.ndim != 2:
        raise ValueError(f"weights must have shape (n_out, n_in), got shape {W.shape}")
    b = np.asarray(as_float_array(bias, "bias"), dtype=W.dtype).reshape(-1)
    if b.shape != (W.shape[0],):
        raise ValueError(f"bias must have shape ({W.shape[0]},), got shape {np.shape(bias)}")
    return W.T.copy(), b.copy()


def from_column_major(weights: ArrayLike, bias: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Convert column-major parameters (``W @ X + b``, ``b`` of shape (n_out, 1)).

    The weights already have shape (n_out, n_in); only the bias column becomes a vector.

    Examples
    --------
    >>> W, b = from_column_major([[0.8, -0.5, 0.2], [0.3, 0.7, -0.1]], [[0.1], [-0.2]])
    >>> print(W.shape, b)
    (2, 3) [ 0.1 -0.2]
    """
    W = np.asarray(as_float_array(weights, "weights"))
    if W.ndim != 2:
        raise ValueError(f"weights must have shape (n_out, n_in), got shape {W.shape}")
    b = np.asarray(as_float_array(bias, "bias"), dtype=W.dtype)
    if b.shape not in ((W.shape[0], 1), (W.shape[0],)):
        raise ValueError(
            f"bias must have shape ({W.shape[0]}, 1) for weights of shape "
            f"{W.shape} (n_out, n_in), got shape {b.shape}"
        )
    return W.copy(), b.reshape(-1).copy()


def to_column_major(weights: ArrayLike, bias: ArrayLike) -> tuple[FloatArray, FloatArray]:
    """Inverse of ``from_column_major``: bias (n_out,) becomes a column (n_out, 1)."""
    W, b = to_in_out(weights, bias)
    return W.T.copy(), b.reshape(-1, 1)
