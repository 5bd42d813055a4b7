"""Number-aware comparison of what a fence printed with the output shown under it.

The rule a reader can rely on: a number written on the page with ``k`` decimals matches
a printed number within half a unit of its ``k``-th decimal (``0.931`` accepts anything
printed in ``[0.9305, 0.9315]``). Horizontal white space only separates tokens, so NumPy's
column padding does not matter; every other character, and the line structure, must be
equal. Changing any digit of a published number moves it by at least one unit of its
last decimal, so it always fails.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_MANTISSA = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+"
_NUMBER = rf"[-+]?(?:(?:{_MANTISSA})(?:[eE][-+]?\d+)?|(?:nan|inf)\b)"
_TOKEN = re.compile(rf"(?P<number>{_NUMBER})|(?P<text>\S)")


@dataclass(frozen=True)
class Token:
    """One number or one run of other non-blank characters on a line of output."""

    text: str
    is_number: bool
    line: int  # 0-based line within the output block
    start: int  # column where the token starts
    end: int

    @property
    def value(self) -> Decimal:
        """The number exactly as written (decimal, so 17th digits still count)."""
        return Decimal(self.text.replace(",", ""))

    @property
    def exponent(self) -> int | None:
        """The written power of ten (``-5`` for ``4.54e-05``), if there is one."""
        _, marker, exponent = self.text.lower().partition("e")
        return int(exponent) if marker and exponent.lstrip("+-").isdigit() else None

    @property
    def tolerance(self) -> Decimal:
        """Half a unit of the last decimal written: ``Decimal("0.931")`` gives 0.0005."""
        value = self.value
        if not value.is_finite():  # nan, inf: compared exactly
            return Decimal(0)
        return Decimal(5).scaleb(value.as_tuple().exponent - 1)


def tokenize(text: str) -> list[Token]:
    """Split output into numbers and runs of other non-blank characters, line by line.

    >>> [t.text for t in tokenize("[ 0.49  -0.45]  3 of 8")]
    ['[', '0.49', '-0.45', ']', '3', 'of', '8']
    """
    tokens: list[Token] = []
    for line_number, line in enumerate(text.rstrip("\n").split("\n")):
        for match in _TOKEN.finditer(line):
            is_number = match.lastgroup == "number"
            previous = tokens[-1] if tokens else None
            glued = (
                previous is not None
                and not is_number
                and not previous.is_number
                and previous.line == line_number
                and previous.end == match.start()
            )
            if glued:
                tokens[-1] = Token(
                    previous.text + match.group(), False, line_number, previous.start, match.end()
                )
            else:
                tokens.append(Token(match.group(), is_number, line_number, *match.span()))
    return tokens


@dataclass(frozen=True)
class NumberDifference:
    expected: Token
    actual: Token

    @property
    def difference(self) -> Decimal:
        return abs(self.actual.value - self.expected.value)

    def describe(self, first_line: int | None = None) -> str:
        where = f"output line {self.expected.line + 1}"
        if first_line is not None:
            where += f" (page line {first_line + self.expected.line})"
        return (
            f"{where}: expected {self.expected.text}, printed {self.actual.text}; "
            f"|difference| = {self.difference:.3g} > tolerance {self.expected.tolerance:.3g} "
            f"(half a unit of the last written decimal)"
        )


@dataclass(frozen=True)
class Comparison:
    """The verdict on one output block."""

    matches: bool
    number_differences: list[NumberDifference]
    text_difference: str | None  # first non-number difference, described
    same_shape: bool  # same tokens apart from number values


def _numbers_match(expected: Token, actual: Token) -> bool:
    if None not in (expected.exponent, actual.exponent) and expected.exponent != actual.exponent:
        return False  # 0.0e+00 and 0.0e+90 are equal numbers, but not the same published one
    e, a = expected.value, actual.value
    if e.is_nan() or a.is_nan():
        return e.is_nan() and a.is_nan()
    if e.is_infinite() or a.is_infinite():
        return e == a
    return abs(a - e) <= expected.tolerance


def compare(expected: str, actual: str) -> Comparison:
    """Compare expected output (from the page) with actual output (printed).

    >>> compare("score 0.931", "score 0.93086").matches
    True
    >>> compare("score 0.931", "score 0.932").matches
    False
    """
    expected_tokens, actual_tokens = tokenize(expected), tokenize(actual)
    differences: list[NumberDifference] = []
    text_difference = None
    for e, a in zip(expected_tokens, actual_tokens, strict=False):
        if e.is_number and a.is_number:
            if not _numbers_match(e, a):
                differences.append(NumberDifference(e, a))
        elif e.text != a.text or e.line != a.line:
            text_difference = f"output line {e.line + 1}: expected {e.text!r}, printed {a.text!r}"
            break
    if text_difference is None and len(expected_tokens) != len(actual_tokens):
        text_difference = (
            f"expected {len(expected_tokens)} tokens, printed {len(actual_tokens)}: "
            + ("output is longer than expected" if len(actual_tokens) > len(expected_tokens)
               else "output is shorter than expected")
        )
    if text_difference is None and expected.rstrip("\n").count("\n") != actual.rstrip(
        "\n"
    ).count("\n"):
        text_difference = "the number of lines differs"
    same_shape = text_difference is None
    return Comparison(same_shape and not differences, differences, text_difference, same_shape)


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
    lines = expected.rstrip("\n").split("\n")
    for difference in reversed(comparison.number_differences):
        token = difference.expected
        line = lines[token.line]
        lines[token.line] = line[: token.start] + difference.actual.text + line[token.end :]
    return "\n".join(lines)
