"""MkDocs hook: self-check quizzes written as a ```quiz fence, rendered at build time.

Syntax (one question after another; blank lines are optional)::

    ```quiz
    ? What does the bias of a neuron do?
    - [ ] It scales every input.
    - [x] It shifts the logit of every input by the same amount.
    - [ ] It turns the logit into a probability.
    > The bias is added after the weighted sum: $z = w \\cdot x + b$.
    ```

``? `` starts a question, ``- [x]`` marks a correct option and ``- [ ]`` a wrong one (one
correct option gives radio buttons, several give check boxes), ``> `` is an explanation
shown once the answers are checked. Text is inline Markdown (code, emphasis, ``$math$``).
A question or explanation may run over several lines. The pass mark is 75% unless the fence
says otherwise: ```` ```{.quiz pass="80"} ````. ``assets/javascripts/quiz.js`` makes it
interactive: answers are checked together, the score and pass/fail are shown, and answers
and score are kept in the browser's localStorage.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import markdown
from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.hooks.quiz")

DEFAULT_PASS = 75


class QuizSyntaxError(ValueError):
    pass


@dataclass
class Question:
    text: str
    options: list[tuple[str, bool]] = field(default_factory=list)
    explanation: str = ""

    @property
    def multiple(self) -> bool:
        return sum(correct for _, correct in self.options) > 1


_OPTION = re.compile(r"^- \[(?P<mark>[ xX])\]\s+(?P<text>.*)$")


def parse_quiz(source: str) -> list[Question]:
    """Questions of a quiz fence body; raises :class:`QuizSyntaxError` on malformed input."""
    questions: list[Question] = []
    last: str | None = None  # which part a continuation line extends
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        option = _OPTION.match(line)
        if line.startswith("? "):
            questions.append(Question(line[2:].strip()))
            last = "question"
        elif not questions:
            raise QuizSyntaxError(f"quiz line {number}: expected '? question', got {line!r}")
        elif option:
            questions[-1].options.append((option["text"].strip(), option["mark"] != " "))
            last = "option"
        elif line.startswith(">"):
            text = line[1:].strip()
            q = questions[-1]
            q.explanation = f"{q.explanation} {text}".strip()
            last = "explanation"
        elif last == "question":
            questions[-1].text += " " + line
        elif last == "option":
            text, correct = questions[-1].options[-1]
            questions[-1].options[-1] = (f"{text} {line}", correct)
        else:
            questions[-1].explanation += " " + line
    for index, question in enumerate(questions, start=1):
        if len(question.options) < 2:
            raise QuizSyntaxError(f"quiz question {index} needs at least two options")
        if not any(correct for _, correct in question.options):
            raise QuizSyntaxError(f"quiz question {index} has no correct option (- [x])")
    if not questions:
        raise QuizSyntaxError("empty quiz")
    return questions


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


def render_quiz(questions: list[Question], pass_mark: int) -> str:
    parts = [f'<div class="nn-quiz" data-pass="{pass_mark}">']
    for index, question in enumerate(questions, start=1):
        kind = "checkbox" if question.multiple else "radio"
        hint = " (choose all that apply)" if question.multiple else ""
        parts.append(f'<fieldset class="nn-quiz__question" data-question="{index}">')
        parts.append(
            f"<legend><span class=\"nn-quiz__number\">{index}.</span> "
            f"{_inline(question.text)}{hint}</legend>"
        )
        for position, (text, correct) in enumerate(question.options):
            parts.append(
                f'<label class="nn-quiz__option"><input type="{kind}" name="q{index}" '
                f'value="{position}"{" data-correct" if correct else ""}> '
                f"<span>{_inline(text)}</span></label>"
            )
        if question.explanation:
            parts.append(
                f'<p class="nn-quiz__explanation" hidden>{_inline(question.explanation)}</p>'
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


def fence_format(
    source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> str:
    try:
        questions = parse_quiz(source)
        pass_mark = int(options.get("pass", DEFAULT_PASS))
    except (QuizSyntaxError, ValueError) as error:
        log.warning("quiz: %s", error)
        return f'<pre class="nn-quiz-error"><code>{html.escape(source)}</code></pre>'
    return render_quiz(questions, pass_mark)


def _validate(language: str, inputs: dict[str, str], options: dict[str, Any],
              attrs: dict[str, Any], md: Any) -> bool:
    for key, value in inputs.items():
        if key != "pass" or not value.isdigit() or not 0 < int(value) <= 100:
            log.warning("quiz: unknown option %s=%r (only pass=\"<1-100>\")", key, value)
            return False
        options[key] = value
    return True


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences.setdefault("custom_fences", []).append(
        {"name": "quiz", "class": "nn-quiz", "format": fence_format, "validator": _validate}
    )
    return config
