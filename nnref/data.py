"""Small data sets that ship with the code, generated deterministically."""


from __future__ import annotations

import numpy as np

from nnref._validation import FloatArray, as_generator, positive_int, real_number

#: Feature names of ``delivery_orders``, both on a 0-10 scale.
DELIVERY_FEATURES = ("route disruption", "warehouse backlog")


def xor() -> tuple[FloatArray, np.ndarray]:
    """The four XOR points.

    Returns
    -------
    X : ndarray, shape (4, 2), float64
        ``[0, 0], [0, 1], [1, 0], [1, 1]``.
    y : ndarray, shape (4,), int64
        ``[0, 1, 1, 0]``.

    Examples
    --------
    >>> X, y = xor()
    >>> print(X.shape, y)
    (4, 2) [0 1 1 0]
    """
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([0, 1, 1, 0], dtype=np.int64)
    return X, y


def delivery_orders() -> FloatArray:
    """The course's batch of four delivery orders, shape (4, 2).

    Columns are ``DELIVERY_FEATURES`` (route disruption, warehouse backlog).

    Examples
    --------
    >>> print(delivery_orders())
    [[2. 5.]
     [6. 8.]
     [1. 1.]
     [8. 2.]]
    """
    return np.array([[2.0, 5.0], [6.0, 8.0], [1.0, 1.0], [8.0, 2.0]])


def delay_risk_orders() -> tuple[list[str], FloatArray]:
    """The three orders of the delay-risk report: ids and features, shape (3, 3).

    Examples
    --------
    >>> ids, X = delay_risk_orders()
    >>> print(ids, X[1])
    ['A-104', 'B-208', 'C-311'] [8. 7. 9.]
    """
    ids = ["A-104", "B-208", "C-311"]
    X = np.array([[2.0, 3.0, 1.0], [8.0, 7.0, 9.0], [5.0, 9.0, 4.0]])
    return ids, X


def spirals(
    n_points: int = 500,
    noise: float = 0.1,
    rng: np.random.Generator | int | None = 0,
    n_arms: int = 2,
    turns: float = 1.5,
) -> tuple[FloatArray, np.ndarray]:
    """Interleaved spirals, one class per arm.

    Arm ``k`` has points at radius ``r`` in ``[0.05, 1]`` (evenly spaced) and angle
    ``2 pi (turns * r + k / n_arms)``; Gaussian noise of standard deviation ``noise``
    is added to both coordinates. Points are split between the arms as evenly as
    possible and listed arm by arm.

    Parameters
    ----------
    n_points : int, default 500
        Total number of points.
    noise : float >= 0, default 0.1
    rng : numpy.random.Generator, int seed or None, default 0
        The same seed gives the same data.
    n_arms : int >= 2, default 2
    turns : float > 0, default 1.5
        How many times each arm winds around the centre.

    Returns
    -------
    X : ndarray, shape (n_points, 2), float64
        Coordinates, roughly within ``[-1, 1]``.
    y : ndarray, shape (n_points,), int64
        Arm index ``0 .. n_arms - 1``.

    Examples
    --------
    >>> X, y = spirals(500, noise=0.1, rng=0)
    >>> print(X.shape, np.bincount(y))
    (500, 2) [250 250]
    """
    n_points = positive_int(n_points, "n_points")
    n_arms = positive_int(n_arms, "n_arms")
    if n_arms < 2:
        raise ValueError(f"n_arms must be at least 2, got {n_arms}")
    if n_points < n_arms:
        raise ValueError(f"n_points ({n_points}) must be at least n_arms ({n_arms})")
    noise = real_number(noise, "noise", low=0.0)
    turns = real_number(turns, "turns", low=0.0, low_inclusive=False)
    generator = as_generator(rng)
    counts = [n_points // n_arms + (k < n_points % n_arms) for k in range(n_arms)]
    y = np.repeat(np.arange(n_arms), counts)
    radius = np.concatenate([np.linspace(0.05, 1.0, count) for count in counts])
    angle = 2.0 * np.pi * (turns * radius + y / n_arms)
    X = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    X += noise * generator.standard_normal(X.shape)
    return X, y.astype(np.int64)
