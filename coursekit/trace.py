"""Traced listings: what each line of a fence assigned, recorded by running it.

A fence marked ``trace`` (```` ```python trace ````) is run under :func:`sys.settrace`;
after each of its lines runs, the names that line bound or rebound in the namespace are
recorded with their values: numbers as Python prints them, arrays with their shape and
dtype and their values summarised the way NumPy prints them. A line run more than once (a
loop) shows its first few runs and how many more there were. The result is plain text,
one entry per line of the fence::

    4 | z = 2.6
    5 | score = 0.9309

It is kept on the page in a ``trace`` fence under the code (and its output), checked by
the doc-test layer like an ``output`` fence and refreshed by ``--update-outputs``; the
site shows it beside the listing.
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

import numpy as np

SHOWN_RUNS = 3  # a loop's first runs shown; the rest are counted
PRECISION = 4  # significant digits of floats in a trace


@dataclass
class _Line:
    runs: list[list[str]] = field(default_factory=list)  # per run: "name = value" items


def parse(text: str) -> list[tuple[int, str]]:
    r"""A recorded trace's entries as (listing line, what it bound).

    >>> parse("3 | x = 1\n6 | run 1: i = 0\n")
    [(3, 'x = 1'), (6, 'run 1: i = 0')]
    """
    entries = []
    for line in text.splitlines():
        number, _, entry = line.partition(" | ")
        if number.strip().isdigit():
            entries.append((int(number), entry))
    return entries


def describe(value: Any) -> str | None:
    """A value as a trace shows it, or None for what a trace leaves out (modules,
    functions, classes).

    >>> describe(2.6000000000000005), describe(-4.0)
    ('2.6', '-4.0')
    >>> describe(np.array([[0.25, 1.0], [2.5, -3.0]]))
    'array (2, 2) float64 [[ 0.25 1. ] [ 2.5 -3. ]]'
    >>> describe(np.float64(0.9309340)), describe(3), describe("ok"), describe(print)
    ('0.9309', '3', "'ok'", None)
    """
    if callable(value) or isinstance(value, type) or type(value).__name__ == "module":
        return None
    if isinstance(value, np.ndarray):
        body = np.array2string(value, precision=PRECISION, threshold=12, edgeitems=2,
                               max_line_width=10_000)
        return f"array {tuple(value.shape)} {value.dtype} {' '.join(body.split())}"
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        text = f"{float(value):.{PRECISION}g}"
        return text if any(c in text for c in ".einfa") else text + ".0"
    if isinstance(value, str):
        return repr(value) if len(value) <= 40 else repr(value[:37] + "...")
    if isinstance(value, list | tuple):
        items = [describe(v) for v in value[:6]]
        if any(item is None for item in items):
            return None
        more = ", ..." if len(value) > 6 else ""
        opening, closing = ("[", "]") if isinstance(value, list) else ("(", ")")
        return f"{opening}{', '.join(items)}{more}{closing}"  # type: ignore[arg-type]
    return type(value).__name__


def bound_names(source: str) -> tuple[dict[int, list[str]], set[int]]:
    r"""The names each line's statements bind, in order, and the lines of ``for`` loops.

    >>> bound_names("a, b = 1, 2\nfor i in range(3):\n    a += i\n")
    ({1: ['a', 'b'], 2: ['i'], 3: ['a']}, {2})
    """
    names: dict[int, list[str]] = {}
    loops = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            bound = names.setdefault(node.lineno, [])
            if node.id not in bound:
                bound.append(node.id)
        elif isinstance(node, ast.For | ast.AsyncFor):
            loops.add(node.lineno)
    return {line: sorted(found, key=lambda n: source.split("\n")[line - 1].find(n))
            for line, found in sorted(names.items())}, loops


def statement_lines(source: str) -> dict[int, int]:
    r"""For each line, the first line of the statement it belongs to (a compound statement's
    header only: the statements in its body are their own).

    >>> statement_lines("x = [1,\n     2]\nfor i in x:\n    y = i\n")
    {1: 1, 2: 1, 3: 3, 4: 4}
    """
    owner: dict[int, int] = {}
    for node in ast.walk(ast.parse(source)):  # outer statements first, inner ones override
        if not isinstance(node, ast.stmt):
            continue
        body = getattr(node, "body", None)
        last = (body[0].lineno - 1) if isinstance(body, list) and body and isinstance(
            body[0], ast.stmt) else (node.end_lineno or node.lineno)
        for line in range(node.lineno, max(last, node.lineno) + 1):
            owner[line] = node.lineno
    return dict(sorted(owner.items()))


class Tracer:
    """Runs code compiled from ``source`` (as ``filename``) and records, after each run of
    each top-level line, the values of the names that line binds."""

    def __init__(self, source: str, filename: str, namespace: dict[str, Any]) -> None:
        self.source = source
        self.filename = filename
        self.namespace = namespace
        self.bound, self.loops = bound_names(source)
        self.statements = statement_lines(source)
        self.lines: dict[int, _Line] = {}
        self._current: int | None = None
        self._before: dict[str, int] = {}

    def _finish_line(self) -> None:
        line, self._current = self._current, None
        if line is None or line not in self.bound:
            return
        values = [(name, self.namespace.get(name)) for name in self.bound[line]
                  if name in self.namespace]
        if line in self.loops and all(self._before.get(n) == id(v) for n, v in values):
            return  # the loop's last test: the iterator was exhausted, nothing was bound
        shown = [f"{name} = {text}" for name, value in values
                 if (text := describe(value)) is not None]
        self.lines.setdefault(line, _Line()).runs.append(shown)

    def _trace(self, frame: FrameType, event: str, arg: Any) -> Any:
        if frame.f_code.co_filename != self.filename or frame.f_code.co_name != "<module>":
            return None  # only the fence's own top-level lines, not the functions it calls
        if event == "line":
            statement = self.statements.get(frame.f_lineno, frame.f_lineno)
            if statement == self._current:
                return self._trace  # the same statement, on its next physical line
            self._finish_line()
            self._current = statement
            self._before = {name: id(self.namespace.get(name))
                            for name in self.bound.get(statement, ())}
        elif event == "return":
            self._finish_line()
        return self._trace

    def run(self) -> None:
        code = compile(self.source, self.filename, "exec", dont_inherit=True)
        previous = sys.gettrace()
        sys.settrace(self._trace)
        try:
            exec(code, self.namespace)
        finally:
            sys.settrace(previous)
            self._finish_line()

    def text(self) -> str:
        """The trace: an entry per run of a line that bound something, numbered as the
        listing's lines (includes expanded, as the site shows them)."""
        out = []
        for number in sorted(self.lines):
            runs = self.lines[number].runs
            if len(runs) == 1:
                if runs[0]:
                    out.append(f"{number} | {'; '.join(runs[0])}")
                continue
            for index, run in enumerate(runs[:SHOWN_RUNS], start=1):
                if run:
                    out.append(f"{number} | run {index}: {'; '.join(run)}")
            if len(runs) > SHOWN_RUNS:
                more = len(runs) - SHOWN_RUNS
                out.append(f"{number} | ... {more} more run{'s' if more > 1 else ''}")
        return "\n".join(out) + ("\n" if out else "")
