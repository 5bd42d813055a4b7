"""Numbers outside the fences: the value directives, evaluated and compared.

:mod:`coursekit.numbers` finds every number a reader sees in a page's prose, tables, math,
quizzes and alt text, and says what binds it. The static part (exempt, restated, used by
the code, or bound by a directive at all) is the page's structure check. What needs the
page's code to have run is here: each value directive's expression is evaluated in the
page's namespace once the python fences of its section have run (or, in a section without
one, those above it), and every number it binds is compared with the value as an output
fence's number is, at the precision it is written. Under ``--update-outputs`` a number that
differs is rewritten, in the prose and in its directive, at the precision it was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from coursekit.numbers import (
    MINUS,
    NUMBER,
    Finding,
    PageNumbers,
    ProseNumber,
    check_page,
    page_code,
    parse_number,
)
from coursekit.pages import Binding, Page, ValueDirective, parse_text
from tests.doclayer.compare import describe_number_difference, numbers_match


@dataclass(frozen=True)
class Mismatch:
    """A bound number that does not hold, with how to rewrite it if it can be."""

    message: str
    edits: tuple[tuple[int, int, str, str], ...] = ()  # (line, column, old, new)


def value_text(value: Any) -> str:
    """A computed value as the comparator reads a printed number: all its digits."""
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.item()
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"a truth value ({value}) is not a number")
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, Decimal):
        return str(value)
    try:
        return repr(float(value))
    except (TypeError, ValueError):
        raise TypeError(f"{type(value).__name__} {value!r:.60} is not a number") from None


def _plain(number: ProseNumber) -> str:
    """The prose number as the comparator reads it (no percent, separators, typographic
    minus or powers of ten), with its last written digit kept."""
    exponent = number.unit.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:  # 1.216 x 10^20: its unit is 10^17
        return f"{number.value:.{number.value.adjusted() - exponent}e}"
    places = max(0, -exponent)  # type: ignore[operator]
    return f"{number.value:.{places}f}"


def _as_compared(number: ProseNumber, value: str) -> str:
    """The value as compared with the prose number: written out without an exponent (the
    prose may write 10^{17} where Python writes 9.7e+16), and for a percentage, 100 times
    the value."""
    try:
        exact = Decimal(value) * (100 if number.percent else 1)
    except InvalidOperation:
        return value
    return format(exact, "f") if exact.is_finite() else value


def formatted_like(number: ProseNumber, value: str) -> str | None:
    """``value`` written as ``number`` is (decimals, percent, separators, minus sign), or
    None when the form cannot be kept (powers of ten)."""
    match = NUMBER.fullmatch(number.text)
    if match is None or match["exponent"] or match["power"] or match["sup"]:
        return None
    shown = Decimal(_as_compared(number, value))
    places = max(0, -number.unit.as_tuple().exponent)  # type: ignore[operator]
    separator = "," if "," in match["mantissa"] else ""
    mantissa = f"{abs(shown):{separator}.{places}f}"
    sign = ""
    if shown < 0 or (match["sign"] and shown.is_signed()):
        sign = match["sign"] if match["sign"] in ("-", MINUS) else "-"
    elif match["sign"] == "+":
        sign = "+"
    return number.text[: match.start("sign") if match["sign"] else match.start("mantissa")] + \
        sign + mantissa + number.text[match.end("mantissa"):]


def evaluate(expression: str, namespace: dict[str, Any]) -> Any:
    """The value of a directive's expression in the page's namespace, where ``math``, ``np``
    and ``nnref`` are always there (a page without code can still compute its numbers)."""
    import math

    import nnref

    scope = {"math": math, "np": np, "nnref": nnref, **namespace}
    return eval(compile(expression, "<value directive>", "eval"), scope)


def check_directive(
    directive: ValueDirective, numbers: PageNumbers, namespace: dict[str, Any]
) -> list[Mismatch]:
    """Evaluate a directive's bindings and compare every number each binds."""
    where = numbers.page.where
    mismatches = []
    for binding in directive.bindings:
        if binding.reason:  # not computed, and says why
            continue
        bound = [f for f in numbers.findings if f.binding is binding]
        try:
            value = value_text(evaluate(binding.expression, namespace))
        except Exception as error:  # the author's expression: report whatever it raised
            mismatches.append(Mismatch(
                f"{where(directive.start)}: {_name(binding)} = {binding.expression} could "
                f"not be computed: {type(error).__name__}: {error}" + (
                    " (a directive is evaluated once the python fences of its section have "
                    "run; math, np and nnref are always there)"
                    if isinstance(error, NameError) else "")))
            continue
        for finding in bound:
            mismatches += _compare(finding, binding, directive, value, where)
    return mismatches


def _name(binding: Binding) -> str:
    return f"quiz {binding.question}" if binding.question is not None else binding.number


def _compare(finding: Finding, binding: Binding, directive: ValueDirective, value: str,
             where: Any) -> list[Mismatch]:
    number = finding.number
    expected, actual = _plain(number), _as_compared(number, value)
    holds = numbers_match(expected, actual)
    percent = " (a percentage: 100 times the value)" if number.percent else ""
    if finding.status == "distractor":
        if not holds:
            return []
        return [Mismatch(
            f"{where(number.line)}: quiz {binding.question}: the wrong option {number.text} "
            f"is the computed key {value}{percent} at its written precision "
            f"({binding.expression}, directive at line {directive.start}); a wrong option "
            "must differ from the right answer")]
    if holds:
        return []
    message = (
        f"{where(number.line)}: the number {number.text} is computed as {value}{percent} by "
        f"{binding.expression} (directive at line {directive.start}): "
        f"{describe_number_difference(expected, actual)}\n"
        "(after an intended change: uv run pytest --update-outputs)")
    if value.lower().lstrip("+-") in ("nan", "inf"):
        return [Mismatch(message + " (the expression's value is not a finite number)")]
    new = formatted_like(number, value)
    if new is None:
        return [Mismatch(message + " (written with a power of ten: rewrite it by hand)")]
    edits = [(number.line, number.column, number.text, new)]
    if binding.question is None:
        line = directive.lines[0]
        at = re.search(rf"(?<![\w.]){re.escape(binding.number)}(?=\s*=)", line)
        if at is not None:
            edits.append((directive.start, at.start(), binding.number, new))
    return [Mismatch(message, tuple(edits))]


def numbers_of(page: Page) -> PageNumbers:
    """The page's numbers outside the fences, found once per page text in a process (the
    page's structure check and its fences' runner both ask)."""
    return _numbers(page.path, page.text)


@lru_cache(maxsize=32)
def _numbers(path: Path, text: str) -> PageNumbers:
    page = parse_text(text, path)
    return check_page(page, page_code(page))


def directives_due(numbers: PageNumbers, after: int | None) -> list[ValueDirective]:
    """The directives to evaluate once the fence at line ``after`` has run (None: before the
    page's first fence)."""
    return numbers.points.get(after, [])


def restated_edits(numbers: PageNumbers, fence_line: int, old: str,
                   new: str) -> list[tuple[Finding, str]]:
    """The prose numbers bound to numbers of the output fence at ``fence_line``, each with
    its new text, when that fence's text changes from ``old`` to ``new`` (matched by place:
    only when both hold as many numbers)."""
    before = [m for m in NUMBER.finditer(old) if m["mantissa"]]
    after = [m for m in NUMBER.finditer(new) if m["mantissa"]]
    if len(before) != len(after):
        return []
    edits = []
    for finding in numbers.findings:
        if finding.status != "printed" or finding.source is None:
            continue
        line, index = finding.source
        if line != fence_line or index >= len(after):
            continue
        parsed = parse_number(after[index])
        if parsed is None:
            continue
        value = str(parsed[0] / 100 if after[index]["percent"] else parsed[0])
        number = finding.number
        if numbers_match(_plain(number), _as_compared(number, value)):
            continue
        text = formatted_like(number, value)
        if text is not None:
            edits.append((finding, text))
    return edits


def page_number_failures(path: Any, mkdocs_yml: Any) -> list[str]:
    """Everything wrong with a page's numbers outside the fences, in one process: the
    structure check's and the value directives' (its fences are run to evaluate them). The
    mutation tests use it; a run of pytest reports the same through the page's items."""
    from coursekit.pages import read_page
    from tests.doclayer.evaluate import PageRun

    page = read_page(path)
    numbers = numbers_of(page)
    failures = list(numbers.problems)
    run = PageRun(page, mkdocs_yml)
    for directive in directives_due(numbers, None):
        failures += [m.message for m in check_directive(directive, numbers, run.namespace)]
    for fence in page.code_fences:
        if fence.skip_reason is not None:
            continue
        run.execute(fence)
        for directive in directives_due(numbers, fence.opening_line):
            failures += [m.message for m in check_directive(directive, numbers,
                                                              run.namespace)]
    return failures
