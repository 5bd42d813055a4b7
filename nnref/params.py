"""Counting parameters and summarising a network."""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from itertools import pairwise

from nnref.layers import Dense, Network


def dense_parameters(n_in: int, n_out: int) -> int:
    """Parameters of a dense layer: ``n_in * n_out`` weights plus ``n_out`` biases.

    Raises
    ------
    ValueError
        If a size is not a positive integer.

    Examples
    --------
    >>> print(f"{dense_parameters(784, 256):,}")
    200,960
    """
    for name, size in (("n_in", n_in), ("n_out", n_out)):
        if isinstance(size, bool) or not isinstance(size, numbers.Integral):
            raise TypeError(f"dense dimensions must be integers, got {name}={size!r}")
    if n_in < 1 or n_out < 1:
        raise ValueError(f"dense dimensions must be positive, got n_in={n_in}, n_out={n_out}")
    return int(n_in) * int(n_out) + int(n_out)


def _check_sizes(sizes: Sequence[int]) -> list[int]:
    sizes = list(sizes)
    if len(sizes) < 2:
        raise ValueError(f"layer sizes need an input and at least one layer, got {sizes}")
    return sizes


def count_parameters(sizes: Sequence[int] | Network) -> int:
    """Total parameters of a stack of dense layers ``[n_in, hidden..., n_out]``.

    Examples
    --------
    >>> print(f"{count_parameters([784, 256, 128, 10]):,}")
    235,146
    >>> print([count_parameters(s) for s in ([2, 32, 1], [2, 4, 4, 4, 4, 1], [2, 8, 8, 1])])
    [129, 77, 105]
    """
    if isinstance(sizes, Network):
        return sizes.count_parameters()
    sizes = _check_sizes(sizes)
    return sum(dense_parameters(a, b) for a, b in pairwise(sizes))


def summary(network_or_sizes: Network | Sequence[int]) -> str:
    """A readable table: layer, weight shape ``(out, in)``, activation, parameters, total.

    Examples
    --------
    >>> print(summary([784, 256, 128, 10]))
    Layer  Weights (out, in)  Activation  Parameters
    1      (256, 784)         -              200,960
    2      (128, 256)         -               32,896
    3      (10, 128)          -                1,290
    Total                                    235,146
    """
    rows: list[tuple[str, str, str, int]] = []
    if isinstance(network_or_sizes, Network):
        for i, layer in enumerate(network_or_sizes.layers, start=1):
            n_params = sum(p.size for p in layer.parameters())
            if isinstance(layer, Dense):
                rows.append((str(i), str(layer.weights.shape), layer.activation_name, n_params))
            else:
                rows.append((str(i), "-", repr(layer), n_params))
    else:
        sizes = _check_sizes(network_or_sizes)
        for i, (n_in, n_out) in enumerate(pairwise(sizes), start=1):
            rows.append((str(i), f"({n_out}, {n_in})", "-", dense_parameters(n_in, n_out)))
    total = sum(row[3] for row in rows)
    header = ("Layer", "Weights (out, in)", "Activation", "Parameters")
    table = [header, *[(a, b, c, f"{n:,}") for a, b, c, n in rows], ("Total", "", "", f"{total:,}")]
    widths = [max(len(row[k]) for row in table) for k in range(4)]
    lines = [
        "  ".join(
            [
                row[0].ljust(widths[0]),
                row[1].ljust(widths[1]),
                row[2].ljust(widths[2]),
                row[3].rjust(widths[3]),
            ]
        ).rstrip()
        for row in table
    ]
    return "\n".join(lines)
