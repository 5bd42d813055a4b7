"""The doc-test layer: runs every python fence of the docs and checks what it printed.

Built on pytest-markdown-docs, which collects one test item per fence and calls a runner
for each. The layer is split by job, as Sybil and pytest-examples split theirs:

- parsing: :mod:`coursekit.pages`, the one reader of the course's Markdown;
- collection: :mod:`tests.doclayer.collect` gives pytest-markdown-docs the page model's
  fences, and adds a page-structure check per page;
- evaluation: :mod:`tests.doclayer.evaluate` runs a page's fences in one namespace, in order;
- comparison: :mod:`tests.doclayer.compare`, number-aware;
- reporting and rewriting (``--update-outputs``): here.

pytest-markdown-docs' private surface used: ``pytest_markdown_docs._runners.
register_runner``, the decorator that makes a runner the default (the library's way to plug
one in; it has no public alias). Nothing else: the runner receives its pytest item through a
fixture that every fence asks for (the library's documented ``fixture:`` option), and pages
and lines come from the fence definitions it hands over, never from test ids.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from pytest_markdown_docs._runners import register_runner

from coursekit.includes import SnippetError
from coursekit.pages import CodeFence, read_page
from tests.doclayer.collect import (
    ITEM_FIXTURE,
    NUMBERS_PROPERTY,
    PageModelParser,
    PageStructureFile,
)
from tests.doclayer.compare import compare, excerpt, failure_report, refreshed_text
from tests.doclayer.evaluate import (
    DocTestError,
    FenceRaisedError,
    PageRun,
    UpstreamError,
)
from tests.doclayer.prose import (
    check_directive,
    directives_due,
    numbers_of,
    restated_edits,
)
from tests.doclayer.rewrite import apply_edits

EDIT_PROPERTY = "doclayer_edit"
OUTCOME_PROPERTY = "doclayer_outcome"
TIMING_PROPERTY = "doclayer_fence"


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
    durations: dict[str, float] = field(default_factory=dict)  # "page:line" -> seconds
    numbers: dict[str, dict[str, int]] = field(default_factory=dict)  # page -> counts
    running_dir: Path | None = None  # fences under way, shared by the session's processes

    def page_run(self, path: Path) -> PageRun:
        path = Path(path).resolve()
        if path not in self.pages:
            self.pages[path] = PageRun(read_page(path), self.mkdocs_yml, self.running_dir)
        return self.pages[path]

    @property
    def mkdocs_yml(self) -> Path:
        return self.rootpath / "mkdocs.yml"


STATE = pytest.StashKey[DocState]()


@pytest.fixture(name=ITEM_FIXTURE)
def _doclayer_item(request: pytest.FixtureRequest) -> pytest.Item:
    """The running test item: every fence asks for it, and pytest-markdown-docs passes the
    fixtures a fence asks for on to the runner."""
    state = request.config.stash[STATE]
    if state.running_dir is None:  # one directory for the run's processes (xdist's too)
        run = getattr(request.config, "workerinput", {}).get("testrunuid", f"{os.getpid()}")
        state.running_dir = Path(tempfile.gettempdir()) / f"doclayer-running-{run}"
    return request.node


# --------------------------------------------------------------------------- runner


@register_runner(default=True)
class VerifiedOutputRunner:
    """Runs a fence in its page's namespace and checks its output fence."""

    def runtest(self, test: Any, args: dict[str, Any], *, asyncio_runner: Any = None) -> None:
        item = args.get(ITEM_FIXTURE)
        assert isinstance(item, pytest.Item), "the doc-test layer runs only inside pytest"
        state = item.config.stash[STATE]
        run = state.page_run(test.source_path)
        fence = run.page.code_fence_at(test.start_line)
        item.user_properties.append((TIMING_PROPERTY, run.location(fence.opening_line)))
        if fence.skip_reason is not None:
            item.user_properties.append((OUTCOME_PROPERTY, "excluded"))
            pytest.skip(f"excluded on the page: {fence.skip_reason}")
        crashed = run.crashed_here(fence)
        if crashed is not None:  # pytest-xdist reported the crash; it is not run again
            item.user_properties.append((OUTCOME_PROPERTY, "crashed"))
            pytest.skip(f"reported above as a crash, not run again: {crashed}")
        run.run_earlier_fences(fence)
        upstream = run.upstream_failure()
        if upstream is not None:
            raise UpstreamError(f"{run.location(fence.opening_line)}: {upstream}")
        first = next(f for f in run.page.code_fences if f.skip_reason is None) is fence
        if first:  # value directives above every fence: evaluated before the first runs
            _check_numbers(run, None, state, item)
        try:
            printed = run.execute(fence)
        except SnippetError as error:
            raise DocTestError(f"snippet include failed: {error}") from None
        _check_output(run, fence, printed, state, item)
        if fence.traced:
            _check_trace(run, fence, state, item)
        _check_numbers(run, fence.opening_line, state, item)

    def repr_failure(self, test: Any, excinfo: Any, style: Any = None) -> str:
        error = excinfo.value
        if isinstance(error, DocTestError):
            return str(error)
        if isinstance(error, FenceRaisedError):
            return error.render()
        return str(excinfo.getrepr(style="short"))


def _check_output(
    run: PageRun, fence: CodeFence, printed: str, state: DocState, item: pytest.Item
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
    refreshed = refreshed_text(output.content, printed)
    if _record_edit(item, run, "replace", output, refreshed, state):
        _record_restated(item, run, output.start, refreshed, state)
        return
    raise DocTestError(failure_report(comparison, where, output.first_content_line))


def _record_restated(item: pytest.Item, run: PageRun, fence_line: int, refreshed: str,
                     state: DocState) -> None:
    """Under ``--update-outputs``: the prose numbers that restate a number of a rewritten
    output fence follow it (when the fence still prints as many numbers)."""
    numbers = numbers_of(run.page)
    output = next(b for b in run.page.blocks if b.start == fence_line)
    for finding, new in restated_edits(numbers, fence_line, output.content, refreshed):
        item.user_properties.append((EDIT_PROPERTY, json.dumps({
            "path": str(run.page.path), "kind": "number", "opening_line": finding.number.line,
            "closing_line": finding.number.line, "column": finding.number.column,
            "old": finding.number.text, "text": new, "indent": "", "page_text": run.page.text,
        })))


def _check_trace(run: PageRun, fence: CodeFence, state: DocState, item: pytest.Item) -> None:
    """A traced fence's ``trace`` fence holds what its lines bound, as it ran."""
    traced = run.traces[fence.opening_line]
    recorded = fence.trace
    if recorded is None:
        below = fence.output or fence
        if _record_edit(item, run, "insert", below, traced, state, language="trace"):
            return
        raise DocTestError(
            f"{run.location(below.closing_line)}: this fence is traced but has no ```trace "
            f"fence under it (and its output).\nIts trace:\n{traced}"
        )
    comparison = compare(recorded.content, traced)
    if comparison.matches:
        return
    if _record_edit(item, run, "replace", recorded, refreshed_text(recorded.content, traced),
                    state, language="trace"):
        return
    where = run.location(recorded.opening_line)
    raise DocTestError(failure_report(
        comparison, where, recorded.first_content_line,
        what="the trace differs from what the fence's lines bound",
        source="traced when the fence ran",
    ))


def _check_numbers(run: PageRun, after: int | None, state: DocState, item: pytest.Item) -> None:
    """The value directives due once the fence at line ``after`` has run: every number
    they bind must hold (under ``--update-outputs``, is rewritten)."""
    numbers = numbers_of(run.page)
    mismatches = []
    for directive in directives_due(numbers, after):
        mismatches += check_directive(directive, numbers, run.namespace)
    if not mismatches:
        return
    if state.update_outputs and all(m.edits for m in mismatches):
        seen = set()
        for mismatch in mismatches:
            for line, column, old, new in mismatch.edits:
                if (line, column) in seen:
                    continue
                seen.add((line, column))
                item.user_properties.append((EDIT_PROPERTY, json.dumps({
                    "path": str(run.page.path), "kind": "number", "opening_line": line,
                    "closing_line": line, "column": column, "old": old, "text": new,
                    "indent": "", "page_text": run.page.text,
                })))
        item.user_properties.append((OUTCOME_PROPERTY, "rewritten"))
        return
    raise DocTestError("\n".join(m.message for m in mismatches))


def _record_edit(
    item: pytest.Item, run: PageRun, kind: str, fence: Any, text: str, state: DocState,
    language: str = "output",
) -> bool:
    """Under ``--update-outputs``, note how to rewrite the page and return True."""
    if not state.update_outputs:
        return False
    item.user_properties.append((EDIT_PROPERTY, json.dumps({
        "path": str(run.page.path), "kind": kind, "opening_line": fence.opening_line,
        "closing_line": fence.closing_line, "indent": fence.indent, "text": text,
        "page_text": run.page.text, "language": language,
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
    return PageModelParser()


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
            page = os.path.relpath(item.path, item.config.rootpath)
            item.add_marker(pytest.mark.xdist_group(f"page:{page}"))


class _ReportCollector:
    """Gathers outcomes and rewrites reported by fence items (from xdist workers too)."""

    def __init__(self, state: DocState) -> None:
        self.state = state

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when != "call":
            return
        for name, value in report.user_properties:
            if name == TIMING_PROPERTY:
                self.state.durations[value] = report.duration
            elif name == EDIT_PROPERTY:
                self.state.edits.append(json.loads(value))
            elif name == NUMBERS_PROPERTY:
                page, counts = json.loads(value)
                self.state.numbers[page] = counts
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
    _report_numbers(terminalreporter, state.numbers)
    _report_slowest(terminalreporter, state.durations)


def _report_numbers(terminalreporter: Any, numbers: dict[str, dict[str, int]]) -> None:
    """Per page: how many of the numbers a reader sees outside the fences are bound, and
    how many exempt (coursekit.numbers)."""
    if not numbers:
        return
    terminalreporter.write_line("numbers outside the fences (bound = checked; exempt by "
                                "README's rule):")
    for page, counts in sorted(numbers.items()):
        exempt = counts.get("exempt", 0)
        unbound = counts.get("unbound", 0)
        bound = sum(counts.values()) - exempt - unbound
        kinds = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())
                          if k not in ("exempt", "unbound"))
        terminalreporter.write_line(
            f"  {page}: {bound} bound ({kinds or 'none'}), {exempt} exempt"
            + (f", {unbound} UNBOUND" if unbound else ""))


def _report_slowest(terminalreporter: Any, durations: dict[str, float], count: int = 5) -> None:
    """The slowest fences and pages, so that a slow change is seen when it lands."""
    pages: dict[str, float] = {}
    for where, seconds in durations.items():
        page = where.rsplit(":", 1)[0]
        pages[page] = pages.get(page, 0.0) + seconds
    for title, timings in (("slowest fences", durations), ("slowest pages", pages)):
        slowest = sorted(timings.items(), key=lambda kv: kv[1], reverse=True)[:count]
        if slowest:
            terminalreporter.write_line(
                f"{title}: " + ", ".join(f"{where} {seconds:.2f}s" for where, seconds in slowest)
            )
