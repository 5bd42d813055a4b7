"""Interactive figures: which there are, and the settings a page may give them.

A page places one with a ``widget`` fence: the widget's name, then ``key: value`` lines::

    ```widget
    neuron-playground
    inputs: 6, 8
    weights: 0.7, 0.3
    bias: -4
    activation: sigmoid
    ```

The site draws it with ``docs/assets/javascripts/widgets.js``, which computes with the same
formulas as ``nnref`` (the browser suite checks it against ``nnref`` at many settings).
The page keeps its static figure and its verified output: a widget adds to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class WidgetError(ValueError):
    """A widget fence that names no widget, or gives a setting it does not have."""


def _numbers(count: int, most: int | None = None) -> Any:
    """``count`` numbers, comma-separated (or from ``count`` to ``most``)."""
    def parse(text: str) -> list[float]:
        values = [float(part) for part in text.split(",")]
        if not count <= len(values) <= (most or count):
            wanted = f"{count} to {most}" if most else f"{count}"
            raise ValueError(f"expected {wanted} number(s), got {len(values)}")
        return values
    return parse


def _choice(*allowed: str) -> Any:
    def parse(text: str) -> str:
        if text not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}")
        return text
    return parse


def _number(text: str) -> float:
    return float(text)


def _matrix(text: str) -> list[list[float]]:
    """Rows separated by ``;``, numbers by spaces or commas: ``1 0.5; 0.2 1.5``."""
    rows = [[float(v) for v in row.replace(",", " ").split()] for row in text.split(";")]
    if not rows or any(len(row) != len(rows[0]) or not row for row in rows):
        raise ValueError("expected rows of equal length, separated by ';'")
    return rows


@dataclass(frozen=True)
class Widget:
    name: str
    settings: dict[str, Any]  # setting -> parser
    defaults: dict[str, Any]


WIDGETS = {
    "neuron-playground": Widget(
        "neuron-playground",
        {"inputs": _numbers(2), "weights": _numbers(2), "bias": _number,
         "activation": _choice("sigmoid", "relu", "tanh", "step")},
        {"inputs": [6.0, 8.0], "weights": [0.7, 0.3], "bias": -4.0, "activation": "sigmoid"},
    ),
    "matrix-product": Widget(
        "matrix-product",
        {"X": _matrix, "W": _matrix, "b": _numbers(1, 8)},
        {"X": [[1.0, 0.5, -0.3], [0.2, 1.5, 0.7], [-0.5, 0.8, 1.2], [0.9, -0.2, 0.4]],
         "W": [[0.8, -0.5, 0.2], [0.3, 0.7, -0.1]], "b": [0.1, -0.2]},
    ),
    "descent-bowl": Widget(
        "descent-bowl",
        {"curvature": _numbers(2), "start": _numbers(2), "steps": _number,
         "optimiser": _choice("gradient descent", "momentum", "adam"),
         "lr": _number, "beta": _number},
        {"curvature": [1.0, 100.0], "start": [-4.0, 2.0], "steps": 100.0,
         "optimiser": "momentum", "lr": 0.0178, "beta": 0.9},
    ),
    "training-frames": Widget(
        "training-frames",
        {"sizes": _numbers(2, 8), "lr": _number, "epochs": _numbers(2, 16), "grid": _number},
        {"sizes": [2.0, 32.0, 32.0, 32.0, 1.0], "lr": 0.01,
         "epochs": [0.0, 25.0, 50.0, 100.0, 200.0, 300.0, 400.0, 600.0, 800.0, 1000.0],
         "grid": 40.0},
    ),
    "softmax-temperature": Widget(
        "softmax-temperature",
        {"logits": _numbers(2, 6), "temperature": _number},
        {"logits": [2.0, 1.0, 0.1, -0.5, 3.5], "temperature": 1.0},
    ),
}


# The learning rates the descent widget offers: written numbers, so that the browser's
# doubles are Python's (a slider over 10**x would depend on two pow() implementations).
LEARNING_RATES = ["0.0001", "0.0003", "0.001", "0.003", "0.01", "0.0178", "0.03", "0.1",
                  "0.3", "1.0", "3.0"]
ADAM_BETAS = (0.9, 0.999)  # nnref.Adam's defaults, which the widget uses


SPIRALS = {"n_samples": 500, "noise": 0.1, "rng": 0}  # lesson 14's data set
EXTENT = 1.4  # the decision grid covers [-1.4, 1.4] in both inputs


def training_frames(settings: dict) -> dict:
    """Lesson 14's spirals network trained with nnref (Adam, full batch, seeded), and at
    each epoch listed: the training loss and accuracy, and the class of every point of a
    grid over the plane. One continuous training run, paused at each listed epoch."""
    import numpy as np

    from nnref import Adam, Network, binary_cross_entropy, spirals, train

    X, y = spirals(SPIRALS["n_samples"], noise=SPIRALS["noise"], rng=SPIRALS["rng"])
    network = Network.from_sizes([int(n) for n in settings["sizes"]],
                                 output_activation="sigmoid", rng=0)
    optimiser, shuffle = Adam(lr=settings["lr"]), np.random.default_rng(0)
    side = int(settings["grid"])
    axis = np.linspace(-EXTENT, EXTENT, side)
    grid = np.column_stack([g.ravel() for g in np.meshgrid(axis, axis[::-1])])
    frames, done = [], 0
    for epoch in (int(e) for e in settings["epochs"]):
        if epoch > done:
            train(network, X, y, "binary_cross_entropy_with_logits", optimiser,
                  epochs=epoch - done, batch_size=len(X), rng=shuffle)
            done = epoch
        frames.append({
            "epoch": epoch,
            "loss": float(binary_cross_entropy(network.predict(X), y.reshape(-1, 1))),
            "accuracy": float(np.mean(network.classify(X) == y)),
            "classes": "".join(map(str, network.classify(grid))),
        })
    points = [[round(float(a), 3), round(float(b), 3), int(c)]
              for (a, b), c in zip(X, y, strict=True)]
    return {"frames": frames, "points": points, "extent": EXTENT}


def computed(name: str, settings: dict) -> dict:
    """What a widget needs that Python computes for it: for the descent widget, Adam's
    bias corrections ``1 - beta**t``, step by step, exactly as nnref.Adam computes them;
    for the training widget, the training run's frames (cached: they take seconds)."""
    if name == "training-frames":
        return _cached_frames(settings)
    if name != "descent-bowl":
        return {}
    steps = int(settings["steps"])
    b1, b2 = ADAM_BETAS
    return {
        "learning_rates": LEARNING_RATES,
        "adam": {"beta1": b1, "beta2": b2, "eps": 1e-8,
                 "corrections": [[1.0 - b1**t, 1.0 - b2**t] for t in range(1, steps + 1)]},
    }


def _cached_frames(settings: dict) -> dict:
    import json
    from pathlib import Path

    from coursekit.cache import CACHE, Stamp, digest
    from coursekit.project import ROOT

    key = digest(json.dumps(settings, sort_keys=True), Path(__file__),
                 *sorted((ROOT / "nnref").rglob("*.py")))
    target = CACHE / "widgets" / f"training-frames-{key[:16]}.json"
    stamp = Stamp(target.with_suffix(".key"), key)
    if not stamp.fresh(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(training_frames(settings)))
        stamp.mark()
    return json.loads(target.read_text())


def parse_widget(content: str, first_line: int = 1, where: str = "page") -> tuple[str, dict]:
    """The widget a fence names and its settings (defaults filled in); a fault raises
    :class:`WidgetError` naming ``where`` and the page line.

    >>> parse_widget("neuron-playground\\nbias: -6\\n")[1]["bias"]
    -6.0
    """
    lines = content.split("\n")
    name = lines[0].strip()
    if name not in WIDGETS:
        raise WidgetError(f"{where}:{first_line}: no widget called {name!r} (there are: "
                          f"{', '.join(sorted(WIDGETS))})")
    widget = WIDGETS[name]
    settings = dict(widget.defaults)
    for offset, line in enumerate(lines[1:], start=1):
        if not line.strip():
            continue
        key, _, value = line.partition(":")
        key = key.strip()
        if key not in widget.settings:
            raise WidgetError(f"{where}:{first_line + offset}: {name} has no setting {key!r} "
                              f"(it has: {', '.join(widget.settings)})")
        try:
            settings[key] = widget.settings[key](value.strip())
        except ValueError as error:
            raise WidgetError(f"{where}:{first_line + offset}: {key}: {error}") from None
    if name == "matrix-product":
        x, w, b = settings["X"], settings["W"], settings["b"]
        if len(x[0]) != len(w[0]) or len(b) != len(w):
            raise WidgetError(
                f"{where}:{first_line}: X @ W.T + b needs X (batch, n_in), W (n_out, n_in) "
                f"and b (n_out,): got X with {len(x[0])} columns, W of shape "
                f"({len(w)}, {len(w[0])}), b with {len(b)} entries")
    return name, settings
