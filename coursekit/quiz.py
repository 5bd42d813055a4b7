"""The syntax of a self-check quiz, written as a ```quiz fence.

One question after another; blank lines are optional::

    ```quiz
    ? What does the bias of a neuron do?
    - [ ] It scales every input.
    - [x] It shifts the logit of every input by the same amount.
    - [ ] It turns the logit into a probability.
    > The bias is added after the weighted sum: $z = w \\cdot x + b$.
    ```

``? `` starts a question, ``- [x]`` marks a correct option and ``- [ ]`` a wrong one (one
correct option gives radio buttons, several give check boxes), ``> `` starts an explanation
shown once the answers are checked. Text is inline Markdown. A question, an option or an
explanation may run over several lines: a line that starts with none of the markers
continues the part above it. The pass mark is 75% unless the fence says otherwise:
```` ```{.quiz pass="80"} ````. Anything that looks like an option but is not written
``- [ ]`` / ``- [x]`` is an error, never merged silently into the text above it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

DEFAULT_PASS = 75

_OPTION = re.compile(r"^- \[(?P<mark>[ xX])\]\s+(?P<text>.*)$")
# Lines an author may have meant as an option or a question, written another way.
_LOOKS_LIKE_OPTION = re.compile(r"^(?:[-*+]\s*\[.?\]|[*+]\s|\[[ xX]?\])")
_PASS = re.compile(r"""^pass=["']?(?P<value>[^"']*)["']?$""")


class QuizSyntaxError(ValueError):
    """A malformed quiz; the message names the page and line."""


@dataclass
class Option:
    text: str
    correct: bool
    line: int


@dataclass
class Question:
    text: str
    line: int
    options: list[Option] = field(default_factory=list)
    explanation: str = ""

    @property
    def multiple(self) -> bool:
        return sum(option.correct for option in self.options) > 1


@dataclass
class Quiz:
    questions: list[Question]
    pass_mark: int = DEFAULT_PASS


def parse_quiz(
    source: str, first_line: int = 1, where: str = "quiz", options: Iterable[str] = ()
) -> Quiz:
    """The quiz in a fence's body. ``first_line`` is the page line of the body's first
    line; a fault raises :class:`QuizSyntaxError` as ``where:line: what is wrong``."""
    questions: list[Question] = []
    last = ""  # the part a continuation line extends

    def fail(line: int, message: str) -> QuizSyntaxError:
        return QuizSyntaxError(f"{where}:{line}: {message}")

    for offset, raw in enumerate(source.split("\n")):
        number = first_line + offset
        line = raw.strip()
        if not line:
            continue
        option = _OPTION.match(line)
        if line.startswith("? "):
            questions.append(Question(line[2:].strip(), number))
            last = "question"
        elif not questions:
            raise fail(number, f"expected '? question' first, got {line!r}")
        elif option:
            questions[-1].options.append(
                Option(option["text"].strip(), option["mark"] != " ", number)
            )
            last = "option"
        elif _LOOKS_LIKE_OPTION.match(line):
            raise fail(number, f"{line!r} looks like an option: write '- [ ] text' or "
                               "'- [x] text'")
        elif line.startswith(">"):
            question = questions[-1]
            question.explanation = f"{question.explanation} {line[1:].strip()}".strip()
            last = "explanation"
        elif last == "question":
            questions[-1].text += " " + line
        elif last == "option":
            questions[-1].options[-1].text += " " + line
        else:
            questions[-1].explanation += " " + line
    if not questions:
        raise fail(first_line, "empty quiz")
    for index, question in enumerate(questions, start=1):
        if len(question.options) < 2:
            raise fail(question.line, f"question {index} needs at least two options")
        if not any(option.correct for option in question.options):
            raise fail(question.line, f"question {index} has no correct option (- [x])")
    return Quiz(questions, _pass_mark(options, fail, first_line - 1))


def _pass_mark(options: Iterable[str], fail: Callable[[int, str], Exception], line: int) -> int:
    pass_mark = DEFAULT_PASS
    for option in options:
        match = _PASS.match(option)
        value = match["value"] if match else ""
        if match is None or not value.isdigit() or not 0 < int(value) <= 100:
            raise fail(line, f"unknown quiz option {option!r} (only pass=\"<1-100>\")")
        pass_mark = int(value)
    return pass_mark
