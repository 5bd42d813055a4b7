"""The doc-test layer: runs every python fence of the docs and checks what it printed.

Built on pytest-markdown-docs: it collects the fences (one test item per fence) and this
module supplies its two extension points, the parser hook (container-aware markdown-it) and
the default runner (:class:`VerifiedOutputRunner`). On top of them it adds what the course
needs: one namespace per page, each fence run once and in order; the ``output`` fence under
a fence compared number-aware with what it printed; ``--8<--`` includes expanded as the site
renders them; a page-structure check; ``--update-outputs``.
"""

from __future__ import annotations

import io
import json
import linecache
import os
import re
import traceback
from contextlib import redirect_stdout
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pytest_markdown_docs._runners import _Runner, register_runner

from tests.doclayer.compare import compare, excerpt, failure_report, refreshed_text
from tests.doclayer.pages import (
    Fence,
    Page,
    SnippetError,
    SourceLine,
    expand_snippets,
    markdown_parser,
    parse_page,
)
from tests.doclayer.rewrite import apply_edits

DEFAULT_PRINTOPTIONS = np.get_printoptions()
EDIT_PROPERTY = "doclayer_edit"
OUTCOME_PROPERTY = "doclayer_outcome"


# ------------------------------------------------------------------------- failures


class DocTestError(Exception):
    """A failure whose message is complete in itself (no traceback needed)."""


class UpstreamError(DocTestError):
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
                origin = self.origins[frame.lineno - 1]
                function = "" if frame.name == "<module>" else f", in {frame.name}"
                lines.append(f'  File "{_relative(origin.path)}", line {origin.line}{function}')
            elif started:
                lines.append(f'  File "{_relative(Path(frame.filename))}", line {frame.lineno}, '
                             f"in {frame.name}")
            else:
                continue
            if frame.line:
                lines.append(f"    {frame.line.strip()}")
        if isinstance(original, SyntaxError) and original.filename == self.filename:
            origin = self.origins[(original.lineno or 1) - 1]
            lines.append(f'  File "{_relative(origin.path)}", line {origin.line}')
            lines.append(f"    {(original.text or '').strip()}")
        lines.extend(traceback.format_exception_only(original))
        return "\n".join(line.rstrip("\n") for line in lines)


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------- page state


@dataclass
class PageRun:
    """One page's shared namespace and what has run in it so far."""

    page: Page
    mkdocs_yml: Path
    namespace: dict[str, Any] = field(default_factory=lambda: {"__name__": "__main__"})
    printoptions: dict[str, Any] = field(default_factory=lambda: dict(DEFAULT_PRINTOPTIONS))
    ran: set[int] = field(default_factory=set)
    first_failure: tuple[Fence, str] | None = None

    def location(self, line: int) -> str:
        return f"{_relative(self.page.path)}:{line}"

    def run_earlier_fences(self, fence: Fence) -> None:
        """Run, unchecked, the fences above ``fence`` that have not run (partial selections)."""
        for earlier in self.page.python_fences:
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

    def _note_failure(self, fence: Fence, summary: str) -> None:
        if self.first_failure is None:
            self.first_failure = (fence, summary)

    def execute(self, fence: Fence) -> str:
        """Run one fence in the page namespace and return what it printed."""
        self.ran.add(fence.opening_line)
        try:
            source, origins = expand_snippets(fence, self.page.path, self.mkdocs_yml)
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


@dataclass
class DocState:
    """Per-session state, kept in ``config.stash``."""

    rootpath: Path
    update_outputs: bool
    pages: dict[Path, PageRun] = field(default_factory=dict)
    edits: list[dict[str, Any]] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)
    skip_reasons: list[str] = field(default_factory=list)
    rewritten: list[str] = field(default_factory=list)
    durations: dict[str, float] = field(default_factory=dict)  # fence node id -> seconds

    def page_run(self, path: Path) -> PageRun:
        path = Path(path).resolve()
        if path not in self.pages:
            self.pages[path] = PageRun(parse_page(path, markdown_parser()), self.mkdocs_yml)
        return self.pages[path]

    @property
    def mkdocs_yml(self) -> Path:
        return self.rootpath / "mkdocs.yml"


STATE = pytest.StashKey[DocState]()
_current_item: pytest.Item | None = None


# --------------------------------------------------------------------------- runner


@register_runner(default=True)
class VerifiedOutputRunner(_Runner):
    """Runs a fence in its page's namespace and checks its output fence."""

    def runtest(self, test: Any, args: dict[str, Any], *, asyncio_runner: Any = None) -> None:
        item = _current_item
        assert item is not None, "the doc-test layer runs only inside pytest"
        state = item.config.stash[STATE]
        run = state.page_run(test.source_path)
        fence = run.page.python_fence_at(test.start_line)
        if fence.skip_reason is not None:
            item.user_properties.append((OUTCOME_PROPERTY, "excluded"))
            pytest.skip(f"excluded on the page: {fence.skip_reason}")
        run.run_earlier_fences(fence)
        upstream = run.upstream_failure()
        if upstream is not None:
            raise UpstreamError(f"{run.location(fence.opening_line)}: {upstream}")
        try:
            printed = run.execute(fence)
        except SnippetError as error:
            raise DocTestError(f"snippet include failed: {error}") from None
        _check_output(run, fence, printed, state, item)

    def repr_failure(self, test: Any, excinfo: Any, style: Any = None) -> str:
        error = excinfo.value
        if isinstance(error, DocTestError):
            return str(error)
        if isinstance(error, FenceRaisedError):
            return error.render()
        return str(excinfo.getrepr(style="short"))


def _check_output(
    run: PageRun, fence: Fence, printed: str, state: DocState, item: pytest.Item
) -> None:
    output = fence.output
    if not printed.strip() and output is None:
        item.user_properties.append((OUTCOME_PROPERTY, "silent"))
        return
    if output is None:
        if _record_edit(item, run, "insert", fence, printed, state):
            return
        raise DocTestError(
            f"{run.location(fence.closing_line)}: this fence printed "
            f"{len(printed.splitlines())} line(s) but has no ```output fence right under it.\n"
            f"It printed:\n{excerpt(printed)}"
        )
    where = run.location(output.opening_line)
    if not printed.strip():
        if _record_edit(item, run, "delete", output, "", state):
            return
        raise DocTestError(
            f"{where}: the fence above printed nothing, but this output fence expects:\n"
            f"{excerpt(output.content)}"
        )
    comparison = compare(output.content, printed)
    if comparison.matches:
        item.user_properties.append((OUTCOME_PROPERTY, "verified"))
        return
    if _record_edit(item, run, "replace", output, refreshed_text(output.content, printed), state):
        return
    raise DocTestError(failure_report(comparison, where, output.first_content_line))


def _record_edit(
    item: pytest.Item, run: PageRun, kind: str, fence: Fence, text: str, state: DocState
) -> bool:
    """Under ``--update-outputs``, note how to rewrite the page and return True."""
    if not state.update_outputs:
        return False
    item.user_properties.append((EDIT_PROPERTY, json.dumps({
        "path": str(run.page.path), "kind": kind, "opening_line": fence.opening_line,
        "closing_line": fence.closing_line, "indent": fence.indent, "text": text,
        "page_text": run.page.text,
    })))
    item.user_properties.append((OUTCOME_PROPERTY, "rewritten"))
    return True


# --------------------------------------------------------------------- pytest hooks


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.getgroup("doclayer").addoption(
        "--update-outputs",
        action="store_true",
        default=False,
        help="rewrite the docs' output fences from what their code printed",
    )


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    state = DocState(config.rootpath, config.getoption("update_outputs"))
    config.stash[STATE] = state
    config.pluginmanager.register(_ReportCollector(state), "doclayer-report-collector")


@pytest.hookimpl(tryfirst=True)
def pytest_markdown_docs_markdown_it() -> Any:
    return markdown_parser()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    global _current_item
    _current_item = item
    try:
        return (yield)
    finally:
        _current_item = None


class PageStructureItem(pytest.Item):
    """Checks a page for fences the runner would never see or check."""

    def runtest(self) -> None:
        try:
            problems = parse_page(self.path, markdown_parser()).problems()
        except ValueError as error:
            problems = [f"{_relative(self.path)}:{error}"]
        if problems:
            raise DocTestError("\n".join(problems))

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, DocTestError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"{self.path.name}: page structure"


class PageStructureFile(pytest.File):
    def collect(self) -> list[pytest.Item]:
        return [PageStructureItem.from_parent(self, name="[page structure]")]


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if parent.config.option.markdowndocs and file_path.suffix == ".md":
        return PageStructureFile.from_parent(parent, path=file_path)
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups into the node ids
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep each page's items on one xdist worker (``--dist loadgroup``): its fences share a
    namespace and run in order. Without it a page's fences are spread over the workers and
    each worker re-runs the fences above the one it was given."""
    for item in items:
        if item.path.suffix == ".md":
            page = item.nodeid.split("::", 1)[0]
            item.add_marker(pytest.mark.xdist_group(f"page:{page}"))


class _ReportCollector:
    """Gathers outcomes and rewrites reported by fence items (from xdist workers too)."""

    def __init__(self, state: DocState) -> None:
        self.state = state

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call":
            return
        if "[CodeFence#" in report.nodeid:
            self.state.durations[report.nodeid] = report.duration
        for name, value in report.user_properties:
            if name == EDIT_PROPERTY:
                self.state.edits.append(json.loads(value))
            elif name == OUTCOME_PROPERTY:
                self.state.outcomes[value] = self.state.outcomes.get(value, 0) + 1
                if value == "excluded" and isinstance(report.longrepr, tuple):
                    self.state.skip_reasons.append(f"{report.nodeid}: {report.longrepr[2]}")


def pytest_sessionfinish(session: pytest.Session) -> None:
    state = session.config.stash[STATE]
    if not state.update_outputs or hasattr(session.config, "workerinput") or not state.edits:
        return
    if session.exitstatus == pytest.ExitCode.INTERRUPTED:  # the edits may be half a run's
        problems = [f"the run was interrupted: no page rewritten ({len(state.edits)} output "
                    "fence edit(s) discarded)"]
        unwritten = len(state.edits)
    else:
        result = apply_edits(state.edits)
        state.rewritten, problems, unwritten = (
            result.rewritten, result.not_rewritten, result.unwritten_edits)
        if result.interrupted:
            problems.append("interrupted while writing pages: every page was written first")
            session.exitstatus = pytest.ExitCode.INTERRUPTED
    if unwritten:  # counted as "rewritten" when recorded
        left = state.outcomes.pop("rewritten", 0) - unwritten
        state.outcomes.update({"not rewritten": unwritten, **({"rewritten": left} if left else {})})
    if problems:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        write = reporter.write_line if reporter is not None else print
        for problem in problems:
            write(f"--update-outputs: {problem}")
        if session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    state = config.stash[STATE]
    if not state.outcomes:
        return
    counts = ", ".join(f"{count} {name}" for name, count in sorted(state.outcomes.items()))
    terminalreporter.write_sep("-", "doc-test layer")
    terminalreporter.write_line(f"python fences: {counts}")
    for reason in state.skip_reasons:
        terminalreporter.write_line(f"  excluded: {reason}")
    for change in state.rewritten:
        terminalreporter.write_line(f"  rewrote output fence: {change}")
    _report_slowest(terminalreporter, state.durations)


def _report_slowest(terminalreporter: Any, durations: dict[str, float], count: int = 5) -> None:
    """The slowest fences and pages, so that a slow change is seen when it lands."""
    pages: dict[str, float] = {}
    fences: dict[str, float] = {}
    for node_id, seconds in durations.items():
        page, _, name = node_id.partition("::")
        line = re.search(r"\[line:(\d+)\]", name)
        fences[f"{page}:{line[1] if line else name}"] = seconds
        pages[page] = pages.get(page, 0.0) + seconds
    for title, timings in (("slowest fences", fences), ("slowest pages", pages)):
        slowest = sorted(timings.items(), key=lambda kv: kv[1], reverse=True)[:count]
        if slowest:
            terminalreporter.write_line(
                f"{title}: " + ", ".join(f"{where} {seconds:.2f}s" for where, seconds in slowest)
            )
