"""Evaluation: a page's python fences run in order, once each, in one shared namespace.

A page reads like a notebook: what one fence defines, the next one uses. A fence that fails
is remembered, so the fences below it report that failure instead of a cascade of
``NameError``\\s. An error in an included snippet is reported at the snippet's own line.

A fence cannot end or hang the run, nor change what other pages see:

- ``sys.exit`` and ``os._exit`` in a fence fail that fence instead of ending the process;
  a fence that kills its process another way (a crash) is found by the next process that
  takes the page over (pytest-xdist starts one), and reported once, as a crash;
- every fence runs under a time limit (:data:`DEFAULT_TIME_LIMIT`; a page raises it for
  one fence with ``<!-- doctest: time-limit <seconds> <reason> -->``);
- NumPy's print options and floating-point error handling are the page's own, carried
  from fence to fence and set back for other pages; a fence that changes the working
  directory or replaces something in ``nnref`` fails, and the change is undone.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import linecache
import os
import random
import signal
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from coursekit.includes import SnippetError, SourceLine, expand
from coursekit.pages import CodeFence, Page, shown_path
from coursekit.trace import Tracer

DEFAULT_PRINTOPTIONS = np.get_printoptions()
DEFAULT_ERRSTATE = np.geterr()
DEFAULT_TIME_LIMIT = 120.0  # seconds; the slowest fence takes about 5 (20 on a busy machine)


class DocTestError(Exception):
    """A failure whose message is complete in itself (no traceback needed)."""


class UpstreamError(DocTestError):
    """A fence not run because one above it on the page failed."""


class FenceStopped(BaseException):
    """Raised inside a fence to stop it (a ``BaseException``: ``except Exception`` in the
    fence cannot swallow it)."""


class FenceTimedOut(FenceStopped):
    pass


class FenceExited(FenceStopped):
    pass


class FenceRaisedError(Exception):
    """The code of a fence raised; carries what is needed to report it at its source."""

    def __init__(self, fence_location: str, origins: list[SourceLine], filename: str):
        super().__init__(fence_location)
        self.fence_location = fence_location
        self.origins = origins
        self.filename = filename

    def render(self) -> str:
        original = self.__cause__
        assert original is not None
        lines = [f"{self.fence_location}: the fence raised {type(original).__name__}"]
        lines.append("Traceback (most recent call last):")
        started = False
        for frame in traceback.extract_tb(original.__traceback__):
            if frame.filename == self.filename:
                started = True
                origin = self.origins[(frame.lineno or 1) - 1]
                function = "" if frame.name == "<module>" else f", in {frame.name}"
                lines.append(f'  File "{shown_path(origin.path)}", line {origin.line}{function}')
            elif started:
                lines.append(f'  File "{shown_path(Path(frame.filename))}", line {frame.lineno}, '
                             f"in {frame.name}")
            else:
                continue
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        if isinstance(original, SyntaxError) and original.filename == self.filename:
            origin = self.origins[(original.lineno or 1) - 1]
            lines.append(f'  File "{shown_path(origin.path)}", line {origin.line}')
            lines.append(f"    {(original.text or '').strip()}")
        lines.extend(traceback.format_exception_only(original))
        return "\n".join(line.rstrip("\n") for line in lines)


@dataclass
class PageRun:
    """One page's shared namespace and what has run in it so far."""

    page: Page
    mkdocs_yml: Path
    running_dir: Path | None = None  # shared by the session's processes: fences under way
    namespace: dict[str, Any] = field(default_factory=lambda: {"__name__": "__main__"})
    printoptions: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_PRINTOPTIONS))
    errstate: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_ERRSTATE))
    ran: set[int] = field(default_factory=set)
    traces: dict[int, str] = field(default_factory=dict)  # traced fence's line -> its trace
    first_failure: tuple[CodeFence, str] | None = None

    def __post_init__(self) -> None:
        crashed = self._crashed_fence()
        if crashed is not None:
            self.ran.add(crashed.opening_line)
            self.first_failure = (crashed, "it ended the test process, which crashed or was "
                                           "killed while running it")

    def location(self, line: int) -> str:
        return self.page.where(line)

    def run_earlier_fences(self, fence: CodeFence) -> None:
        """Run, unchecked, the fences above ``fence`` that have not run (a selection of
        some of a page's fences still gives each the namespace it expects)."""
        for earlier in self.page.code_fences:
            if earlier is fence or self.first_failure is not None:
                return
            if earlier.opening_line not in self.ran and earlier.skip_reason is None:
                try:
                    self.execute(earlier)
                except (FenceRaisedError, SnippetError, DocTestError):
                    return

    def upstream_failure(self) -> str | None:
        if self.first_failure is None:
            return None
        fence, summary = self.first_failure
        return (
            f"not run: the fence at {self.location(fence.opening_line)} failed earlier on this "
            f"page ({summary}); later fences share its namespace, so fix that one first"
        )

    def crashed_here(self, fence: CodeFence) -> str | None:
        """Why ``fence`` is not run again, if it crashed an earlier process."""
        if self.first_failure is not None and self.first_failure[0] is fence:
            return f"{self.location(fence.opening_line)}: {self.first_failure[1]}"
        return None

    def _note_failure(self, fence: CodeFence, summary: str) -> None:
        if self.first_failure is None:
            self.first_failure = (fence, summary)

    def execute(self, fence: CodeFence) -> str:
        """Run one fence in the page namespace and return what it printed."""
        self.ran.add(fence.opening_line)
        try:
            source, origins = expand(fence, self.page.path, self.mkdocs_yml)
        except SnippetError as error:
            self._note_failure(fence, f"snippet include failed: {error}")
            raise
        where = self.location(fence.opening_line)
        filename = f"<doc {where}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        buffer = io.StringIO()
        limit = fence.time_limit or DEFAULT_TIME_LIMIT
        before = _GlobalState.capture()
        try:
            with self._page_numpy_state(), self._marked_running(fence), _no_exit(), \
                    _time_limit(limit), redirect_stdout(buffer):
                if fence.traced:
                    tracer = Tracer(source, filename, self.namespace)
                    tracer.run()
                    self.traces[fence.opening_line] = tracer.text()
                else:
                    exec(compile(source, filename, "exec", dont_inherit=True), self.namespace)
        except FenceTimedOut:
            message = (
                f"{where}: the fence was stopped after its time limit of {limit:g} s (does it "
                "loop forever?). If it needs longer, say so on the line above it: "
                "<!-- doctest: time-limit <seconds> <reason> -->"
            )
            self._note_failure(fence, f"stopped after {limit:g} s")
            raise DocTestError(message) from None
        except FenceExited as error:
            self._note_failure(fence, f"it called {error}")
            raise DocTestError(f"{where}: the fence called {error}, which would end the test "
                               "run; a fence must not exit") from None
        except SystemExit as error:
            self._note_failure(fence, f"it called sys.exit({error.code!r})")
            raise DocTestError(f"{where}: the fence called sys.exit({error.code!r}), which "
                               "would end the test run; a fence must not exit") from None
        except Exception as error:
            self._note_failure(fence, f"{type(error).__name__}: {error}")
            raise FenceRaisedError(where, origins, filename) from error
        finally:
            changes = before.restore()
        if changes:
            self._note_failure(fence, "it changed state other pages share")
            raise DocTestError(
                f"{where}: the fence changed what other pages would see, and was undone:\n"
                + "\n".join(f"  - {change}" for change in changes)
            )
        return buffer.getvalue()

    @contextmanager
    def _page_numpy_state(self) -> Iterator[None]:
        """The page's own print options and error handling, set back afterwards."""
        np.set_printoptions(**self.printoptions)
        np.seterr(**self.errstate)
        try:
            yield
        finally:
            self.printoptions = np.get_printoptions()
            self.errstate = np.geterr()
            np.set_printoptions(**DEFAULT_PRINTOPTIONS)
            np.seterr(**DEFAULT_ERRSTATE)

    # A marker file for the fence under way, removed when it ends in any way but the death
    # of the process. Another process that takes the page over (pytest-xdist replaces a
    # crashed worker and hands it the rest of the page) finds it and does not run the
    # fence again: without this, each replacement crashed on it in turn.
    def _marker(self, fence: CodeFence) -> Path | None:
        if self.running_dir is None:
            return None
        name = hashlib.sha256(str(self.page.path).encode()).hexdigest()[:16]
        return self.running_dir / f"{name}-{fence.opening_line}"

    @contextmanager
    def _marked_running(self, fence: CodeFence) -> Iterator[None]:
        marker = self._marker(fence)
        if marker is not None:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.write_text(self.location(fence.opening_line))
        try:
            yield
        finally:
            if marker is not None:
                marker.unlink(missing_ok=True)

    def _crashed_fence(self) -> CodeFence | None:
        for fence in self.page.code_fences:
            marker = self._marker(fence)
            if marker is not None and marker.is_file():
                return fence
        return None


@contextmanager
def _no_exit() -> Iterator[None]:
    """``os._exit`` (which no ``finally`` survives) raises instead, while a fence runs."""
    real_exit = os._exit

    def refuse(status: int = 0) -> None:
        raise FenceExited(f"os._exit({status})")

    os._exit = refuse
    try:
        yield
    finally:
        os._exit = real_exit


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop the fence after ``seconds``: a timer signal raises in the main thread (where
    pytest and pytest-xdist's workers run tests); elsewhere, or without ``setitimer``,
    there is no limit."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not \
            threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise FenceTimedOut(f"{seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class _GlobalState:
    """What a fence could change for every later page: the working directory, the
    ``nnref`` modules' names (a replaced function, say) and the process-wide random
    generators (NumPy's legacy one and Python's ``random``: a page that draws on them
    prints what the pages before it left behind, and something else alone in a notebook).
    Restored after each fence."""

    cwd: str
    modules: dict[str, tuple[ModuleType, dict[str, Any]]]
    numpy_random: tuple[Any, ...]
    python_random: tuple[Any, ...]

    @classmethod
    def capture(cls) -> _GlobalState:
        importlib.import_module("nnref")  # so that a fence's first import is no blind spot
        modules = {
            name: (module, dict(vars(module)))
            for name, module in list(sys.modules.items())
            if module is not None and (name == "nnref" or name.startswith("nnref."))
        }
        legacy = np.random.get_state()  # noqa: NPY002 (watching it is the point)
        return cls(os.getcwd(), modules, legacy, random.getstate())

    def restore(self) -> list[str]:
        """Undo what changed; say what it was."""
        changes = []
        if os.getcwd() != self.cwd:
            changes.append(f"the working directory became {os.getcwd()} (os.chdir)")
            os.chdir(self.cwd)
        if not _same_numpy_state(np.random.get_state(), self.numpy_random):  # noqa: NPY002
            changes.append("NumPy's process-wide random generator was used or seeded "
                           "(np.random.seed, np.random.rand, ...): use a seeded "
                           "np.random.default_rng(seed) instead")
            np.random.set_state(self.numpy_random)  # noqa: NPY002
        if random.getstate() != self.python_random:
            changes.append("Python's process-wide random generator was used or seeded "
                           "(random.seed, random.random, ...): use a seeded "
                           "np.random.default_rng(seed) instead")
            random.setstate(self.python_random)
        for name, (module, names) in self.modules.items():
            current = vars(module)
            for key, value in names.items():
                if key not in current or current[key] is not value:
                    changes.append(f"{name}.{key} was replaced or deleted")
                    setattr(module, key, value)
        return changes


def _same_numpy_state(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    return all(
        np.array_equal(x, y) if isinstance(x, np.ndarray) else x == y
        for x, y in zip(a, b, strict=True)
    )
