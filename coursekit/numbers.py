"""The numbers a reader sees outside the code, and what checks each of them.

Every number in a page's prose, tables, math, admonitions, quizzes and figure alt text is
one of these (:func:`check_page` says which, and names the line of any that is none):

- **exempt** by the written rule of :func:`exemption`: small whole numbers, labels, years,
  sources, the reading time;
- **printed**: it restates a number of one of its section's ``output`` fences (which the
  doc-tests compare with what the code prints), at the same or a coarser precision: ``0.93``
  and ``93%`` restate ``0.931``;
- **input**: it is a number literal of its section's code (``0.7`` in ``w = [0.7, 0.3]``);
- **computed**: a value directive under its paragraph names the expression that computes it,
  ``<!-- doctest: 0.438 = softmax(rounded)[0] -->``; the doc-tests evaluate the expression
  in the page's namespace after the python fences above it have run, and compare;
- **quiz key**: the numeric right option of a quiz question keyed by ``quiz 2 = expression``
  (its wrong numeric options must differ from the value: **distractor**);
- **not computed**: ``<!-- doctest: 3.16 not computed: <why> -->`` says why it is not.

A restated or input number is bound only when changing any one of its digits would make it
match nothing else of its kind in its section (a section runs from one heading of level one
to three to the next). Otherwise it needs a directive: a changed digit must always fail.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path

from coursekit.pages import (
    Binding,
    Block,
    CodeFence,
    ContainerMarker,
    FigureRef,
    MathBlock,
    MermaidFence,
    OutputFence,
    Page,
    Prose,
    QuizFence,
    TraceFence,
    ValueDirective,
    directive_can_name,
    script_caption,
    shown_path,
)
from coursekit.project import FIGURES

# A number as the course writes one: a sign (also the typographic minus), digits with
# optional thousands separators and decimals, an exponent (1e-05, or \times 10^{-5} in text and
# math), and a percent sign.
_MANTISSA = r"(?:\d{1,3}(?:(?:,|\{,\})\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+"
_POWER = (r"(?:\s*(?:\u00d7|\\times|\\cdot|·)\s*10\s*(?:\^\s*\{?\s*(?P<power>[-\u2212+]?\d+)\s*\}?"
          r"|(?P<sup>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)))")
NUMBER = re.compile(
    rf"(?<![\w.^_\\])(?<![A-Za-z]-)(?P<sign>(?<![\w)\]}}])[-\u2212+])?(?P<mantissa>{_MANTISSA})"
    rf"(?:[eE](?P<exponent>[-+\u2212]?\d+)|{_POWER})?(?P<percent>\s?%|\\%)?(?![\w]|\.\d)"
)
MINUS = "\u2212"  # the typographic minus sign
_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺" + MINUS, "0123456789-+-")

# What a reader does not see as numbers in prose: code spans (code, checked when it runs),
# link targets, attribute lists, HTML comments and tags, footnote markers, TeX commands,
# and sub- or superscripted indices (x_1, W^{[2]}).
_HIDDEN = re.compile(  # (re.MULTILINE is not needed: it is applied to one line at a time)
    r"`[^`\n]*`"
    r"|\]\([^)\s]*(?:\s+\"[^\"]*\")?\)"
    r"|\{[:#.][^}\n]*\}|\{\s*[\w-]+=[^}\n]*\}"
    r"|<!--.*?-->|<[^>\n]+>"
    r"|\[\^[^\]\n]+\]"
    r"|\\[A-Za-z]+"
    r"|_\{[^}\n]*\}|_[\w\[\]]"  # subscripts: indices
    r"|\^\{[^}\n]*[A-Za-z\[\](\\][^}\n]*\}|\^[A-Za-z\[\]]"  # superscripts with a name in them
    r"|\[[^\]\n]*\]\[[^\]\n]*\]"  # reference-style link labels [text][label]: the label
    r"|^\s*\d+[.)](?=\s)"  # an ordered list's item numbers
)
_LABEL_WORDS = (r"[Ll]esson|[Ss]ection|[Ff]igure|[Ee]xercise|[Ss]olution|[Qq]uestion|[Pp]art|"
                r"[Ss]tep|[Cc]hapter|[Ee]quation|[Pp]age|[Tt]able|[Aa]lgorithm|[Tt]heorem|"
                r"[Ll]emma|[Ll]ine|[Cc]ell")
# The number right after a label word ("lesson 5", "Eq. 3", "§2"), or in a list after the
# plural ("lessons 3, 4 and 5"); not "lesson 5, 784", where 784 is a value.
_LABEL = re.compile(
    rf"(?:\b(?:{_LABEL_WORDS})|\b(?:[Ee]q|pp?|[Vv]ol|[Nn]o)\.|§)\s*$"
    rf"|\b(?:{_LABEL_WORDS})s\s*(?:\d+(?:\.\d+)*\s*(?:,|and|or|to|-|\u2013)\s*)+$"
    r"|\bpp\.\s*\d+\s*(?:-|\u2013)\s*$"
)
_READING_TIME = re.compile(r"Reading time\b", re.IGNORECASE)
_SOURCES = ("references", "sources", "further reading")


@dataclass(frozen=True)
class ProseNumber:
    """A number in a block's visible text."""

    text: str
    value: Decimal
    unit: Decimal  # the place of its last written digit: 0.001 for 0.931
    percent: bool
    line: int
    column: int  # in the line, 0-based
    block: Block

    def matches(self, value: Decimal, percent: bool = False) -> bool:
        """Does ``value`` (a percentage if ``percent``) round to this number as written?"""
        return _within(self, self.value, value, percent)


@dataclass
class Finding:
    number: ProseNumber
    status: str  # "exempt", "printed", "input", "computed", "quiz key", "distractor",
    #             "not computed" or "unbound"
    detail: str = ""
    binding: Binding | None = None
    source: tuple[int, int] | None = None  # printed: (output fence's line, token index)


@dataclass
class PageNumbers:
    """What :func:`check_page` found on a page."""

    page: Page
    findings: list[Finding] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def counts(self) -> Counter[str]:
        return Counter(f.status for f in self.findings)

    @cached_property
    def points(self) -> dict[int | None, list[ValueDirective]]:
        """The page's value directives by the fence after which they are evaluated
        (:func:`evaluation_points`)."""
        return evaluation_points(self.page)


def parse_number(match: re.Match[str]) -> tuple[Decimal, Decimal] | None:
    """Value and unit of a matched number, or None for something that only looks like one."""
    mantissa = match["mantissa"].replace("{,}", "").replace(",", "")
    sign = -1 if match["sign"] in ("-", MINUS) else 1
    power = match["exponent"] or match["power"] or match["sup"]
    try:
        value = Decimal(mantissa) * sign
        decimals = len(mantissa.split(".", 1)[1]) if "." in mantissa else 0
        unit = Decimal(1).scaleb(-decimals)
        if power:
            shift = int(power.translate(_SUPERSCRIPT))
            value, unit = value.scaleb(shift), unit.scaleb(shift)
    except (InvalidOperation, ValueError):
        return None
    return value, unit


def written_number(text: str) -> tuple[Decimal, Decimal, bool] | None:
    """Value, unit and percent sign of a number written alone (``"93.1%"``), or None."""
    match = NUMBER.fullmatch(text.strip())
    if match is None:
        power = _BARE_POWER.fullmatch(text.strip())
        if power is None:
            return None
        value = Decimal(1).scaleb(int((power["power"] or power["sup"]).translate(_SUPERSCRIPT)))
        return value, value, False
    parsed = parse_number(match)
    if parsed is None:
        return None
    return parsed[0], parsed[1], bool(match["percent"])


def _within(number: ProseNumber, written: Decimal, value: Decimal,
            value_percent: bool = False) -> bool:
    """Does ``value`` round to ``written``, at ``number``'s precision? A percentage written
    in prose restates a fraction (93.1% restates 0.931) or a percentage."""
    if number.percent and not value_percent:
        value = value * 100
    elif value_percent and not number.percent:
        value = value / 100
    return abs(value - written) <= number.unit / 2


# A number times a power of ten, kept whole although it holds a TeX command and a superscript.
_SCIENTIFIC = re.compile(rf"(?:{_MANTISSA}){_POWER}|(?<![\w.])10\s*\^\s*\{{[-\u2212+]?\d+\}}")


def visible(text: str) -> str:
    r"""``text`` with what a reader does not see as numbers blanked (columns kept).

    >>> visible(r"$x_1 = 4.54 \times 10^{-5}$, `0.3`").rstrip()
    '$x   = 4.54 \\times 10^{-5}$,'
    """
    kept = [m.span() for m in _SCIENTIFIC.finditer(text)]

    def blank(match: re.Match[str]) -> str:
        if any(start <= match.start() < end for start, end in kept):
            return match[0]
        return " " * len(match[0])

    return _HIDDEN.sub(blank, text)


# A power of ten written alone, 10^{-8} in math or 10⁻⁸ in text: the number 1e-8.
_BARE_POWER = re.compile(
    r"(?<![\w.^_\\])10\s*(?:\^\s*\{?\s*(?P<power>[-\u2212+]?\d+)\s*\}?|(?P<sup>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))"
    r"(?!\w|\.\d)"
)


_TIMES_BEFORE = re.compile(r"(?:\u00d7|\\times|\\cdot|·)\s*$")


def _numbers_in_line(text: str, line: int, block: Block, start: int = 0) -> list[ProseNumber]:
    found = []
    shown = visible(text)
    bare = [m for m in _BARE_POWER.finditer(shown)
            if not _TIMES_BEFORE.search(shown, 0, m.start())]
    for match in bare:
        exponent = int((match["power"] or match["sup"]).translate(_SUPERSCRIPT))
        power = Decimal(1).scaleb(exponent)
        found.append(ProseNumber(match[0].strip(), power, power, False, line, match.start(),
                                 block))
    for match in bare:
        shown = shown[: match.start()] + " " * len(match[0]) + shown[match.end():]
    for match in NUMBER.finditer(shown):
        if match.start() < start:
            continue
        parsed = parse_number(match)
        if parsed is not None:
            found.append(ProseNumber(match[0].strip(), parsed[0], parsed[1],
                                     bool(match["percent"]), line, match.start(), block))
    return sorted(found, key=lambda number: number.column)


def numbers_in(block: Block) -> list[ProseNumber]:
    """The numbers a reader sees in a block of prose, math, a quiz, a diagram or a figure's
    alt text and caption."""
    if isinstance(block, FigureRef):
        line = block.lines[0]
        column = line.find(block.alt) if block.alt else -1
        if column < 0:
            return []
        # the alt text and the caption: blank the rest of the line
        shown = " " * column + block.alt + " " * (len(line) - column - len(block.alt))
        if block.title:
            at = line.find(f'"{block.title}"')
            if at >= 0:
                shown = shown[:at + 1] + block.title + shown[at + 1 + len(block.title):]
        return _numbers_in_line(shown, block.start, block)
    if isinstance(block, QuizFence | MermaidFence):  # a diagram's labels are read too
        lines = list(enumerate(block.lines, start=block.start))[1:-1]
    elif isinstance(block, Prose | MathBlock | ContainerMarker):
        lines = list(enumerate(block.lines, start=block.start))
    else:
        return []
    found = []
    for number, line in lines:
        if isinstance(block, ContainerMarker):  # only the title is shown
            title = re.search(r'"([^"]*)"', line)
            if title is None:
                continue
            found += _numbers_in_line(" " * title.start(1) + title[1], number, block)
            continue
        found += _numbers_in_line(line, number, block)
    return found


def exemption(number: ProseNumber, line: str, in_sources: bool) -> str | None:
    """Why a number is exempt from binding, or None. The rule, as README states it:

    1. small counts: whole numbers written as one digit, 0 to 9 (and -9 to -1), without a
       percent sign ("3 inputs", "layer 2", "8 by 8"); 10 is not one: a digit of a bound
       number changed could make it one;
    2. labels: the number of a lesson, section, figure, exercise, question, step, page,
       line... (the word right before it says so);
    3. dates and sources: years 1900-2099 written as dates or citations ("in 2015", "(2015)",
       "Cybenko 1989", "et al. 2018"), and
       everything in footnotes and in a References section;
    4. a lesson's reading time.

    >>> text = "see lesson 12, in 2015, 3 layers, 0.931"
    >>> [exemption(x, text, False) for x in numbers_in(Prose(1, [text]))]
    ['label', 'year', 'small count', None]
    """
    before = line[: number.column]
    if in_sources:
        return "source"
    if _LABEL.search(before):
        return "label"
    if _READING_TIME.search(before):
        return "reading time"
    if number.unit >= 1 and not number.percent:
        if len(number.text.lstrip("-+" + MINUS)) == 1:
            return "small count"
        after = line[number.column + len(number.text):]
        if 1900 <= number.value <= 2099 and number.text.isdigit() and (
                re.search(r"(?:\b[Ii]n|\b[A-Z][A-Za-z]+\)?,?|\bal\.,?)\s+$", before)
                or re.match(r"[a-z]?\)", after)):
            return "year"
    return None


def sections(page: Page) -> list[tuple[int, int]]:
    """The page's sections as (first line, last line): each starts at a heading of level
    one to three."""
    starts = [1]
    for block in page.blocks:
        if isinstance(block, Prose):
            starts += [n for n, line in enumerate(block.lines, start=block.start)
                       if re.match(r"^#{1,3}\s", line)]
    starts = sorted(set(starts))
    last = page.text.count("\n") + 1
    return list(zip(starts, [s - 1 for s in starts[1:]] + [last], strict=True))


@dataclass(frozen=True)
class Known:
    """A number the tests check: written in an output fence, or a literal of the code."""

    kind: str  # "printed" or "input"
    value: Decimal
    line: int  # the fence's opening line
    index: int  # the number's place among the fence's numbers
    percent: bool = False  # written with a percent sign


def known_numbers(page: Page, code: dict[int, str]) -> list[Known]:
    """Every number of the page's output fences and of its code (``code`` maps a python
    fence's opening line to the code it runs, includes expanded; a fence that does not run
    is left out)."""
    known = []
    for block in page.blocks:
        if isinstance(block, OutputFence | TraceFence):  # both compared with what ran
            kind, text = "printed", block.content
        elif isinstance(block, CodeFence) and block.start in code:
            kind, text = "input", code[block.start]
        else:
            continue
        index = 0
        for match in NUMBER.finditer(text):
            parsed = parse_number(match)
            if parsed is None:
                continue
            index += 1
            if parsed[1] >= 1 and abs(parsed[0]) <= 9 and not match["percent"]:
                continue  # one-digit whole numbers: exempt in prose, so never restated
            known.append(Known(kind, parsed[0], block.start, index - 1,
                               bool(match["percent"])))
    return known


def mutations(number: ProseNumber) -> list[str]:
    """The number's text with each digit changed to each other digit."""
    changed = []
    for index, character in enumerate(number.text):
        if character.isdigit():
            changed += [number.text[:index] + digit + number.text[index + 1:]
                        for digit in "0123456789" if digit != character]
    return changed


_LEADING_ZERO = re.compile(r"^[-+\u2212]?0\d")  # 05 or 012: no number is written so


def _mutated_values(number: ProseNumber) -> list[Decimal]:
    """The values of the number's one-digit changes that could be bound automatically
    (one written with a leading zero never is)."""
    values = []
    for text in mutations(number):
        if _LEADING_ZERO.match(text):
            continue
        parsed = written_number(text)
        if parsed is not None:
            values.append(parsed[0])
    return values


def _quiz_roles(quiz: QuizFence, where: str) -> dict[int, tuple[int, bool, str]]:
    """For each line of a quiz's options: (question number, right?, the option's text)."""
    roles = {}
    try:
        parsed = quiz.parse(where)
    except ValueError:
        return {}  # the page's structure check reports the quiz's syntax
    for number, question in enumerate(parsed.questions, start=1):
        for option in question.options:
            roles[option.line] = (number, option.correct, option.text)
    return roles


def numeric_option(text: str) -> str | None:
    """The number an option consists of (``"$0.438$"``, ``"93%"``), or None."""
    shown = visible(text)
    found = list(NUMBER.finditer(shown))
    if len(found) != 1:
        return None
    rest = (shown[: found[0].start()] + shown[found[0].end():])
    if re.sub(r"[\s$≈~]|about|roughly", "", rest, flags=re.IGNORECASE):
        return None
    return found[0][0].strip()


def _unbindable_captions(page: Page) -> list[Finding]:
    """Numbers in a figure's caption taken from its script's docstring (the page gives
    none): a directive cannot reach them there, so each is unbound unless exempt."""
    found = []
    for block in page.of_kind(FigureRef):
        if block.title or block.script is None:
            continue
        script = FIGURES / f"{block.script}.py"
        caption = script_caption(script) if script.is_file() else ""
        for number in _numbers_in_line(caption, block.start, block):
            if exemption(number, visible(caption), False) is None:
                found.append(Finding(number, "unbound", (
                    f"it is in the figure's caption, taken from the docstring of "
                    f"figures/{block.script}.py, where no directive can bind it; write the "
                    f"caption on the page, ![alt](src \"caption\"), and bind it there")))
    return found


def check_page(page: Page, code: dict[int, str]) -> PageNumbers:
    """Every number a reader sees on the page, with what binds it or why it is exempt, and
    what is wrong with the page's value directives."""
    result = PageNumbers(page)
    where = shown_path(page.path)
    lines = page.text.split("\n")
    known = known_numbers(page, code)
    spans = sections(page)

    def section(line: int) -> tuple[int, int]:
        return next(s for s in spans if s[0] <= line <= s[1])

    directives = page.of_kind(ValueDirective)
    by_target: dict[int, list[ValueDirective]] = {}
    for directive in directives:
        if directive.target is not None:
            by_target.setdefault(id(directive.target), []).append(directive)
    used: set[tuple[int, str]] = set()  # (directive line, number) that bound something
    bound_by: dict[int, list[ProseNumber]] = {}  # id of a binding -> the numbers it bound

    sources = source_lines(lines) | footnote_lines(lines)
    result.findings += _unbindable_captions(page)
    for block in page.blocks:
        quiz = _quiz_roles(block, where) if isinstance(block, QuizFence) else {}
        keys = {b.question: (d, b) for d in by_target.get(id(block), [])
                for b in d.bindings if b.question is not None}
        for number in numbers_in(block):
            line = lines[number.line - 1]
            role = quiz.get(number.line)
            if role is not None and role[0] in keys and numeric_option(role[2]) is not None:
                directive, binding = keys[role[0]]
                used.add((directive.start, f"quiz {role[0]}"))
                status = "quiz key" if role[1] else "distractor"
                result.findings.append(Finding(number, status, f"line {directive.start}",
                                               binding))
                continue
            reason = exemption(number, visible(line), number.line in sources)
            if reason is not None:
                result.findings.append(Finding(number, "exempt", reason))
                continue
            binding, directive = _directive_for(number, by_target.get(id(block), []))
            if binding is not None and directive is not None:
                used.add((directive.start, binding.number))
                bound_by.setdefault(id(binding), []).append(number)
                status = "not computed" if binding.reason else "computed"
                result.findings.append(Finding(number, status, f"line {directive.start}",
                                               binding))
                continue
            if _LEADING_ZERO.match(number.text):
                result.findings.append(Finding(number, "unbound", (
                    "it is written with a leading zero (a changed digit?)")))
                continue
            first, last = section(number.line)
            local = [k for k in known if first <= k.line <= last]
            local += _directive_literals(by_target.get(id(block), []))
            matches = [k for k in local if number.matches(k.value, k.percent)]
            if not matches:
                result.findings.append(Finding(number, "unbound", (
                    "it restates no number printed or used by the code in its section; "
                    f"bind it with <!-- doctest: {directive_spelling(number)} = <expression> "
                    "--> under its paragraph, or say why it is not computed")))
                continue
            confusable = [(m, k) for m in _mutated_values(number) for k in local
                          if _within(number, m, k.value, k.percent)]
            if confusable:
                mutated, other = confusable[0]
                result.findings.append(Finding(number, "unbound", (
                    f"it restates the {matches[0].kind} number of line {matches[0].line}, "
                    f"but written as {_as_written(number, mutated)} it would still restate "
                    f"the {other.kind} number of line {other.line}; bind it with "
                    f"<!-- doctest: {directive_spelling(number)} = <expression> --> under its "
                    "paragraph")))
                continue
            first_match = matches[0]
            result.findings.append(Finding(
                number, first_match.kind, f"line {first_match.line}",
                source=(first_match.line, first_match.index)))
    for finding in result.findings:
        if finding.status == "unbound":
            result.problems.append(
                f"{where}:{finding.number.line}: the number {finding.number.text} is not "
                f"checked: {finding.detail}")
    result.problems += _directive_problems(page, where, directives, used, result.findings)
    result.problems += _count_problems(where, directives, bound_by, result.findings)
    return result


def _count_problems(where: str, directives: list[ValueDirective],
                    bound_by: dict[int, list[ProseNumber]],
                    findings: list[Finding]) -> list[str]:
    """A binding says how many times its number is written in its block (``0.5 x2 = ...``;
    once when it does not say): a changed digit that turns one bound number into another
    changes a count, and fails at each line where the number now is."""
    problems = []
    for directive in directives:
        for binding in directive.bindings:
            numbers = bound_by.get(id(binding), [])
            if binding.question is not None or not numbers or len(numbers) == binding.count:
                continue
            times = f"x{len(numbers)} " if len(numbers) > 1 else ""
            for line in sorted({n.line for n in numbers}):
                problems.append(
                    f"{where}:{line}: {binding.number} is written {len(numbers)} time(s) in "
                    f"this block, but its directive (line {directive.start}) binds it "
                    f"{binding.count} time(s): write `{binding.number} {times}= ...` if that "
                    "is meant")
            if len(numbers) < binding.count:
                problems += _where_it_went(where, findings, directive, binding)
    return problems


def _where_it_went(where: str, findings: list[Finding], directive: ValueDirective,
                   binding: Binding) -> list[str]:
    """When a binding finds fewer of its number than it says: the lines, in its block, of
    the numbers written like it (0.45 like 0.46) that it does not bind, where a changed
    digit may have put one."""
    first, last = directive.target_lines
    shape = _shape(binding.number)
    return [
        f"{where}:{f.number.line}: {f.number.text} may stand where the directive at line "
        f"{directive.start} expects {binding.number}: was a digit changed?"
        for f in findings
        if first <= f.number.line <= last and f.binding is not binding
        and _shape(f.number.text) == shape
    ]


def _directive_literals(directives: list[ValueDirective]) -> list[Known]:
    """The number literals of the expressions of a block's directives: the givens of a quiz
    question or a worked example, bound by being what its key or result is computed from."""
    known = []
    for directive in directives:
        for binding in directive.bindings:
            for index, match in enumerate(NUMBER.finditer(visible_code(binding.expression))):
                parsed = parse_number(match)
                if parsed is not None and not (parsed[1] >= 1 and abs(parsed[0]) <= 9):
                    known.append(Known("input", parsed[0], directive.start, index))
    return known


def visible_code(expression: str) -> str:
    """An expression with its string literals blanked."""
    return re.sub(r"'[^']*'|\"[^\"]*\"", lambda m: " " * len(m[0]), expression)


def source_lines(lines: list[str]) -> set[int]:
    """The 1-based lines of a "References" (or "Sources", "Further reading") section."""
    found: set[int] = set()
    inside = False
    for number, line in enumerate(lines, start=1):
        heading = re.match(r"^#+\s+(.*?)\s*#*\s*$", line)
        if heading:
            inside = heading[1].strip().lower() in _SOURCES
        elif inside:
            found.add(number)
    return found


def footnote_lines(lines: list[str]) -> set[int]:
    """The 1-based lines of footnote definitions (``[^id]: ...`` and its indented lines)."""
    found: set[int] = set()
    inside = False
    for number, line in enumerate(lines, start=1):
        if re.match(r"^\[\^[^\]]+\]:", line):
            inside = True
        elif line.strip() and not line[0].isspace():
            inside = False
        if inside:
            found.add(number)
    return found


def directive_spelling(number: ProseNumber) -> str:
    r"""How a value directive names ``number``: as written when a directive can read it so,
    else in e-notation at its written digits (``4.54 \times 10^{-5}`` in math is ``4.54e-5``).

    >>> page_number = numbers_in(Prose(1, [r"About $5.6 \times 10^{18}$ passes."]))[0]
    >>> directive_spelling(page_number)
    '5.6e18'
    """
    if directive_can_name(number.text):
        return number.text
    exponent = number.value.adjusted()
    mantissa = number.value.scaleb(-exponent).quantize(number.unit.scaleb(-exponent))
    spelled = f"{mantissa}e{exponent}"
    parsed = written_number(spelled)
    if not directive_can_name(spelled) or parsed is None or \
            parsed[:2] != (number.value, number.unit):
        return number.text
    return spelled


def _as_written(number: ProseNumber, value: Decimal) -> str:
    for text in mutations(number):
        parsed = written_number(text)
        if parsed is not None and parsed[0] == value:
            return text
    return str(value)


def _directive_for(
    number: ProseNumber, directives: list[ValueDirective]
) -> tuple[Binding | None, ValueDirective | None]:
    for directive in directives:
        first, last = directive.target_lines
        if not first <= number.line <= last:
            continue
        for binding in directive.bindings:
            if binding.question is None and _same_number(binding.number, number):
                return binding, directive
    return None, None


def _same_number(written: str, number: ProseNumber) -> bool:
    parsed = written_number(written)
    return parsed is not None and parsed == (number.value, number.unit, number.percent)


def _directive_problems(
    page: Page, where: str, directives: list[ValueDirective], used: set[tuple[int, str]],
    findings: list[Finding],
) -> list[str]:
    problems = []
    for directive in directives:
        if directive.target is None:
            continue  # the page model reports where it is
        written = [written_number(b.number) for b in directive.bindings if b.number]
        for twice in sorted({b.number for b, w in zip(
                [b for b in directive.bindings if b.number], written, strict=True)
                if w is not None and written.count(w) > 1}):
            problems.append(
                f"{where}:{directive.start}: the directive binds {twice} more than once; "
                "only one binding is checked: bind it once (with an expression that checks "
                "every meaning, if it has several)")
        for binding in directive.bindings:
            if binding.expression and NUMBER.fullmatch(binding.expression.strip()):
                problems.append(
                    f"{where}:{directive.start}: {binding.number or binding.question} = "
                    f"{binding.expression} computes nothing: bind the number to what the "
                    "page computes it from, or say why it is not computed "
                    f"(<!-- doctest: {binding.number or 'N'} not computed: <why> -->)")
            if binding.question is not None:
                key = f"quiz {binding.question}"
                if (directive.start, key) not in used:
                    problems.append(
                        f"{where}:{directive.start}: {key} binds nothing: question "
                        f"{binding.question} of the quiz above has no numeric option")
            elif (directive.start, binding.number) not in used:
                first, last = directive.target_lines
                problems.append(
                    f"{where}:{directive.start}: the directive binds {binding.number}, but "
                    f"lines {first}-{last} above it show no such number (exempt numbers "
                    "need no binding)")
                problems += _where_it_went(where, findings, directive, binding)
    problems += _unkeyed_quiz_questions(page, where, directives)
    return problems


def _shape(text: str) -> str:
    """A number's written form with its digits masked: 0.45 and 0.46 have one shape."""
    return re.sub(r"\d", "0", text.replace(MINUS, "-"))


def _unkeyed_quiz_questions(page: Page, where: str,
                            directives: list[ValueDirective]) -> list[str]:
    """A question whose right option is a number must be keyed with ``quiz N = ...``."""
    keyed = {(id(d.target), b.question) for d in directives for b in d.bindings
             if b.question is not None}
    problems = []
    for quiz in page.quizzes:
        for line, (question, correct, text) in _quiz_roles(quiz, where).items():
            written = numeric_option(text)
            if not correct or written is None or (id(quiz), question) in keyed:
                continue
            parsed = written_number(written)
            if parsed is not None and parsed[1] >= 1 and abs(parsed[0]) <= 9 and not parsed[2]:
                continue  # a small count, exempt like any other
            problems.append(
                f"{where}:{line}: question {question}'s right option is the number "
                f"{written}: compute it with <!-- doctest: quiz {question} = <expression> --> "
                "under the quiz")
    return problems


def evaluation_points(page: Page) -> dict[int | None, list[ValueDirective]]:
    """The value directives to evaluate after each python fence has run, by the fence's
    opening line: a directive is evaluated once every python fence of its section has run,
    so that prose may state a fence's inputs before it and its results after it (in a
    section without python fences: once those above it have). Directives above every fence
    that runs are under ``None``, evaluated before the page's first fence."""
    runs = [f.start for f in page.code_fences if f.skip_reason is None]
    spans = sections(page)
    points: dict[int | None, list[ValueDirective]] = {}
    for directive in page.of_kind(ValueDirective):
        if directive.target is None:
            continue
        end = next(last for first, last in spans if first <= directive.start <= last)
        point = max((line for line in runs if line <= end), default=None)
        points.setdefault(point, []).append(directive)
    return points


def page_code(page: Page) -> dict[int, str]:
    """The code each python fence that runs runs, includes expanded (see ``known_numbers``)."""
    from coursekit.includes import SnippetError, expand

    code = {}
    for fence in page.code_fences:
        if fence.skip_reason is not None:
            continue
        try:
            code[fence.start] = expand(fence, Path(page.path))[0]
        except SnippetError:
            continue  # reported by the doc-test of the fence
    return code


__all__ = [
    "NUMBER", "Finding", "PageNumbers", "ProseNumber", "check_page",
    "evaluation_points", "exemption", "mutations", "numbers_in", "page_code", "written_number",
]
