"""Networks built by hand, not trained: the constructions lesson 10 derives.

Lesson 10 builds each of these in the open first; the functions here package them so that
later scripts and figures call one tested copy.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from nnref._validation import FloatArray, positive_int, real_number
from nnref.layers import Dense, Network


def interpolation_network(
    f: Callable[[FloatArray], ArrayLike], low: float, high: float, width: int
) -> Network:
    """One hidden ReLU layer that joins ``width + 1`` equally spaced points of ``f``.

    Hidden unit ``k`` is ``relu(x - x_k)``; the output weights are the first segment's
    slope and then the change of slope at each knot, so the network is the
    piecewise-linear interpolation of ``f`` on ``[low, high]`` (and continues its end
    segments in straight lines outside it).

    Parameters
    ----------
    f : callable
        Maps an array of knots, shape ``(width + 1,)``, to the values to join.
    low, high : float
        The interval, finite, with ``low < high``.
    width : int
        Number of hidden units (straight segments).

    Returns
    -------
    Network
        Input shape ``(batch, 1)``, output shape ``(batch, 1)``.

    Examples
    --------
    >>> network = interpolation_network(np.sin, 0.0, np.pi, 4)
    >>> print(np.round(network.forward([[0.0], [np.pi / 2]])[:, 0], 3))
    [0. 1.]
    """
    width = positive_int(width, "width")
    low, high = real_number(low, "low"), real_number(high, "high")
    if not low < high:
        raise ValueError(f"low ({low}) must be below high ({high}): the interval is [low, high]")
    knots = np.linspace(low, high, width + 1)
    values = np.asarray(f(knots), dtype=np.float64)
    if values.shape != knots.shape:
        raise ValueError(
            f"f must return one value per knot, shape {knots.shape}; got shape {values.shape}"
        )
    slopes = np.diff(values) / np.diff(knots)
    return Network(
        [
            Dense.from_arrays(np.ones((width, 1)), -knots[:-1], "relu"),
            Dense.from_arrays(
                np.concatenate([[slopes[0]], np.diff(slopes)]), values[0], "identity"
            ),
        ]
    )


def sawtooth_network(depth: int) -> Network:
    """``depth`` hidden layers of 2 ReLU units, each applying the tent map once.

    The tent map on ``[0, 1]`` is ``T(x) = 2 relu(x) - 4 relu(x - 0.5)``; composed
    ``depth`` times it is a sawtooth with ``2**depth`` straight pieces, from
    ``6 * depth + 1`` parameters.

    Examples
    --------
    >>> network = sawtooth_network(2)
    >>> print(network.forward([[0.0], [0.25], [0.5], [0.75], [1.0]])[:, 0])
    [0. 1. 0. 1. 0.]
    """
    depth = positive_int(depth, "depth")
    layers = [Dense.from_arrays([[1.0], [1.0]], [0.0, -0.5], "relu")]
    for _ in range(depth - 1):
        # The next pair of units receives T(previous) = 2 a_1 - 4 a_2 directly.
        layers.append(Dense.from_arrays([[2.0, -4.0], [2.0, -4.0]], [0.0, -0.5], "relu"))
    layers.append(Dense.from_arrays([[2.0, -4.0]], [0.0], "identity"))
    return Network(layers)
