"""Tests of the doc-test layer itself: each faulty page must fail with the right message."""

from __future__ import annotations

import os
import random
import re
import shutil
from pathlib import Path

import pytest

from coursekit.pages import OutputFence, read_page
from coursekit.project import ROOT
from tests.doclayer.compare import compare, refreshed_text, tokenize
from tests.doclayer.testing import PLUGIN


def run_page(pytester: pytest.Pytester, page: str, *extra: str) -> pytest.RunResult:
    return pytester.runpytest(*PLUGIN, "-p", "no:cacheprovider", *extra, page)


def test_clean_page_passes(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    result = run_page(pytester, "clean.md", "-rs")
    result.assert_outcomes(passed=9, skipped=1)
    result.stdout.fnmatch_lines([
        "*python fences: 1 excluded, 1 silent, 7 verified*",
        "*excluded on the page: draws in a window that tests cannot open*",
    ])


def test_changed_digit_fails_at_the_output_fence(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    result = run_page(pytester, "changed_digit.md")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*changed_digit.md:7: output differs from what the fence printed*",
        "*output line 1 (page line 8): expected 0.932, printed 0.931; "
        "|difference| = 0.001 > tolerance 0.0005*",
        "*-logit 2.600, score 0.932*",
        "*+logit 2.600, score 0.931*",
    ])


def test_printing_fence_without_output_fence_fails(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    result = run_page(pytester, "missing_output.md")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*missing_output.md:5: this fence printed 1 line(s) but has no "
                                 "```output fence right under it*"])


def test_orphan_output_fence_fails(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    result = run_page(pytester, "orphan_output.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*orphan_output.md:5: output fence with no python fence right "
                                 "above it*"])


def test_silent_fence_with_output_fence_fails(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    result = run_page(pytester, "silent_fence.md")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*silent_fence.md:7: the fence above printed nothing, but this "
                                 "output fence expects:*"])


def test_broken_include_names_the_include(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    result = run_page(pytester, "broken_include.md")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*broken_include.md:4: snippet 'no_such_file.py' not found in*"])


def test_error_in_snippet_is_reported_at_the_snippet_line(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    result = run_page(pytester, "snippet_raises.md")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*snippet_raises.md:3: the fence raised ZeroDivisionError*",
        '*File "snippets/raises.py", line 8*',
        '*File "snippets/raises.py", line 5, in ratio*',
        "*ZeroDivisionError: float division by zero*",
    ])


def test_upstream_failure_is_reported_downstream_instead_of_name_errors(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    result = run_page(pytester, "upstream_failure.md", "-rN")  # no summary: count failures once
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines([
        "*upstream_failure.md:3: the fence raised NameError*",
        "*upstream_failure.md:8: not run: the fence at upstream_failure.md:3 failed earlier on "
        "this page (NameError: name 'undefined_name' is not defined)*",
    ])
    assert result.stdout.str().count("NameError: name 'undefined_name'") == 3


def test_fence_hidden_without_reason_fails(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    result = run_page(pytester, "bare_notest.md")
    result.assert_outcomes(failed=2)  # the structure check, and the fence: it runs all the same
    result.stdout.fnmatch_lines(["*bare_notest.md:3: 'notest' hides a fence without a reason*"])


def test_changed_words_fail(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    result = run_page(pytester, "text_difference.md")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        ["*output line 1 (page line 8): expected 'reject:', printed 'approve:'*"]
    )


def test_fence_the_parser_cannot_see_fails(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    result = run_page(pytester, "hidden_in_html.md")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*hidden_in_html.md:4: python fence not recognised by the "
                                 "parser*"])


def test_selecting_one_fence_runs_the_fences_above_it_first(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    result = run_page(pytester, "clean.md", "-k", "line:46")
    result.assert_outcomes(passed=1, deselected=9)


def test_update_outputs_rewrites_only_what_changed(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    page = fixture_pages / "changed_digit.md"
    page.write_text(page.read_text().replace("logit 2.600", "logit 2.6"))
    (fixture_pages / "missing_output.md").write_text(
        "# Two prints\n\n```python\nprint('hello')\n```\n"
    )
    result = run_page(pytester, "changed_digit.md", "missing_output.md", "silent_fence.md",
                      "--update-outputs")
    result.assert_outcomes(passed=6)
    result.stdout.fnmatch_lines(["*rewrote output fence:*changed_digit.md:7: replace*"])
    # 2.6 still matches 2.600 at the precision written, so it stays as written.
    assert "logit 2.6, score 0.931\n" in page.read_text()
    assert (fixture_pages / "missing_output.md").read_text().endswith(
        "print('hello')\n```\n\n```output\nhello\n```\n"
    )
    assert "```output" not in (fixture_pages / "silent_fence.md").read_text()
    run_page(pytester, "changed_digit.md", "missing_output.md", "silent_fence.md").assert_outcomes(
        passed=6
    )


def test_works_under_xdist_with_each_page_on_one_worker(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    """The project's own mode (``-n auto --dist loadgroup``): a page's fences share one
    namespace, so they must all run on one worker, or each worker re-runs the fences above
    the one it was given (pytest-xdist#1386 broke this silently once)."""
    pytester.syspathinsert(ROOT)
    result = pytester.runpytest_subprocess(  # (hypothesis's plugin: not needed, slow to load)
        *PLUGIN, "-p", "no:cacheprovider", "-p", "no:hypothesispytest",
        "-n", "2", "--dist", "loadgroup", "-v",
        "clean.md", "changed_digit.md", "upstream_failure.md",
    )
    result.assert_outcomes(passed=11, failed=4, skipped=1)
    result.stdout.fnmatch_lines(["*python fences: 1 excluded, 1 silent, 7 verified*"])
    workers: dict[str, set[str]] = {}
    for match in re.finditer(r"^\[(gw\d)\] .*? (\w+\.md)::", result.stdout.str(), re.MULTILINE):
        workers.setdefault(match[2], set()).add(match[1])
    assert sorted(workers) == ["changed_digit.md", "clean.md", "upstream_failure.md"], workers
    split = {page: sorted(ids) for page, ids in workers.items() if len(ids) > 1}
    assert not split, f"pages whose fences ran on more than one worker: {split}"


# ------------------------------------------------------- the comparison, in isolation


def test_numpy_column_padding_is_ignored() -> None:
    assert compare("[[ 0.59  0.48]\n [ 0.    0.84]]", "[[0.59 0.48]\n [0.   0.84]]").matches


def test_line_structure_matters() -> None:
    assert not compare("0.59 0.48", "0.59\n0.48").matches


def test_tolerance_is_half_a_unit_of_the_last_written_decimal() -> None:
    assert compare("0.931", "0.9315").matches
    assert not compare("0.931", "0.93151").matches
    assert compare("4.54e-05", "4.5449e-05").matches
    assert not compare("4.54e-05", "4.546e-05").matches
    assert compare("235,146", "235146").matches


def test_refresh_keeps_matching_numbers_as_written() -> None:
    assert refreshed_text("0.5 and 0.25", "0.50000 and 0.75") == "0.5 and 0.75"
    assert refreshed_text("a 1", "b 1\n") == "b 1"


def _output_fences() -> list[tuple[Path, int, str]]:
    fences = []
    for page_path in sorted((ROOT / "docs").rglob("*.md")):
        for fence in read_page(page_path).of_kind(OutputFence):
            fences.append((page_path, fence.first_content_line, fence.content))
    return fences


def test_docs_have_output_fences() -> None:
    assert len(_output_fences()) > 0


@pytest.mark.parametrize(
    ("page", "first_line", "content"),
    _output_fences(),
    ids=lambda value: value.name if isinstance(value, Path) else str(value)[:0],
)
def test_every_digit_of_every_published_output_is_guarded(
    page: Path, first_line: int, content: str
) -> None:
    """Changing any one digit of a docs output fence makes the comparison fail."""
    for match in re.finditer(r"\d", content):
        position = match.start()
        for replacement in {str((int(match.group()) + 1) % 10), str((int(match.group()) + 9) % 10)}:
            mutated = content[:position] + replacement + content[position + 1 :]
            line = first_line + content[:position].count("\n")
            assert not compare(mutated, content).matches, f"{page}:{line}: digit change passes"


def test_a_mutated_digit_in_a_real_page_fails_the_run_at_its_line(
    pytester: pytest.Pytester,
) -> None:
    """End to end: copy the course, change one random digit of one output fence, run pytest."""
    for name in ("docs", "snippets", "figures"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, pytester.path / name)
    shutil.copy(ROOT / "mkdocs.yml", pytester.path / "mkdocs.yml")
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    seed = int(os.environ.get("MUTATION_SEED", random.randrange(2**32)))
    chooser = random.Random(seed)
    page, first_line, content = chooser.choice(_output_fences())
    position = chooser.choice([m.start() for m in re.finditer(r"\d", content)])
    copy = pytester.path / page.relative_to(ROOT)
    lines = copy.read_text().split("\n")
    row, column = _page_position(lines, first_line, content, position)
    digit = lines[row][column]
    assert digit.isdigit(), f"MUTATION_SEED={seed}: expected a digit at {page}:{row + 1}"
    lines[row] = lines[row][:column] + str((int(digit) + 1) % 10) + lines[row][column + 1 :]
    copy.write_text("\n".join(lines))
    result = pytester.runpytest(*PLUGIN, "-p", "no:cacheprovider", str(copy))
    relative = copy.relative_to(pytester.path)
    assert result.ret == pytest.ExitCode.TESTS_FAILED, f"MUTATION_SEED={seed}: mutation passed"
    result.stdout.fnmatch_lines([f"*{relative}:{first_line - 1}: output differs*"])


def _page_position(
    lines: list[str], first_line: int, content: str, position: int
) -> tuple[int, int]:
    """Where character ``position`` of an output fence's content sits in the page's lines."""
    line_in_fence = content[:position].count("\n")
    column = position - (content.rfind("\n", 0, position) + 1)
    opening = lines[first_line - 2]  # the fence's indent, not the output line's own spaces
    indent = len(opening) - len(opening.lstrip(" "))
    return first_line - 1 + line_in_fence, indent + column


def test_every_output_digit_is_located_on_its_page_line() -> None:
    """The end-to-end mutation test can reach every digit it may draw."""
    for page, first_line, content in _output_fences():
        lines = page.read_text().split("\n")
        for match in re.finditer(r"\d", content):
            row, column = _page_position(lines, first_line, content, match.start())
            assert lines[row][column] == match.group(), f"{page}:{row + 1}"


def test_tokens_split_numbers_from_words() -> None:
    assert [t.text for t in tokenize("A-104 0.426 monitor")] == ["A", "-104", "0.426", "monitor"]
