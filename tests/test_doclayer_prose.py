"""The numbers outside the fences (coursekit.numbers and tests.doclayer.prose): each is bound
or exempt, and a changed digit fails at its page and line."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from coursekit.numbers import check_page, mutations, numbers_in, page_code
from coursekit.pages import Prose, read_page
from coursekit.project import DOCS, MKDOCS_YML, ROOT, lesson_pages
from tests.doclayer.prose import page_number_failures
from tests.doclayer.testing import FIXTURES, PLUGIN

PAGE = FIXTURES / "prose_numbers.md"
MUTATED = ("printed", "input", "computed", "quiz key", "not computed")  # not distractors


def _run(pytester: pytest.Pytester, name: str, text: str | None = None,
         *args: str) -> pytest.RunResult:
    page = pytester.path / name
    if text is not None:
        page.write_text(text)
    return pytester.runpytest(*PLUGIN, "-n0", *args, str(page))


def _says(result: pytest.RunResult, *texts: str) -> None:
    assert result.ret == pytest.ExitCode.TESTS_FAILED
    out = result.stdout.str()
    for text in texts:
        assert text in out, f"not reported: {text}"


def _numbers(text: str) -> list[tuple[str, str]]:
    return [(n.text, str(n.value)) for n in numbers_in(Prose(1, [text]))]


# ------------------------------------------------------------------ finding numbers


def test_numbers_are_read_as_a_reader_reads_them() -> None:
    assert _numbers("costs 0.693, or 69.3%, and −0.40 and 1,797 images") == [
        ("0.693", "0.693"), ("69.3%", "69.3"), ("−0.40", "-0.40"), ("1,797", "1797")]
    assert _numbers(r"$4.54 \times 10^{-5}$ and 3 × 10⁻⁴ and $10^{-8}$") == [
        (r"4.54 \times 10^{-5}", "0.0000454"), ("3 × 10⁻⁴", "0.0003"), ("10^{-8}", "1E-8")]
    assert _numbers(r"$2 \times 234{,}752 \approx 0.47$") == [
        ("2", "2"), ("234{,}752", "234752"), ("0.47", "0.47")]


def test_what_a_reader_does_not_see_as_a_number_is_not_one() -> None:
    text = (r"`w = 0.7` [lesson](../x.md#12) $x_{12}$ $W^{[2]}$ <!-- 0.5 --> x[^3]"
            r" {: .class-2 } $x^{(i)}$")
    assert _numbers(text) == []
    assert _numbers("12. a list item") == []
    assert _numbers(r"$e^{709.78}$ and $0.25^{50}$") == [
        ("709.78", "709.78"), ("0.25", "0.25"), ("50", "50")]


def test_the_exemption_rule_as_written_in_readme(tmp_path: Path) -> None:
    page_text = "\n".join([
        "# Lesson 12: three layers in 2015, 0.931", "",
        "See section 4.2 and figure 11, and 7 of 10 %.", "",
        "**Reading time** about 25 minutes.", "",
        "Note[^n].", "", "[^n]: Rosenblatt (1958), *Psych. Review* 65(6), 386-408.",
        "    continued 123.", "", "## References", "", "- Paper, 42, 117-130.", ""])
    page = tmp_path / "exemptions.md"
    page.write_text(page_text)
    found = {(f.number.text, f.number.line): f.detail for f in check_page(
        read_page(page), {}).findings}
    assert found == {
        ("12", 1): "label", ("2015", 1): "year", ("0.931", 1): found[("0.931", 1)],
        ("4.2", 3): "label", ("11", 3): "label", ("7", 3): "small count",
        ("10 %", 3): found[("10 %", 3)], ("25", 5): "reading time",
        ("1958", 9): "source", ("65", 9): "source", ("386", 9): "source",
        ("408", 9): "source", ("123", 10): "source",
        ("6", 9): "source", ("42", 14): "source", ("117", 14): "source",
        ("130", 14): "source",
    }
    unbound = [f.number.text for f in check_page(read_page(page), {}).findings
               if f.status == "unbound"]
    assert unbound == ["0.931", "10 %"]


def test_a_number_in_a_caption_taken_from_a_figure_script_is_unbound(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A figure's caption comes from its script's docstring when the page gives none; a
    directive on the page cannot bind a number there, so it must move onto the page."""
    scripts = tmp_path / "figures" / "lesson"
    scripts.mkdir(parents=True)
    (scripts / "curve.py").write_text('"""The loss over 250 epochs, in 2 panels."""\n')
    monkeypatch.setattr("coursekit.numbers.FIGURES", tmp_path / "figures")
    page = tmp_path / "captions.md"
    page.write_text("\n".join([
        "![A curve.](../figures/lesson/curve.svg)", "",
        '![A curve.](../figures/lesson/curve.svg "The loss over 250 epochs.")',
        "<!-- doctest: 250 = epochs -->", ""]))
    checked = check_page(read_page(page), {})
    assert len(checked.problems) == 1  # the unbound caption number, and nothing else
    findings = checked.findings
    unbound = [(f.number.text, f.number.line, f.detail) for f in findings
               if f.status == "unbound"]
    assert [(text, line) for text, line, _ in unbound] == [("250", 1)]  # "2" is a small count
    assert "docstring of figures/lesson/curve.py" in unbound[0][2]
    assert 'write the caption on the page, ![alt](src "caption")' in unbound[0][2]
    on_page = [f for f in findings if f.number.line == 3]
    assert [(f.number.text, f.status) for f in on_page] == [("250", "computed")]


# ------------------------------------------------------------------ running the check


def test_bound_prose_numbers_pass(pytester: pytest.Pytester, fixture_pages: Path) -> None:
    result = _run(pytester, "prose_numbers.md")
    result.assert_outcomes(passed=2)
    result.stdout.fnmatch_lines(["*prose_numbers.md: 14 bound (7 computed, 2 distractor, "
                                 "2 input, 1 not computed, 1 printed, 1 quiz key), 0 exempt*"])


def test_a_wrong_computed_number_fails_at_its_line_with_the_difference(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    text = PAGE.read_text().replace("the sigmoid of it is 0.401,", "the sigmoid of it is 0.403,")
    text = text.replace("<!-- doctest: 0.401 =", "<!-- doctest: 0.403 =")
    result = _run(pytester, "prose_numbers.md", text)
    result.assert_outcomes(passed=1, failed=1)
    _says(result,
          "prose_numbers.md:20: the number 0.403 is computed as 0.40131233988754794 by "
          "1 / (1 + math.exp(-z)) (directive at line 22): |difference| = 0.00169 > "
          "tolerance 0.0005 (half a unit of the last written decimal)\n"
          "(after an intended change: uv run pytest --update-outputs)")


def test_update_outputs_rewrites_prose_and_directive_at_the_written_precision(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    text = PAGE.read_text().replace("0.401", "0.499").replace("40.1%", "45.0%")
    text = text.replace("z = -0.40\n```", "z = -0.70\n```").replace("−0.40", "−0.70", 1)
    result = _run(pytester, "prose_numbers.md", text, "--update-outputs")
    result.assert_outcomes(passed=2)
    assert (pytester.path / "prose_numbers.md").read_text() == PAGE.read_text()


def test_a_directive_that_binds_nothing_fails(pytester: pytest.Pytester,
                                             fixture_pages: Path) -> None:
    text = PAGE.read_text().replace("1.4 = 2 * w[0]", "1.5 = 2 * w[0]")
    result = _run(pytester, "prose_numbers.md", text)
    _says(result,
          "prose_numbers.md:29: the directive binds 1.5, but lines 24-27 above it show no "
          "such number", "prose_numbers.md:27: the number 1.4 is not checked: ")


def test_a_numeric_quiz_key_must_be_computed_and_wrong_options_must_differ(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    text = PAGE.read_text().replace("<!-- doctest: quiz 1 = z -->\n", "")
    result = _run(pytester, "prose_numbers.md", text)
    _says(result, "prose_numbers.md:37: question 1's right option is the number −0.40: "
                  "compute it with <!-- doctest: quiz 1 = <expression> --> under the quiz")
    text = PAGE.read_text().replace("- [ ] 0.40", "- [ ] -0.4")
    result = _run(pytester, "prose_numbers.md", text)
    _says(result, "prose_numbers.md:36: quiz 1: the wrong option -0.4 is the computed key "
                  "-0.40000000000000036 at its written precision (z, directive at line 41)")


def test_a_directive_must_compute_and_say_what_went_wrong(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    text = PAGE.read_text().replace("1.4 = 2 * w[0]", "1.4 = 1.4")
    result = _run(pytester, "prose_numbers.md", text)
    _says(result, "prose_numbers.md:29: 1.4 = 1.4 computes nothing")
    text = PAGE.read_text().replace("1.4 = 2 * w[0]", "1.4 = 2 * v[0]")
    result = _run(pytester, "prose_numbers.md", text)
    _says(result, "prose_numbers.md:29: 1.4 = 2 * v[0] could not be computed: NameError: "
                  "name 'v' is not defined (a directive")


# ------------------------------------------------------------------ mutations


def _digit_mutations(text: str, line: int, column: int, written: str) -> list[str]:
    """The page text with one digit of the number at ``line``/``column`` changed, each way."""
    lines = text.split("\n")
    changed = []
    for mutated in mutations_of(written):
        row = lines[line - 1]
        assert row[column:column + len(written)] == written, (line, column, written)
        lines_copy = list(lines)
        lines_copy[line - 1] = row[:column] + mutated + row[column + len(written):]
        changed.append("\n".join(lines_copy))
    return changed


def mutations_of(written: str) -> list[str]:
    """Each digit changed by one, up and down (as the output-fence mutation test does)."""
    changed = []
    for index, character in enumerate(written):
        if character.isdigit():
            for step in (1, 9):
                digit = str((int(character) + step) % 10)
                changed.append(written[:index] + digit + written[index + 1:])
    return changed


def test_every_digit_of_every_bound_number_on_the_fixture_page_fails_at_its_line(
    tmp_path: Path
) -> None:
    shutil.copytree(FIXTURES, tmp_path, dirs_exist_ok=True)
    page = tmp_path / PAGE.name
    text = page.read_text()
    assert page_number_failures(page, tmp_path / "mkdocs.yml") == []
    findings = check_page(read_page(page), page_code(read_page(page))).findings
    bound = [f for f in findings if f.status in MUTATED]
    assert {f.status for f in bound} == set(MUTATED)
    for finding in bound:
        number = finding.number
        for mutated in _digit_mutations(text, number.line, number.column, number.text):
            page.write_text(mutated)
            failures = page_number_failures(page, tmp_path / "mkdocs.yml")
            assert any(f.startswith(f"{PAGE.name}:{number.line}:") or
                       f.startswith(f"{page}:{number.line}:") or
                       f":{number.line}:" in f.split(" ", 1)[0] for f in failures), (
                f"{number.text} at line {number.line} changed and still passes")
    page.write_text(text)


def _bound_in_course() -> list[tuple[Path, object]]:
    found = []
    for relative in lesson_pages():
        page = read_page(DOCS / relative)
        for finding in check_page(page, page_code(page)).findings:
            if finding.status in ("printed", "input", "computed", "not computed"):
                found.append((DOCS / relative, finding))
    return found


def test_a_sample_of_the_course_s_bound_numbers_fails_when_a_digit_changes(
    tmp_path: Path
) -> None:
    """A changed digit of a bound number no longer matches what bound it: the page's
    structure check names its line (a directive names the number it binds, and a restated
    number could be restated by nothing else). Quiz keys are checked when the page runs:
    the fixture page and the end-to-end test below cover them."""
    seed = int(os.environ.get("MUTATION_SEED", random.randrange(2**32)))
    chooser = random.Random(seed)
    bound = _bound_in_course()
    assert len(bound) > 100
    for path, finding in chooser.sample(bound, 60):
        number = finding.number  # type: ignore[attr-defined]
        text = path.read_text()
        mutated = chooser.choice(_digit_mutations(text, number.line, number.column,
                                                  number.text))
        copy = tmp_path / path.name
        copy.write_text(mutated)
        page = read_page(copy)
        problems = check_page(page, page_code(page)).problems
        assert any(p.split(": ", 1)[0].endswith(f":{number.line}") for p in problems), (
            f"MUTATION_SEED={seed}: {path.name}:{number.line}: {number.text} changed and "
            "still passes")


def test_a_mutated_prose_digit_in_a_real_page_fails_the_run_at_its_line(
    pytester: pytest.Pytester,
) -> None:
    """End to end: a copy of the course, one digit of one bound number changed, pytest."""
    for name in ("docs", "snippets", "figures"):
        shutil.copytree(ROOT / name, pytester.path / name)
    shutil.copy(MKDOCS_YML, pytester.path / "mkdocs.yml")
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    seed = int(os.environ.get("MUTATION_SEED", random.randrange(2**32)))
    chooser = random.Random(seed)
    path, finding = chooser.choice(_bound_in_course())
    number = finding.number  # type: ignore[attr-defined]
    copy = pytester.path / path.relative_to(ROOT)
    copy.write_text(chooser.choice(_digit_mutations(copy.read_text(), number.line,
                                                    number.column, number.text)))
    result = pytester.runpytest(*PLUGIN, str(copy))
    relative = copy.relative_to(pytester.path)
    assert result.ret == pytest.ExitCode.TESTS_FAILED, f"MUTATION_SEED={seed}: it passed"
    result.stdout.fnmatch_lines([f"*{relative}:{number.line}: *"])


def test_mutations_change_one_digit() -> None:
    (number,) = numbers_in(Prose(1, ["0.93"]))
    assert sorted(mutations(number))[:3] == ["0.03", "0.13", "0.23"]
    assert mutations_of("0.93") == ["1.93", "9.93", "0.03", "0.83", "0.94", "0.92"]


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
    result = _run(pytester, "power.md", _POSITIVE_POWER.replace("WRITTEN", written))
    if holds:
        result.assert_outcomes(passed=2)
    else:
        result.assert_outcomes(passed=1, failed=1)
        _says(result, f"power.md:7: the number {written} \\times 10^{{20}} is computed as "
                      "1.2157665459056928e+20")


def test_a_number_bound_twice_in_one_directive_is_refused(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    text = PAGE.read_text().replace("1.4 = 2 * w[0]", "1.4 = 2 * w[0]; 1.4 = w[0] + w[0]")
    result = _run(pytester, "prose_numbers.md", text)
    _says(result, "prose_numbers.md:29: the directive binds 1.4 more than once")


def test_a_value_that_is_not_a_finite_number_fails_with_a_message(
    pytester: pytest.Pytester, fixture_pages: Path
) -> None:
    text = PAGE.read_text().replace("1.4 = 2 * w[0]", "1.4 = float('nan')")
    result = _run(pytester, "prose_numbers.md", text, "--update-outputs")
    _says(result, "prose_numbers.md:27: the number 1.4 is computed as nan",
          "(the expression's value is not a finite number)")
    assert "1.4 = float('nan')" in (pytester.path / "prose_numbers.md").read_text()
