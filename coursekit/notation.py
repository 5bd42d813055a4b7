r"""One notation on every page: the symbols a page's math uses, against the Notation page.

The Notation page (``docs/notation.md``) is the authority: a symbol written in its math is
defined. :func:`drift` reads another page's math (``$$ ... $$`` blocks, inline ``$...$`` in
prose, tables, admonition titles and quizzes, as found by the page model) and reports

- a symbol the Notation page does not define and the page does not declare as its own;
- a lower-case ``w^{[l]}``: the course writes a layer's weights as the matrix ``W^{[l]}``;
- a column-vector product, ``W x``, ``W^{[1]} x``, ``w^\top x``: the course writes row
  vectors, ``x W^\top`` for a layer and ``w \cdot x`` for one unit;
- a weight std written ``\sigma_w``: ``\sigma`` is the sigmoid;
- an index letter used against the Notation page's meaning (i sample, j unit, k input):
  ``W_{ij}``, ``x_{ij}``, ``x_j``, a sum over ``j`` up to ``n_{\text{in}}``...

Each finding names the page, the line, the symbol and what the Notation page says instead.

>>> symbols(r"z_j = \sum_k W_{jk} a_k + b_j, \quad n_{\text{in}} \sigma(z)")
['z', 'j', 'k', 'W', 'j', 'k', 'a', 'k', 'b', 'j', 'n_in', '\\sigma', 'z']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from coursekit.pages import (
    ContainerMarker,
    MathBlock,
    Page,
    Prose,
    QuizFence,
    read_page,
    shown_path,
)

# Greek letters are symbols; every other command is an operator, a function name, spacing or
# a font, and stands for no symbol of its own.
GREEK = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
    "nu xi pi varpi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma "
    "Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ell".split()
)
# Commands whose braced argument is words, not symbols (``\text{batch}``, ``\operatorname{Var}``).
_WORDS = frozenset("text textrm textit textbf texttt mathrm operatorname mbox begin end".split())
# Letter fonts naming a different symbol: \mathbb{E} is not E.
_FONTS = frozenset("mathbb mathcal mathscr mathfrak".split())

_TOKEN = re.compile(r"\s*(\\[A-Za-z]+\*?|\\.|[A-Za-z]|\d+(?:\.\d+)?|\S)")
_GROUP = re.compile(r"\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_SUBSCRIPT_WORD = re.compile(r"\s*_\s*(?:\{\s*)?\\(?:text|mathrm|textrm)\s*\{(\w[\w\\ ]*)\}")


def symbols(latex: str) -> list[str]:
    r"""The symbols of a formula, in order: letters, Greek letters (``\sigma``), letters in a
    font that makes them another symbol (``\mathbb{E}``), and a letter with a word as its
    subscript as one symbol (``n_{\text{in}}`` is ``n_in``).

    >>> symbols(r"\operatorname{Var}(z) = \mathbb{E}[\hat{y}^2] / \text{batch}")
    ['z', '\\mathbb{E}', 'y']
    """
    found: list[str] = []
    at = 0
    while at < len(latex):
        token = _TOKEN.match(latex, at)
        if token is None:  # only white space is left
            break
        at = token.end()
        text = token[1]
        if text.startswith("\\") and len(text) > 2:
            name = text[1:].rstrip("*")
            if name in _WORDS or name in _FONTS:
                group = _GROUP.match(latex, at)
                if group is not None:
                    at = group.end()
                    if name in _FONTS:
                        found.append(f"\\{name}{{{group[1].strip()}}}")
            elif name in GREEK:
                found.append(text)
        elif re.fullmatch(r"[A-Za-z]", text):
            word = _SUBSCRIPT_WORD.match(latex, at)
            if word is not None:
                at = word.end()
                found.append(f"{text}_{word[1].replace(chr(92), '').replace(' ', '')}")
            else:
                found.append(text)
    return found


# ------------------------------------------------------------------ where the math is

# arithmatex's inline math: a $ not followed by a space, up to a $ not preceded by one.
_INLINE = re.compile(r"(?<![\\$])\$(?![\s$])((?:\\.|[^\\$])+?)(?<![\s\\])\$(?!\$)")
_CODE_SPAN = re.compile(r"`[^`\n]*`")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


@dataclass(frozen=True)
class Formula:
    line: int  # where the formula starts, 1-based
    latex: str


def formulas(page: Page) -> Iterator[Formula]:
    """Every formula a reader sees on ``page``: display math and inline math in prose,
    tables, admonition and solution titles, and quizzes."""
    for block in page.blocks:
        if isinstance(block, MathBlock):
            yield Formula(block.start + 1, "\n".join(block.lines[1:-1]))
        elif isinstance(block, Prose | QuizFence | ContainerMarker):
            yield from _inline(block.start, block.lines)


def _inline(start: int, lines: list[str]) -> Iterator[Formula]:
    """Inline formulas, paragraph by paragraph (a formula never spans a blank line)."""
    paragraph: list[tuple[int, str]] = []
    for number, line in [*enumerate(lines, start=start), (0, "")]:
        if line.strip():
            paragraph.append((number, line))
            continue
        if paragraph:
            text = "\n".join(text for _, text in paragraph)
            hidden = _COMMENT.sub(_blank, _CODE_SPAN.sub(_blank, text))
            for match in _INLINE.finditer(hidden):
                yield Formula(paragraph[0][0] + hidden.count("\n", 0, match.start()),
                              text[match.start(1):match.end(1)])
        paragraph = []


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match[0])


# --------------------------------------------------------------------------- the check

NOTATION = Path("notation.md")


@dataclass(frozen=True)
class Drift:
    path: Path
    line: int
    symbol: str
    instead: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.symbol}: {self.instead}"


@dataclass(frozen=True)
class Convention:
    """A way of writing that the Notation page rules out, and what it says instead."""

    pattern: re.Pattern[str]
    instead: str


_LAYER = r"\^\s*\{\s*\[[^\]]*\]\s*(?:\\top\s*)?\}"  # ^{[l]}, ^{[l]\top}
_TOP = r"\^\s*(?:\\top\b|\{\s*\\top\s*\}|T\b|\{T\})"  # ^\top, ^T
# What may stand between a matrix and the vector it multiplies: space, brackets, fonts.
_FACTOR = r"(?:\\mathbf\s*\{\s*|\\left\s*|\\big[lr]?\s*|\\Big[lr]?\s*|[\s(\\,{]|\\[,;:!])*"
_BEFORE = r"(?<![\\A-Za-z])"  # a letter on its own, not the end of a word or a command
_INDICES = "(i is a sample, j a unit, k an input)"


def _indexed(letters: str, expected: str) -> re.Pattern[str]:
    """``W_{ij}``: one of ``letters``, maybe with a layer, and two index letters that are
    not ``expected``."""
    first, second = expected
    return re.compile(_BEFORE + f"[{letters}](?:{_LAYER})?" + r"\s*'?\s*_\s*\{\s*"
                      + rf"(?!{first}\s*,?\s*{second}\s*\}})[a-z]\s*,?\s*[a-z]\s*\}}")


CONVENTIONS = (
    Convention(re.compile(_BEFORE + r"w\s*" + _LAYER),
               "a layer's weights are the matrix W^{[l]} (shape (n_out, n_in)), written "
               "upper-case even when the layer has one unit"),
    Convention(re.compile(_BEFORE + r"(?:\\mathbf\s*\{\s*)?[Ww]\}?\s*(?:_\s*\{?\w+\}?\s*)?"
                          + _TOP + _FACTOR + r"(?:x|X|a)\}?(?![A-Za-z])"),
               "column-vector product: the course writes one unit as w \\cdot x + b and a "
               "layer as x W^\\top + b (row vectors)"),
    Convention(re.compile(r"(?<![\\A-Za-z_])(?:\\mathbf\s*\{\s*)?W\}?(?:" + _LAYER + r")?"
                          r"(?!\s*[_^])" + _FACTOR + r"(?:x|X|a|b)\}?(?![A-Za-z])"),
               "column-vector product W x: the course writes row vectors, x W^\\top + b "
               "(X W^\\top + b for a batch)"),
    Convention(re.compile(r"\\sigma\s*_\s*\{?\s*w\b"),
               "\\sigma is the sigmoid; the weights' standard deviation is s_w"),
    Convention(_indexed("W", "jk"),
               f"W_{{jk}} is the weight from input k to unit j {_INDICES}"),
    Convention(_indexed("Xx", "ik"), f"x_{{ik}} is feature k of sample i {_INDICES}"),
    Convention(_indexed("ZzAa", "ij"),
               f"z_{{ij}} and a_{{ij}} belong to unit j of sample i {_INDICES}"),
    Convention(re.compile(_BEFORE + r"x\s*'?\s*_\s*\{?\s*j\b"),
               f"a feature (an input) is indexed by k, x_k {_INDICES}"),
    Convention(re.compile(r"\\sum\s*_\s*\{\s*j\s*=[^}]*\}\s*\^\s*\{?\s*n_\s*\{?\s*"
                          r"\\text\s*\{in\}(?:\s*\})*"),
               f"a sum over the inputs runs over k, up to n_{{\\text{{in}}}} {_INDICES}"),
    Convention(re.compile(r"\\sum\s*_\s*\{\s*k\s*=[^}]*\}\s*\^\s*\{?\s*n_\s*\{?\s*"
                          r"\\text\s*\{out\}(?:\s*\})*"),
               f"a sum over the units runs over j, up to n_{{\\text{{out}}}} {_INDICES}"),
)

UNDEFINED = ("not on the Notation page (docs/notation.md): define it there, or declare it as "
             "this page's own symbol, with why")


def defined(notation: Page) -> frozenset[str]:
    """The symbols the Notation page writes in its math."""
    return frozenset(s for f in formulas(notation) for s in symbols(f.latex))


def drift(page: Page, known: frozenset[str], local: Mapping[str, str] | None = None,
          path: Path | None = None) -> list[Drift]:
    """What on ``page`` departs from the Notation page, whose symbols are ``known``.
    ``local`` maps what the page may write for itself to why: a symbol of its own
    (``"T"``), or a formula a convention would catch, as the finding shows it
    (``"W X^\\top"``). ``path`` names the page in the findings.

    >>> from coursekit.pages import parse_text
    >>> page = parse_text("Unit $i$ sums $z_i = W_{ij} x_j$ over $m$ inputs.")
    >>> [(d.line, d.symbol) for d in drift(page, frozenset("ijkWxz"))]
    [(1, 'W_{ij}'), (1, 'x_j'), (1, 'm')]
    """
    local = local or {}
    shown = path or Path(shown_path(page.path))
    found = []
    for formula in formulas(page):
        for convention in CONVENTIONS:
            for match in convention.pattern.finditer(formula.latex):
                written = " ".join(match[0].split())
                if written not in local:
                    line = formula.line + formula.latex.count("\n", 0, match.start())
                    found.append(Drift(shown, line, written, convention.instead))
        undefined = dict.fromkeys(s for s in symbols(formula.latex)
                                  if s not in known and s not in local)
        found += [Drift(shown, formula.line, symbol, UNDEFINED) for symbol in undefined]
    return found


def notation_symbols(path: Path) -> frozenset[str]:
    """The symbols the Notation page at ``path`` defines."""
    return defined(read_page(path))
