"""A quiz as HTML: the questions, options and explanations, rendered at build time.

The markup is what ``docs/assets/javascripts/quiz.js`` expects. Inline text is Markdown
with ``$math$`` (typeset later, like the page's, by :mod:`coursekit.mathml`); math also
gets a text version that only screen readers read (``speakable_tex``), since a browser
gives math inside a form label no accessible name.
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache

import markdown

from coursekit.quiz import Question


@cache
def _inline_markdown() -> markdown.Markdown:
    return markdown.Markdown(
        extensions=["pymdownx.arithmatex", "pymdownx.betterem"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )


@cache  # questions rarely change between `mkdocs serve` rebuilds
def _inline(text: str) -> str:
    rendered = _inline_markdown().reset().convert(text)
    return rendered.removeprefix("<p>").removesuffix("</p>")


_MATH = re.compile(r"(?<![\\$])\$(?P<tex>[^$]+?)\$")
_TEX_ARGUMENT = r"\{(?P<%s>[^{}]*)\}"
_TEX_SYMBOLS = {
    "times": "×", "cdot": "·", "approx": "≈", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "ne": "≠", "neq": "≠", "infty": "∞", "pm": "±", "to": "→", "rightarrow": "→",
    "partial": "∂", "nabla": "∇", "sum": "Σ", "ldots": "…", "dots": "…", "in": "∈",
}
_TEX_SPACE = re.compile(r"\\(?:[,;:! ]|quad|qquad)")
_TEX_IGNORED = re.compile(r"\\(?:left|right|displaystyle|big|Big)\b")
_TEX_TEXT = re.compile(
    r"\\(?:text|mathrm|mathbf|mathit|operatorname|boldsymbol)" + _TEX_ARGUMENT % "a"
)
_TEX_FRAC = re.compile(r"\\frac" + _TEX_ARGUMENT % "a" + _TEX_ARGUMENT % "b")
_TEX_SQRT = re.compile(r"\\sqrt" + _TEX_ARGUMENT % "a")
_TEX_TRANSPOSE = re.compile(r"\^(?:\\top|\{\\top\})")
_TEX_SCRIPT = re.compile(r"(?P<op>[_^])" + _TEX_ARGUMENT % "a")
_TEX_COMMAND = re.compile(r"\\(?P<name>[A-Za-z]+)")


def _grouped(text: str) -> str:
    text = text.strip()
    return text if re.fullmatch(r"[\w.]+", text) else f"({text})"


def speakable_tex(tex: str) -> str:
    """Inline TeX as plain text, for a screen reader (browsers give MathML no accessible
    name inside a form label, so an option made of math would have none).

    >>> speakable_tex(r"9.54 \\times 10^{-7}")
    '9.54 × 10^(-7)'
    >>> speakable_tex(r"\\sqrt{2/256} \\approx 0.088")
    '√(2/256) ≈ 0.088'
    >>> speakable_tex(r"dZ^\\top A_{\\text{in}}")
    'dZᵀ A_in'
    >>> speakable_tex(r"\\sigma'(z) = \\frac{1}{1 + e^{-z}}")
    "σ'(z) = 1/(1 + e^(-z))"
    """
    text = _TEX_SPACE.sub(" ", tex)
    text = _TEX_IGNORED.sub("", text)
    text = _TEX_TRANSPOSE.sub("ᵀ", text)
    for _ in range(3):  # nested groups, innermost first
        text = _TEX_TEXT.sub(lambda m: m["a"], text)
        text = _TEX_FRAC.sub(lambda m: f"{_grouped(m['a'])}/{_grouped(m['b'])}", text)
        text = _TEX_SQRT.sub(lambda m: f"√({m['a'].strip()})", text)
        text = _TEX_SCRIPT.sub(lambda m: m["op"] + _grouped(m["a"]), text)

    def command(match: re.Match[str]) -> str:
        name = match["name"]
        if name in _TEX_SYMBOLS:
            return _TEX_SYMBOLS[name]
        try:  # \alpha ... \omega, \Sigma ...
            case = "CAPITAL" if name[0].isupper() else "SMALL"
            return unicodedata.lookup(f"GREEK {case} LETTER {name.upper()}")
        except KeyError:
            return name  # \log, \exp, \max ...

    text = _TEX_COMMAND.sub(command, text).replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", text).strip()


def _readable_inline(text: str) -> str:
    """Inline Markdown as HTML, each formula followed by a text version that only screen
    readers see (the MathML itself is hidden from them)."""

    def math(match: re.Match[str]) -> str:
        spoken = html.escape(speakable_tex(match["tex"]))
        return (f'<span aria-hidden="true">{match[0]}</span>'
                f'<span class="nn-quiz__spoken">{spoken}</span>')

    # The spans are raw HTML in the Markdown; the math inside stays Markdown for arithmatex.
    return _inline(_MATH.sub(math, text))


def render_quiz(questions: list[Question], pass_mark: int) -> str:
    parts = [f'<div class="nn-quiz" data-pass="{pass_mark}">']
    for index, question in enumerate(questions, start=1):
        kind = "checkbox" if question.multiple else "radio"
        hint = " (choose all that apply)" if question.multiple else ""
        parts.append(f'<fieldset class="nn-quiz__question" data-question="{index}">')
        parts.append(
            f"<legend><span class=\"nn-quiz__number\">{index}.</span> "
            f"{_readable_inline(question.text)}{hint}</legend>"
        )
        # Filled in by quiz.js once the answers are checked: right or wrong in words.
        parts.append('<p class="nn-quiz__verdict" hidden></p>')
        for position, option in enumerate(question.options):
            text, correct = option.text, option.correct
            parts.append(
                f'<label class="nn-quiz__option"><input type="{kind}" name="q{index}" '
                f'value="{position}"{" data-correct" if correct else ""}> '
                f"<span>{_readable_inline(text)}</span></label>"
            )
        if question.explanation:
            parts.append(
                f'<p class="nn-quiz__explanation" hidden>'
                f"{_readable_inline(question.explanation)}</p>"
            )
        parts.append("</fieldset>")
    parts.append(
        '<div class="nn-quiz__controls">'
        '<button type="button" class="md-button md-button--primary nn-quiz__check">'
        "Check answers</button>"
        '<button type="button" class="md-button nn-quiz__reset">Start again</button>'
        '<p class="nn-quiz__score" role="status" aria-live="polite"></p>'
        "</div></div>"
    )
    return "\n".join(parts)
