"""MkDocs hook: self-check quizzes written as a ```quiz fence, rendered at build time.

The syntax is :mod:`coursekit.quiz`'s (one ``? question``, its ``- [ ]`` / ``- [x]``
options and an optional ``> explanation``; ``{.quiz pass="80"}`` sets the pass mark).
A malformed quiz fails the strict build, naming the page and line.
``assets/javascripts/quiz.js`` makes it interactive: answers are checked together, the
score and pass/fail are shown, and answers and score are kept in the browser's localStorage.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from coursekit.pages import QuizFence, source_page
from coursekit.quiz import QuizSyntaxError, parse_quiz
from coursekit.quiz_html import render_quiz

log = logging.getLogger("mkdocs.hooks.quiz")
_reported: set[str] = set()  # quiz bodies whose fault was reported with its page and line


def fence_format(
    source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> str:
    try:
        quiz = parse_quiz(source, options=[f'pass="{options["pass"]}"'] if "pass" in options
                          else [])
    except QuizSyntaxError as error:
        if source not in _reported:
            log.warning("quiz: %s", error)
        return f'<pre class="nn-quiz-error"><code>{html.escape(source)}</code></pre>'
    return render_quiz(quiz.questions, quiz.pass_mark)


def _validate(language: str, inputs: dict[str, str], options: dict[str, Any],
              attrs: dict[str, Any], md: Any) -> bool:
    """Accept the fence's options; their faults are reported by ``on_page_markdown``."""
    options.update(inputs)
    return True


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Report each malformed quiz with its page and line (the fence formatter is not told
    where a fence is)."""
    source = source_page(page.file)
    for fence, fault in source.fence_faults() if source is not None else []:
        if isinstance(fence, QuizFence):
            log.warning("quiz: %s", fault)
            _reported.add(fence.content.strip("\n"))
            _reported.add(fence.content)
    return markdown


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences.setdefault("custom_fences", []).append(
        {"name": "quiz", "class": "nn-quiz", "format": fence_format, "validator": _validate}
    )
    return config
