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


_POSITIVE_POWER = """# A large number

```python
x = 10.0 * (-9.0) ** 20
```

After twenty steps $x$ is $WRITTEN \\times 10^{20}$.
<!-- doctest: WRITTENe20 = x -->
"""


@pytest.mark.parametrize(("written", "holds"), [("1.216", True), ("1.215", False),
                                                 ("1.22", True), ("1.21", False)])
def test_a_number_times_a_positive_power_of_ten_is_compared_at_its_written_digits(
        pytester: pytest.Pytester, fixture_pages: Path, written: str, holds: bool) -> None:
    # x = 1.2158e20: a written 1.216 x 10^20 is its last digit's half unit (5e16) away or less
    result = _run(pytester, fixture_pages, "power.md",
                  _POSITIVE_POWER.replace("WRITTEN", written))
    if holds:
        result.assert_outcomes(passed=2)
    else:
        result.assert_outcomes(passed=1, failed=1)
        result.stdout.fnmatch_lines([f"*power.md:7: the number {written} \\times 10^{{20}} is "
                                     "computed as 1.2157665459056928e+20*"])
