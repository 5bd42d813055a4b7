"""The numbers outside the fences (coursekit.numbers and tests.doclayer.prose): bound,
exempt, or a failure at their page and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.doclayer.testing import PLUGIN


def _run(pytester: pytest.Pytester, fixture_pages: Path, name: str, text: str | None = None,
         *args: str) -> pytest.RunResult:
    page = pytester.path / name
    if text is not None:
        page.write_text(text)
    return pytester.runpytest(*PLUGIN, "-n0", *args, str(page))


def test_bound_prose_numbers_pass(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    result = _run(pytester, fixture_pages, "prose_numbers.md")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*prose_numbers.md: 14 bound (7 computed, 2 distractor, "
                                 "2 input, 1 not computed, 1 printed, 1 quiz key), 0 exempt*"])
