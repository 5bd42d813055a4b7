"""Number-aware comparison of what a fence printed with the output shown under it.

The rule a reader can rely on: a number written on the page with ``k`` decimals matches
a printed number within half a unit of its ``k``-th decimal (``0.931`` accepts anything
printed in ``[0.9305, 0.9315]``); where both sides write an exponent, the exponents must be
equal. Horizontal white space only separates tokens, so NumPy's column padding does not
matter; every other character must be equal, and so must the line structure: line ``i`` of
the page is compared with line ``i`` of what was printed, so a number that moved to another
line is a difference. Changing any digit of a published number moves it by at least one unit
of its last decimal, so it always fails.

The comparison is total and linear: any two texts either match or get a message, in time
proportional to their length (about a second a megabyte at worst). Lines are compared one
pair at a time, cheapest test first: equal strings; equal skeletons (the tokens with every
number replaced by one mark, built by the regular-expression engine), then number by
number; and token by token only where the structure differs. Numbers are compared exactly,
without arithmetic on their written exponents, so ``1e999999999`` (a hex digest can contain
one) is just a number.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, DecimalException
from itertools import zip_longest

_MANTISSA = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+"
_NUMBER = rf"[-+]?(?:(?:{_MANTISSA})(?:[eE][-+]?\d+)?|(?:nan|inf)\b)"
_NUMBER_RE = re.compile(_NUMBER)
# A run of characters none of which can start a number is text as a whole; any other
# non-blank character that does not start a number is one character of text.
_TOKEN = re.compile(rf"(?P<number>{_NUMBER})|(?P<text>[^\s\d+\-.ni]+|\S)")
_SPACE = re.compile(r"\s+")
# On a line whose white space is collapsed: a number, with the single spaces around it.
_SPACED_NUMBER = re.compile(rf" ?({_NUMBER}) ?")
_MARK = "\x00"  # stands for a number in a skeleton; a line containing it goes the slow way

LISTED_DIFFERENCES = 100  # number differences kept in a Comparison (all are counted)
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)  # integers: sums are exact
_LONGEST_EXPONENT = 4000  # written exponents with more digits are compared as written


@dataclass(frozen=True)
class Token:
    """One number or one run of other non-blank characters on a line of output."""

    text: str
    is_number: bool
    line: int  # 0-based line within the output block
    start: int  # column where the token starts
    end: int


def _line_tokens(line: str, line_number: int) -> Iterator[Token]:
    """The tokens of one line, glueing adjacent characters of text into one token."""
    run_start = run_end = -1
    for match in _TOKEN.finditer(line):
        start, end = match.span()
        if match.lastgroup == "text":
            if run_start >= 0 and run_end == start:
                run_end = end
                continue
            if run_start >= 0:
                yield Token(line[run_start:run_end], False, line_number, run_start, run_end)
            run_start, run_end = start, end
            continue
        if run_start >= 0:
            yield Token(line[run_start:run_end], False, line_number, run_start, run_end)
            run_start = -1
        yield Token(match.group(), True, line_number, start, end)
    if run_start >= 0:
        yield Token(line[run_start:run_end], False, line_number, run_start, run_end)


def _lines(text: str) -> list[str]:
    """The lines of an output block; blank lines at its end do not count."""
    lines = text.split("\n")
    while len(lines) > 1 and not lines[-1].strip():
        lines.pop()
    return lines


def tokenize(text: str) -> list[Token]:
    """Split output into numbers and runs of other non-blank characters, line by line.

    >>> [t.text for t in tokenize("[ 0.49  -0.45]  3 of 8")]
    ['[', '0.49', '-0.45', ']', '3', 'of', '8']
    """
    lines = _lines(text)
    return [token for number, line in enumerate(lines) for token in _line_tokens(line, number)]


# ------------------------------------------------------------------------ numbers


@dataclass(frozen=True)
class _Number:
    """A written number: ``sign * int(digits) * 10**last`` (or nan/inf), exponents as ints."""

    text: str
    negative: bool
    special: str | None  # "nan", "inf" or None
    digits: tuple[int, ...]  # the coefficient, without leading zeros; () for zero
    last: int  # power of ten of the last written digit: -3 for 0.931, 3 for 1e3
    exponent: int | None  # the written exponent, if any

    @property
    def top(self) -> int:
        """Power of ten of the first significant digit (of a non-zero number)."""
        return self.last + len(self.digits) - 1

    def decimal(self) -> Decimal:
        return Decimal((int(self.negative), self.digits or (0,), self.last))


def _parse(text: str) -> _Number | None:
    """The number a token writes, or None when its exponent is too long to compute with."""
    mantissa, marker, exponent_text = text.replace(",", "").lower().partition("e")
    negative = mantissa.startswith("-")
    unsigned = mantissa.lstrip("+-")
    if unsigned in ("nan", "inf"):
        return _Number(text, negative, unsigned, (), 0, None)
    exponent = None
    if marker:
        exponent_digits = exponent_text.lstrip("+-").lstrip("0") or "0"
        if len(exponent_digits) > _LONGEST_EXPONENT:
            return None
        exponent = -int(exponent_digits) if exponent_text.startswith("-") else int(exponent_digits)
    written = Decimal(unsigned).as_tuple()  # the mantissa alone: its exponent is small
    digits = tuple(written.digits)
    first = next((i for i, d in enumerate(digits) if d), len(digits))
    return _Number(text, negative, None, digits[first:], int(written.exponent) + (exponent or 0),
                   exponent)


def _signed(negative: bool, magnitude: Decimal) -> Decimal:
    return magnitude.copy_negate() if negative else magnitude  # exact: no context


def _within_tolerance(expected: _Number, actual: _Number) -> bool:
    """``|actual - expected| <= 5 * 10**(expected.last - 1)``, decided exactly.

    Only the digits of ``actual`` from one place below the tolerance's up to a couple of
    places above ``expected``'s first digit can matter, so the arithmetic is on integers no
    longer than ``expected``'s coefficient plus a few digits, whatever the written exponents.
    """
    t = expected.last - 1  # the tolerance is 5 * 10**t
    if not actual.digits:
        actual_top = None
    else:
        actual_top = actual.top
        ceiling = max(expected.top if expected.digits else t, t + 1)
        if actual_top >= ceiling + 2:  # |actual| >= 10**(ceiling+2) > |expected| + tolerance
            return False
    # In units of 10**(t-1): expected is its coefficient times 100, the tolerance 50.
    shift = actual.last - t
    if actual_top is None:
        actual_units = Decimal(0)
    elif shift >= 0:
        actual_units = Decimal((0, actual.digits, shift + 1))
    else:
        # Digits below 10**t only decide the case "exactly on the boundary or not"; any
        # non-zero remainder behaves like half a unit of 10**t.
        cut = max(0, len(actual.digits) + shift)
        kept, dropped = actual.digits[:cut], actual.digits[cut:]
        actual_units = _EXACT.add(Decimal((0, kept or (0,), 1)), 5 if any(dropped) else 0)
    expected_units = Decimal((0, expected.digits or (0,), 2))
    difference = _EXACT.subtract(
        _signed(actual.negative, actual_units), _signed(expected.negative, expected_units)
    )
    return difference.copy_abs() <= 50  # comparisons of decimals are exact


def numbers_match(expected: str, actual: str) -> bool:
    if expected == actual:
        return True
    e, a = _parse(expected), _parse(actual)
    if e is None or a is None:
        return False  # an exponent of thousands of digits: only the same text matches
    if e.exponent is not None and a.exponent is not None and e.exponent != a.exponent:
        return False  # 0.0e+00 and 0.0e+90 are equal numbers, but not the same published one
    if e.special or a.special:
        return e.special == a.special and (e.special == "nan" or e.negative == a.negative)
    return _within_tolerance(e, a)


def describe_number_difference(expected: str, actual: str) -> str:
    e, a = _parse(expected), _parse(actual)
    if e is None or a is None:
        return "its exponent is too long to compute with, so it must be written the same"
    if e.exponent is not None and a.exponent is not None and e.exponent != a.exponent:
        return "the written exponents differ (a published exponent must match exactly)"
    if e.special or a.special:
        return "nan and inf match only themselves"
    try:
        tolerance = Decimal((0, (5,), e.last - 1))
        for digits in (3, 6, 12, 30, 100):  # enough digits to show it exceeds the tolerance
            rounded = Context(prec=digits, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])
            difference = rounded.abs(rounded.subtract(a.decimal(), e.decimal()))
            if difference != tolerance:
                break
    except (DecimalException, OverflowError, ValueError):  # exponents beyond Decimal's range
        return f"|difference| > tolerance (half a unit of the decimal at 10^{e.last})"
    return (f"|difference| = {difference:g} > tolerance {tolerance:g} "
            "(half a unit of the last written decimal)")


# -------------------------------------------------------------------- differences


def _where(line: int, first_line: int | None) -> str:
    where = f"output line {line + 1}"
    if first_line is not None:
        where += f" (page line {first_line + line})"
    return where


def _show(text: str, limit: int = 60, *, quote: bool = True) -> str:
    """A token or line for a message: quoted (text) or not (numbers), and cut if long."""
    if len(text) <= limit:
        return repr(text) if quote else text
    shown = repr(text[:limit]) if quote else text[:limit]
    return f"{shown}... ({len(text):,} characters)"


@dataclass(frozen=True)
class NumberDifference:
    expected: Token
    actual: Token

    def describe(self, first_line: int | None = None) -> str:
        return (
            f"{_where(self.expected.line, first_line)}: expected "
            f"{_show(self.expected.text, quote=False)}, "
            f"printed {_show(self.actual.text, quote=False)}; "
            + describe_number_difference(self.expected.text, self.actual.text)
        )


@dataclass(frozen=True)
class LineDifference:
    """The first difference in anything but number values, and where it starts."""

    line: int  # 0-based line on the page's side
    what: str
    printed_line: int  # 0-based line on the printed side
    expected_column: int = 0
    printed_column: int = 0

    def describe(self, first_line: int | None = None) -> str:
        return f"{_where(self.line, first_line)}: {self.what}"


@dataclass(frozen=True)
class Comparison:
    """The verdict on one output block."""

    matches: bool
    number_differences: list[NumberDifference]  # the first LISTED_DIFFERENCES of them
    text_difference: str | None  # first non-number difference, described
    same_shape: bool  # same tokens on the same lines apart from number values
    number_difference_count: int = 0
    line_difference: LineDifference | None = None
    expected_lines: list[str] = field(default_factory=list, repr=False)
    printed_lines: list[str] = field(default_factory=list, repr=False)


def _skeleton(line: str) -> str:
    """The line's tokens, with every number replaced by the mark and runs of text split by
    single spaces. Two lines without the mark character have equal skeletons exactly when
    they have the same tokens apart from the values of their numbers."""
    return _SPACED_NUMBER.sub(_MARK, _SPACE.sub(" ", line).strip())


def _blank_line_difference(
    index: int, expected_lines: list[str], printed_lines: list[str]
) -> LineDifference | None:
    expected, printed = expected_lines[index], printed_lines[index]
    if not expected.strip() and printed.strip():
        following = expected_lines[index + 1] if index + 1 < len(expected_lines) else None
        if following is not None and _same_tokens(following, printed):
            what = "the page has a blank line here, the fence printed none"
        else:
            what = f"the page has a blank line here, the fence printed {_show(printed.strip())}"
        return LineDifference(index, what, index)
    if expected.strip() and not printed.strip():
        following = printed_lines[index + 1] if index + 1 < len(printed_lines) else None
        if following is not None and _same_tokens(expected, following):
            what = "the fence printed a blank line here, the page has none"
        else:
            what = (f"the fence printed a blank line here, the page has "
                    f"{_show(expected.strip())}")
        return LineDifference(index, what, index)
    return None


def _same_tokens(expected: str, printed: str) -> bool:
    return expected == printed or all(
        e is not None and p is not None and e.text == p.text
        for e, p in zip_longest(_line_tokens(expected, 0), _line_tokens(printed, 0))
    )


class _Collector:
    def __init__(self) -> None:
        self.listed: list[NumberDifference] = []
        self.count = 0

    def add(self, expected: Token, actual: Token) -> None:
        self.count += 1
        if len(self.listed) < LISTED_DIFFERENCES:
            self.listed.append(NumberDifference(expected, actual))


def _number_pairs(index: int, expected: str, printed: str) -> Iterator[tuple[Token, Token]]:
    """The numbers of two lines whose skeletons are equal, in order, as token pairs."""
    for e, p in zip(_NUMBER_RE.finditer(expected), _NUMBER_RE.finditer(printed), strict=True):
        if e.group() != p.group():
            yield (Token(e.group(), True, index, *e.span()),
                   Token(p.group(), True, index, *p.span()))


def _compare_line(
    index: int, expected: str, printed: str, collector: _Collector
) -> LineDifference | None:
    """Record the number differences of one line pair; return its first other difference."""
    if _MARK not in expected and _MARK not in printed and (
        _skeleton(expected) == _skeleton(printed)
    ):
        for e, p in _number_pairs(index, expected, printed):
            if not numbers_match(e.text, p.text):
                collector.add(e, p)
        return None
    previous: Token | None = None
    for e, p in zip_longest(_line_tokens(expected, index), _line_tokens(printed, index)):
        if e is None:
            assert p is not None
            after = f" after {_show(previous.text)}" if previous else ""
            return LineDifference(
                index, f"the page's line ends{after}, the fence's goes on with {_show(p.text)}",
                index, len(expected), p.start)
        if p is None:
            after = f" after {_show(previous.text)}" if previous else ""
            return LineDifference(
                index, f"the fence's line ends{after}, the page's goes on with {_show(e.text)}",
                index, e.start, len(printed))
        if e.is_number and p.is_number:
            if not numbers_match(e.text, p.text):
                collector.add(e, p)
        elif e.text != p.text or e.is_number != p.is_number:
            return LineDifference(
                index, f"expected {_show(e.text)}, printed {_show(p.text)}", index, e.start,
                p.start)
        previous = e
    return None


def _line_count_difference(expected_lines: list[str], printed_lines: list[str]) -> LineDifference:
    shorter = min(len(expected_lines), len(printed_lines))
    extra = abs(len(expected_lines) - len(printed_lines))
    if len(printed_lines) > len(expected_lines):
        return LineDifference(
            shorter, f"the fence printed {extra:,} more line(s) than the page shows, from "
            f"{_show(printed_lines[shorter])}", shorter)
    return LineDifference(
        shorter, f"the page shows {extra:,} more line(s) than the fence printed, from "
        f"{_show(expected_lines[shorter])}", shorter)


def compare(expected: str, actual: str) -> Comparison:
    """Compare expected output (from the page) with actual output (printed).

    >>> compare("score 0.931", "score 0.93086").matches
    True
    >>> compare("score 0.931", "score 0.932").matches
    False
    """
    expected_lines, printed_lines = _lines(expected), _lines(actual)
    collector = _Collector()
    difference = None
    for index, (e, p) in enumerate(zip(expected_lines, printed_lines, strict=False)):
        if e == p:
            continue
        difference = _blank_line_difference(index, expected_lines, printed_lines)
        if difference is None:
            difference = _compare_line(index, e, p, collector)
        if difference is not None:
            break
    if difference is None and len(expected_lines) != len(printed_lines):
        difference = _line_count_difference(expected_lines, printed_lines)
    same_shape = difference is None
    return Comparison(
        matches=same_shape and collector.count == 0,
        number_differences=collector.listed,
        text_difference=None if difference is None else difference.describe(),
        same_shape=same_shape,
        number_difference_count=collector.count,
        line_difference=difference,
        expected_lines=expected_lines,
        printed_lines=printed_lines,
    )


def refreshed_text(expected: str, actual: str) -> str:
    """The text an output fence should hold after ``--update-outputs``.

    Numbers that still match keep the form written on the page; the rest of the output is
    what the code printed. If the two differ in anything but number values, the printed
    output replaces the old block whole.

    >>> refreshed_text("a 0.931  b 0.15", "a 0.93086 b 0.2\\n")
    'a 0.931  b 0.2'
    """
    comparison = compare(expected, actual)
    if not comparison.same_shape:
        return actual.rstrip("\n")
    lines = list(comparison.expected_lines)
    for index, (e, p) in enumerate(zip(lines, comparison.printed_lines, strict=True)):
        if e == p:
            continue
        pieces, position = [], 0
        for e_token, p_token in _number_pairs(index, e, p):
            if not numbers_match(e_token.text, p_token.text):
                pieces.append(e[position : e_token.start] + p_token.text)
                position = e_token.end
        lines[index] = "".join(pieces) + e[position:]
    return "\n".join(lines)


# ------------------------------------------------------------------------ reports

REPORT_CONTEXT = 3  # unchanged lines shown before the first difference
REPORT_LINES = 20  # lines of each side shown from the first difference on
REPORT_WIDTH = 160  # characters shown of a line
REPORT_NUMBERS = 10  # number differences listed


def _shorten(line: str, column: int = 0, width: int = REPORT_WIDTH) -> str:
    """At most ``width`` characters of ``line``, from a little before ``column``."""
    if len(line) <= width:
        return line
    start = max(0, min(column - width // 4, len(line) - width))
    cut_before, cut_after = start, len(line) - start - width
    return (
        (f"[{cut_before:,} characters]..." if cut_before else "")
        + line[start : start + width]
        + (f"...[{cut_after:,} characters]" if cut_after > 0 else "")
    )


def _hidden(all_lines: list[str], shown: list[str], width: int) -> tuple[int, int]:
    """Lines and characters of ``all_lines`` that a report showing ``shown`` leaves out."""
    hidden_lines = len(all_lines) - len(shown)
    hidden_chars = sum(map(len, all_lines)) - sum(min(len(line), width) for line in shown)
    return hidden_lines, hidden_chars


def excerpt(text: str, lines: int = REPORT_LINES, width: int = REPORT_WIDTH) -> str:
    """The start of ``text`` for a message, saying how much was left out.

    >>> print(excerpt("a\\nb\\nc\\n", lines=2))
    a
    b
    [cut: 1 more line(s) and 1 character(s) not shown]
    """
    all_lines = _lines(text)
    head = all_lines[:lines]
    shown = [_shorten(line, 0, width) for line in head]
    hidden_lines, hidden_chars = _hidden(all_lines, head, width)
    if hidden_lines or hidden_chars:
        shown.append(f"[cut: {hidden_lines:,} more line(s) and {hidden_chars:,} character(s) "
                     "not shown]")
    return "\n".join(shown)


def failure_report(
    comparison: Comparison, where: str, first_line: int | None = None,
    what: str = "output differs from what the fence printed",
    source: str = "printed by the fence",
) -> str:
    """What a person reads when an output block does not match: what differs, and a diff
    of the region around the first difference, both cut to a readable size."""
    details = [d.describe(first_line) for d in comparison.number_differences[:REPORT_NUMBERS]]
    unlisted = comparison.number_difference_count - len(details)
    if unlisted > 0:
        details.append(f"... and {unlisted:,} more number(s) differ (the first "
                       f"{len(details)} are listed)")
    first, e_column, p_column = 0, 0, 0  # where the diff is centred: the first difference
    if comparison.number_differences:
        number = comparison.number_differences[0]
        first, e_column, p_column = number.expected.line, number.expected.start, number.actual.start
    difference = comparison.line_difference
    if difference is not None:
        details.append(difference.describe(first_line))
        if not comparison.number_differences:
            first, e_column, p_column = (
                difference.line, difference.expected_column, difference.printed_column)
    start, stop = max(0, first - REPORT_CONTEXT), first + REPORT_LINES
    expected_window = comparison.expected_lines[start:stop]
    printed_window = comparison.printed_lines[start:stop]
    diff = difflib.unified_diff(
        [_shorten(line, e_column if start + i == first else 0)
         for i, line in enumerate(expected_window)],
        [_shorten(line, p_column if start + i == first else 0)
         for i, line in enumerate(printed_window)],
        fromfile=f"{where} (on the page)", tofile=source, lineterm="",
        n=REPORT_CONTEXT,
    )
    report = [f"{where}: {what}"]
    report += [f"  - {d}" for d in details]
    report += [_offset_hunk(line, start) for line in diff]
    e_lines, e_chars = _hidden(comparison.expected_lines, expected_window, REPORT_WIDTH)
    p_lines, p_chars = _hidden(comparison.printed_lines, printed_window, REPORT_WIDTH)
    if e_lines or e_chars or p_lines or p_chars:
        last = start + max(len(expected_window), len(printed_window))
        report.append(
            f"[diff cut to output lines {start + 1}-{last}, {REPORT_WIDTH} characters a line; "
            f"not shown: {e_lines:,} line(s) and {e_chars:,} character(s) of the page's "
            f"{len(comparison.expected_lines):,} lines, {p_lines:,} line(s) and "
            f"{p_chars:,} character(s) of the {len(comparison.printed_lines):,} printed]"
        )
    report.append("(after an intended change: uv run pytest --update-outputs)")
    return "\n".join(report)


_HUNK = re.compile(r"^@@ -(\d+)(,\d+)? \+(\d+)(,\d+)? @@$")


def _offset_hunk(line: str, offset: int) -> str:
    """A unified-diff hunk header of a window, renumbered to the whole output's lines."""
    match = _HUNK.match(line)
    if match is None or not offset:
        return line
    return (f"@@ -{int(match[1]) + offset}{match[2] or ''} "
            f"+{int(match[3]) + offset}{match[4] or ''} @@")
