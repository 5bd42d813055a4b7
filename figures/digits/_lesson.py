"""The lesson's data, network and test predictions for its figures, computed by the page's
own code: ``snippets/digits/end_to_end.py`` run up to its comparison with scikit-learn, so
that a figure shows what the page prints and the code lives in one place."""

from __future__ import annotations

import contextlib
import io
from functools import cache
from pathlib import Path
from typing import Any

SNIPPET = Path(__file__).resolve().parents[2] / "snippets" / "digits" / "end_to_end.py"
STOP = "# --8<-- [start:compare]"  # what follows fits scikit-learn's models and times them


@cache  # run once per figure, for both palettes
def lesson() -> dict[str, Any]:
    """The names the page's code defines: ``digits``, ``X_test``, ``y_test``, ``test_rows``,
    ``network``, ``history``, ``predicted``, ``confusion``, ..."""
    text = SNIPPET.read_text(encoding="utf8")
    if STOP not in text:
        raise ValueError(f"{SNIPPET} has no line {STOP!r}: where should the figures stop?")
    names: dict[str, Any] = {"__name__": "end_to_end"}
    with contextlib.redirect_stdout(io.StringIO()):  # what it prints, the page shows
        exec(compile(text.split(STOP, 1)[0], SNIPPET, "exec"), names)
    return names
