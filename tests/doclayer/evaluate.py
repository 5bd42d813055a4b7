"""Evaluation: a page's python fences run in order, once each, in one shared namespace.

A page reads like a notebook: what one fence defines, the next one uses. A fence that fails
is remembered, so the fences below it report that failure instead of a cascade of
``NameError``\\s. An error in an included snippet is reported at the snippet's own line.
"""

from __future__ import annotations

import io
import linecache
import traceback
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from coursekit.includes import SnippetError, SourceLine, expand
from coursekit.pages import CodeFence, Page, shown_path

DEFAULT_PRINTOPTIONS = np.get_printoptions()


class DocTestError(Exception):
    """A failure whose message is complete in itself (no traceback needed)."""


class UpstreamError(DocTestError):
    """A fence not run because one above it on the page failed."""


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
    namespace: dict[str, Any] = field(default_factory=lambda: {"__name__": "__main__"})
    printoptions: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_PRINTOPTIONS))
    ran: set[int] = field(default_factory=set)
    first_failure: tuple[CodeFence, str] | None = None

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
                except (FenceRaisedError, SnippetError):
                    return

    def upstream_failure(self) -> str | None:
        if self.first_failure is None:
            return None
        fence, summary = self.first_failure
        return (
            f"not run: the fence at {self.location(fence.opening_line)} failed earlier on this "
            f"page ({summary}); later fences share its namespace, so fix that one first"
        )

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
        filename = f"<doc {self.location(fence.opening_line)}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        buffer = io.StringIO()
        np.set_printoptions(**self.printoptions)
        try:
            with redirect_stdout(buffer):
                exec(compile(source, filename, "exec", dont_inherit=True), self.namespace)
        except Exception as error:
            self._note_failure(fence, f"{type(error).__name__}: {error}")
            raise FenceRaisedError(self.location(fence.opening_line), origins, filename) from error
        finally:
            self.printoptions = np.get_printoptions()
            np.set_printoptions(**DEFAULT_PRINTOPTIONS)
        return buffer.getvalue()
