"""``--update-outputs``: the fences it writes, line endings, Ctrl-C and concurrent writers."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from coursekit.pages import read_page
from tests.doclayer import rewrite
from tests.doclayer.rewrite import apply_edits, edited_text, fence_lines
from tests.doclayer.testing import FIXTURES, PLUGIN


def _edit(path: Path, kind: str, opening: int, closing: int, text: str) -> dict[str, Any]:
    return {"path": str(path), "kind": kind, "opening_line": opening, "closing_line": closing,
            "indent": "", "text": text, "page_text": path.read_text(encoding="utf8")}


PAGE = "# Page\n\n```python\nprint(1)\n```\n\n```output\n2\n```\n"


# ------------------------------------------------------------------ the fence


def test_the_fence_is_longer_than_any_run_of_backticks_it_holds() -> None:
    assert fence_lines("", "a\n```\nb") == ["````output", "a", "```", "b", "````"]
    assert fence_lines("    ", "x `` y\n\n`````") == [
        "    ``````output", "    x `` y", "", "    `````", "    ``````"]
    assert fence_lines("", "plain") == ["```output", "plain", "```"]


def test_printed_backticks_round_trip_through_the_page(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(PAGE)
    printed = "before\n```\n````python\nafter"
    result = apply_edits([_edit(page, "replace", 7, 9, printed)])
    assert result.rewritten == [f"{page}:7: replace"]
    fences = read_page(page).fences
    assert [f.language for f in fences] == ["python", "output"]
    assert fences[1].content == printed + "\n"


def test_update_outputs_with_printed_backticks_end_to_end(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    result = pytester.runpytest(*PLUGIN, "backticks.md", "--update-outputs")
    result.assert_outcomes(passed=2)
    assert result.ret == pytest.ExitCode.OK
    text = (fixture_pages / "backticks.md").read_text()
    assert text.endswith("\n````output\na fence in Markdown:\n```python\nx = 1\n```\ndone\n````\n")
    pytester.runpytest(*PLUGIN, "backticks.md").assert_outcomes(passed=2)


# ---------------------------------------------------------------- line endings


def test_a_crlf_page_stays_crlf() -> None:
    crlf = PAGE.replace("\n", "\r\n")
    edits = [
        {"kind": "replace", "opening_line": 7, "closing_line": 9, "indent": "", "text": "1\n2"},
        {"kind": "insert", "opening_line": 3, "closing_line": 5, "indent": "", "text": "x"},
    ]
    assert edited_text(crlf, edits) == (
        "# Page\r\n\r\n```python\r\nprint(1)\r\n```\r\n\r\n```output\r\nx\r\n```\r\n\r\n"
        "```output\r\n1\r\n2\r\n```\r\n"
    )


def test_line_endings_and_a_missing_final_newline_are_kept() -> None:
    mixed = "a\r\n```python\nprint(1)\r\n```"  # no line break at the end
    insert = {"kind": "insert", "opening_line": 2, "closing_line": 4, "indent": "", "text": "1"}
    assert edited_text(mixed, [insert]) == (
        "a\r\n```python\nprint(1)\r\n```\r\n\r\n```output\r\n1\r\n```"
    )
    page = "a\n```python\nprint(1)\n```\n\n```output\n1\n```"
    delete = {"kind": "delete", "opening_line": 6, "closing_line": 8, "indent": "", "text": ""}
    assert edited_text(page, [delete]) == "a\n```python\nprint(1)\n```"


def test_update_outputs_on_a_crlf_page_end_to_end(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    page = fixture_pages / "crlf.md"
    lf = (FIXTURES / "changed_digit.md").read_text() + "\n```python\nprint('more')\n```\n"
    page.write_bytes(lf.replace("\n", "\r\n").encode())
    failed = pytester.runpytest(*PLUGIN, "crlf.md")
    failed.assert_outcomes(passed=1, failed=2)
    failed.stdout.fnmatch_lines(["*crlf.md:7: output differs*",
                                 "*output line 1 (page line 8): expected 0.932, printed 0.931*",
                                 "*crlf.md:13: this fence printed 1 line(s)*"])
    result = pytester.runpytest(*PLUGIN, "crlf.md", "--update-outputs")
    result.assert_outcomes(passed=3)
    written = page.read_bytes()
    assert written.count(b"\n") == written.count(b"\r\n") > lf.count("\n")
    assert b"score 0.931\r\n```\r\n" in written
    assert written.endswith(b"print('more')\r\n```\r\n\r\n```output\r\nmore\r\n```\r\n")
    pytester.runpytest(*PLUGIN, "crlf.md").assert_outcomes(passed=3)


# ------------------------------------------------------------------- Ctrl-C


def _pages(tmp_path: Path, count: int) -> list[Path]:
    pages = []
    for number in range(count):
        page = tmp_path / f"page{number}.md"
        page.write_text(PAGE)
        pages.append(page)
    return pages


def test_ctrl_c_while_preparing_writes_no_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = _pages(tmp_path, 3)
    edits = [_edit(page, "replace", 7, 9, "1") for page in pages]
    real_fsync, calls = os.fsync, []

    def fsync_then_interrupt(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(rewrite.os, "fsync", fsync_then_interrupt)
    result = apply_edits(edits)
    assert result.interrupted and result.rewritten == []
    assert [page.read_text() for page in pages] == [PAGE] * 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page0.md", "page1.md", "page2.md"]


def test_ctrl_c_while_replacing_is_held_back_until_every_page_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pages = _pages(tmp_path, 3)
    edits = [_edit(page, "replace", 7, 9, "1") for page in pages]
    real_replace = os.replace

    def interrupted_replace(source: Any, target: Any) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # as if Ctrl-C were pressed now
        real_replace(source, target)

    monkeypatch.setattr(rewrite.os, "replace", interrupted_replace)
    # What Ctrl-C did before (Python's handler; SIG_IGN where the run was started in the
    # background by a shell) is what it does after.
    before = signal.getsignal(signal.SIGINT)
    result = apply_edits(edits)
    assert result.interrupted
    assert len(result.rewritten) == 3
    assert [page.read_text() for page in pages] == [PAGE.replace("\n2\n", "\n1\n")] * 3
    assert signal.getsignal(signal.SIGINT) is before


CONFTEST_INTERRUPT = """
def pytest_runtest_logfinish(nodeid, location):
    if "line:3]" in nodeid:
        raise KeyboardInterrupt
"""


def test_a_run_interrupted_before_it_finished_writes_nothing(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    page = fixture_pages / "two.md"
    page.write_text("# Two fences\n\n```python\nprint(1)\n```\n\n```output\n2\n```\n\n"
                    "```python\nprint(3)\n```\n\n```output\n4\n```\n")
    before = page.read_text()
    pytester.makeconftest(CONFTEST_INTERRUPT)
    pytester.syspathinsert(Path(__file__).parent.parent)
    # In a process of its own: in this one, pytester passes the interrupt on to this run.
    result = pytester.runpytest_subprocess(*PLUGIN, "-p", "no:hypothesispytest", "two.md",
                                           "--update-outputs")
    assert result.ret == pytest.ExitCode.INTERRUPTED
    assert page.read_text() == before
    result.stdout.fnmatch_lines(["*--update-outputs: the run was interrupted: no page rewritten*"])
    result.stdout.no_fnmatch_line("*rewrote output fence*")


# ------------------------------------------------------------ concurrent writers


def test_a_page_changed_during_the_run_is_named_and_left_alone(tmp_path: Path) -> None:
    first, second = _pages(tmp_path, 2)
    edits = [_edit(first, "replace", 7, 9, "1"), _edit(second, "replace", 7, 9, "1")]
    second.write_text(PAGE + "\nedited by someone else\n")
    result = apply_edits(edits)
    assert result.rewritten == [f"{first}:7: replace"]
    assert result.not_rewritten == [f"{second}: changed on disk during the run (another "
                                    "writer?); its 1 output fence edit(s) were not written"]
    assert second.read_text() == PAGE + "\nedited by someone else\n"


def test_a_page_changed_while_the_others_were_prepared_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _pages(tmp_path, 2)
    edits = [_edit(first, "replace", 7, 9, "1"), _edit(second, "replace", 7, 9, "1")]
    real_prepare = rewrite._prepare

    def prepare_then_race(path: Path, file_edits: list[dict[str, Any]]) -> Any:
        prepared = real_prepare(path, file_edits)
        if path == second:
            first.write_text(PAGE + "late edit\n")  # after first.md was read and prepared
        return prepared

    monkeypatch.setattr(rewrite, "_prepare", prepare_then_race)
    result = apply_edits(edits)
    assert first.read_text() == PAGE + "late edit\n"
    assert result.rewritten == [f"{second}:7: replace"]
    assert result.not_rewritten[0].startswith(f"{first}: changed on disk while the pages")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".doclayer-tmp")]


CONFTEST_RACE = """
from pathlib import Path

def pytest_runtest_logfinish(nodeid, location):
    page = Path("changed_digit.md")
    page.write_text(page.read_text() + "\\nA line another writer added.\\n")
"""


def test_losing_a_race_fails_the_run_and_names_the_page(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    pytester.makeconftest(CONFTEST_RACE)
    result = pytester.runpytest(*PLUGIN, "changed_digit.md", "--update-outputs")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.stdout.fnmatch_lines([
        "*--update-outputs: *changed_digit.md: changed on disk during the run (another writer?)*",
        "*python fences: 1 not rewritten*",
    ])
    result.stdout.no_fnmatch_line("*rewrote output fence*")
    assert "score 0.932" in (fixture_pages / "changed_digit.md").read_text()
