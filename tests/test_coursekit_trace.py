"""Traced listings: what each line bound, recorded by running it, and checked on the page."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coursekit.trace import Tracer, describe, parse
from tests.doclayer.testing import PLUGIN


def _trace(source: str) -> str:
    tracer = Tracer(source, "<test>", {"__name__": "__main__"})
    tracer.run()
    return tracer.text()


def test_each_line_shows_what_it_bound_and_a_loop_its_first_runs() -> None:
    source = (
        "import numpy as np\n"
        "W = np.array([[1.0, 2.0],\n"
        "              [3.0, 4.0]])\n"
        "def double(v):\n"
        "    return 2 * v\n"
        "total = 0\n"
        "for i in range(5):\n"
        "    total += double(i)\n"
        "a, b = total, W.shape\n"
    )
    assert _trace(source) == (
        "2 | W = array (2, 2) float64 [[1. 2.] [3. 4.]]\n"
        "6 | total = 0\n"
        "7 | run 1: i = 0\n"
        "7 | run 2: i = 1\n"
        "7 | run 3: i = 2\n"
        "7 | ... 2 more runs\n"
        "8 | run 1: total = 0\n"
        "8 | run 2: total = 2\n"
        "8 | run 3: total = 6\n"
        "8 | ... 2 more runs\n"
        "9 | a = 20; b = (2, 2)\n"
    )


def test_long_arrays_are_summarised_as_numpy_prints_them() -> None:
    shown = describe(np.arange(100.0))
    assert shown == "array (100,) float64 [ 0. 1. ... 98. 99.]"
    assert describe(np.float32(0.1)) == "0.1" and describe(np.int64(7)) == "7"


def test_a_trace_reads_back_line_by_line() -> None:
    assert parse(_trace("x = 1\ny = x + 1\n")) == [(1, "x = 1"), (2, "y = 2")]



def test_a_traced_page_passes_and_a_changed_traced_value_fails(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    pytester.runpytest(*PLUGIN, "traced.md").assert_outcomes(passed=2)
    page = fixture_pages / "traced.md"
    page.write_text(page.read_text().replace("6 | run 2: z = 0.65", "6 | run 2: z = 0.66"))
    result = pytester.runpytest(*PLUGIN, "traced.md")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines([
        "*traced.md:17: the trace differs from what the fence's lines bound*",
        "*expected 0.66, printed 0.65*",
    ])


def test_a_missing_trace_fails_and_update_outputs_writes_it(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    page = fixture_pages / "traced.md"
    text = page.read_text()
    page.write_text(text[: text.index("```trace")].rstrip("\n") + "\n")
    result = pytester.runpytest(*PLUGIN, "traced.md")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*traced.md:15: this fence is traced but has no ```trace "
                                 "fence under it*"])
    pytester.runpytest(*PLUGIN, "traced.md", "--update-outputs").assert_outcomes(passed=2)
    assert page.read_text() == text
