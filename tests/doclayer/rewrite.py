"""Rewriting output fences for ``--update-outputs``: whole files, all or nothing.

The run records an edit for each output fence to insert, replace or delete (with the page
text it was computed from); after the run the main process applies them here. Each file is
rewritten whole and keeps its own line endings. Every file's new text is written to a
temporary file next to it first; only then are the files replaced, with Ctrl-C held back
until the last one is in place, so an interruption leaves either no page or every page
rewritten. A file that changed on disk since the run read it is left alone and reported.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # what Python's universal newlines split on
_BACKTICKS = re.compile(r"`+")


@dataclass
class RewriteResult:
    rewritten: list[str] = field(default_factory=list)  # "path:line: kind", one per edit
    not_rewritten: list[str] = field(default_factory=list)  # "path: why", one per file
    unwritten_edits: int = 0  # fences whose edit was not written
    interrupted: bool = False  # Ctrl-C arrived while the files were being written


def fence_lines(indent: str, text: str, language: str = "output") -> list[str]:
    """An ``output`` (or ``trace``) fence holding ``text``, its marker longer than any run of
    backticks in the text, so that no line of the text can close it."""
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    marker = "`" * max(3, longest + 1)
    body = [indent + line if line else "" for line in text.rstrip("\n").split("\n")]
    return [f"{indent}{marker}{language}", *body, f"{indent}{marker}"]


def _split(text: str) -> tuple[list[str], list[str]]:
    """Lines as the page model counts them, and the line break after each ("" after the
    last)."""
    return _LINE_BREAK.split(text), [*_LINE_BREAK.findall(text), ""]


def _splice(
    lines: list[str], breaks: list[str], start: int, stop: int, new: list[str], newline: str
) -> None:
    """``lines[start:stop] = new``, giving new lines the page's line break and keeping
    whether the page ends with one."""
    if stop > start:
        new_breaks = [newline] * len(new)
        if new:
            new_breaks[-1] = breaks[stop - 1]
        elif stop == len(lines) and start > 0:
            breaks[start - 1] = breaks[stop - 1]  # deleted through the end
    else:
        new_breaks = [newline] * len(new)
        if start == len(lines) and new:  # appended after the last line
            breaks[start - 1], new_breaks[-1] = newline, ""
    lines[start:stop] = new
    breaks[start:stop] = new_breaks


def edited_text(text: str, edits: list[dict[str, Any]]) -> str:
    """``text`` with ``edits`` applied (bottom-up), in the page's own line breaks."""
    lines, breaks = _split(text)
    counts = Counter(b for b in breaks if b)
    newline = counts.most_common(1)[0][0] if counts else "\n"
    for edit in sorted(edits, key=lambda e: (e["opening_line"], e.get("column", 0)),
                       reverse=True):
        first, last = edit["opening_line"] - 1, edit["closing_line"]
        if edit["kind"] == "number":  # a number in prose, math, a quiz or a directive
            line, column, old = lines[first], edit["column"], edit["old"]
            if line[column : column + len(old)] != old:
                raise LookupError(f"line {first + 1} no longer has {old} at column {column + 1}")
            lines[first] = line[:column] + edit["text"] + line[column + len(old) :]
            continue
        fence = fence_lines(edit["indent"], edit["text"], edit.get("language", "output"))
        if edit["kind"] == "replace":
            _splice(lines, breaks, first, last, fence, newline)
        elif edit["kind"] == "insert":
            _splice(lines, breaks, last, last, ["", *fence], newline)
        else:  # delete, with the blank line above it
            blank_above = first > 0 and not lines[first - 1].strip()
            _splice(lines, breaks, first - blank_above, last, [], newline)
    return "".join(line + end for line, end in zip(lines, breaks, strict=True))


@contextmanager
def _sigint_deferred() -> Iterator[list[int]]:
    """Hold Ctrl-C back for the duration; the list says whether one arrived."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield received
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


@dataclass
class _Prepared:
    path: Path
    temporary: Path
    original: bytes
    edits: list[dict[str, Any]]


def _prepare(path: Path, edits: list[dict[str, Any]]) -> _Prepared:
    """Read the page, check it is what the run saw, write its new text to a temporary
    file beside it. Raises ``LookupError`` if it changed since the run read it."""
    original = path.read_bytes()
    text = original.decode("utf8")
    as_read = (text, _LINE_BREAK.sub("\n", text))  # as read: bytes, or universal newlines
    if any(edit["page_text"] not in as_read for edit in edits):
        raise LookupError("changed on disk during the run")
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".doclayer-tmp",
                                    dir=path.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(edited_text(text, edits).encode("utf8"))
            stream.flush()
            os.fsync(stream.fileno())
        shutil.copymode(path, temporary)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return _Prepared(path, temporary, original, edits)


def apply_edits(edits: list[dict[str, Any]]) -> RewriteResult:
    """Rewrite the output fences of every page edited, all pages or none."""
    result = RewriteResult()
    by_path: dict[str, list[dict[str, Any]]] = {}
    for edit in edits:
        by_path.setdefault(edit["path"], []).append(edit)

    def not_rewritten(path: str | Path, why: str, file_edits: list[dict[str, Any]]) -> None:
        result.not_rewritten.append(
            f"{path}: {why}; its {len(file_edits)} output fence edit(s) were not written")
        result.unwritten_edits += len(file_edits)

    prepared: list[_Prepared] = []
    replaced = 0
    try:
        for path, file_edits in by_path.items():
            try:
                prepared.append(_prepare(Path(path), file_edits))
            except LookupError as error:
                not_rewritten(path, f"{error} (another writer?)", file_edits)
            except (OSError, UnicodeDecodeError) as error:
                not_rewritten(path, f"could not be rewritten: {error}", file_edits)
        with _sigint_deferred() as received:
            for ready in prepared:
                replaced += 1
                _replace(ready, result, not_rewritten)
    except KeyboardInterrupt:  # before any page was replaced: write none
        assert replaced == 0
        for ready in prepared:
            ready.temporary.unlink(missing_ok=True)
        return RewriteResult(
            not_rewritten=[f"{path}: not rewritten (interrupted before writing)"
                           for path in by_path],
            unwritten_edits=len(edits), interrupted=True)
    result.interrupted = bool(received)
    return result


def _replace(ready: _Prepared, result: RewriteResult, not_rewritten: Any) -> None:
    try:
        if ready.path.read_bytes() != ready.original:  # a writer got there meanwhile
            raise LookupError("changed on disk while the pages were being written")
        os.replace(ready.temporary, ready.path)
    except (LookupError, OSError) as error:
        with suppress(OSError):
            ready.temporary.unlink(missing_ok=True)
        why = (f"{error} (another writer?)" if isinstance(error, LookupError)
               else f"could not be rewritten: {error}")
        not_rewritten(ready.path, why, ready.edits)
        return
    for edit in sorted(ready.edits, key=lambda e: e["opening_line"], reverse=True):
        result.rewritten.append(f"{ready.path}:{edit['opening_line']}: {edit['kind']}")
