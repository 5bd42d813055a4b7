"""The doc-test layer cannot be made to pass wrongly or to hang by what a fence does: exits,
endless loops, crashes, state that leaks to later pages, fences spelled so that the parser
would miss them, and pytest-markdown-docs' ``retry``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doclayer.testing import PLUGIN


def test_a_fence_cannot_end_the_run(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    """os._exit(0) used to end a one-process run with status 0 and no summary."""
    result = pytester.runpytest_subprocess(*PLUGIN, "exits.md", "sys_exit.md", "clean.md")
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    result.assert_outcomes(passed=11, failed=3, skipped=1)
    result.stdout.fnmatch_lines_random([
        "*exits.md:3: the fence called os._exit(0), which would end the test run*",
        "*exits.md:9: not run: the fence at exits.md:3 failed earlier on this page*",
        "*sys_exit.md:3: the fence called sys.exit(3), which would end the test run*",
        "*python fences: 1 excluded, 1 silent, 7 verified*",
    ])


def test_a_fence_that_never_ends_is_stopped_at_its_time_limit(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    result = pytester.runpytest_subprocess(*PLUGIN, "endless.md", timeout=120)
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines([
        "*endless.md:4: the fence was stopped after its time limit of 1 s*"
        "<!-- doctest: time-limit <seconds> <reason> -->*",
    ])


def test_the_time_limit_holds_under_xdist(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    result = pytester.runpytest_subprocess(*PLUGIN, "-n", "2", "endless.md", timeout=120)
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*endless.md:4: the fence was stopped after*"])


def test_a_crash_under_xdist_is_reported_once(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    """pytest-xdist replaces a crashed worker and gives it the rest of the page; the fence
    that crashed is not run again (it used to crash each new worker, reported 9 times)."""
    result = pytester.runpytest_subprocess(
        *PLUGIN, "-p", "no:hypothesispytest", "-n", "2", "--dist", "loadgroup", "-rs",
        "crash.md", timeout=120,
    )
    output = result.stdout.str()
    assert output.count("crashed while running") == 1, output
    result.stdout.fnmatch_lines_random([
        "*reported above as a crash, not run again: crash.md:7*",
        "*crash.md:13: not run: the fence at crash.md:7 failed earlier on this page (it "
        "ended the test process*",
    ])


def test_what_a_page_changes_does_not_reach_the_next_page(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    """The page that changes shared state fails, and the innocent page after it passes."""
    result = pytester.runpytest(*PLUGIN, "leaks.md", "patches_nnref.md", "own_numpy_state.md",
                                "innocent.md")
    result.assert_outcomes(passed=8, failed=2)
    result.stdout.fnmatch_lines([
        "*leaks.md:3: the fence changed what other pages would see, and was undone:*",
        "*the working directory became / (os.chdir)*",
        "*patches_nnref.md:3: the fence changed what other pages would see, and was undone:*",
        "*nnref.sigmoid was replaced or deleted*",
    ])


def test_a_fence_that_uses_a_process_wide_random_generator_fails(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    """Found by what it does, whatever the spelling: an alias of numpy.random used to pass."""
    result = pytester.runpytest(*PLUGIN, "global_random.md", "global_random_python.md")
    result.assert_outcomes(passed=2, failed=2)
    result.stdout.fnmatch_lines([
        "*global_random.md:3: the fence changed what other pages would see*",
        "*NumPy's process-wide random generator was used or seeded*",
        "*global_random_python.md:3: the fence changed what other pages would see*",
        "*Python's process-wide random generator was used or seeded*",
    ])


def test_every_fence_the_site_shows_as_python_runs(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    """```Python, ```py3 and a fence on the first line after a byte order mark were never
    run; their wrong outputs passed."""
    result = pytester.runpytest(*PLUGIN, "python_spellings.md")
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines_random([
        "*python_spellings.md:5: output differs*",
        "*python_spellings.md:13: output differs*",
        "*python_spellings.md:21: output differs*",
    ])


def test_retry_is_refused(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    result = pytester.runpytest(*PLUGIN, "retry.md")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*retry.md:3: 'retry:5' would re-run a fence until its output "
                                 "happens to match*"])
