"""Collection: pytest-markdown-docs collects one test item per python fence, from the page
model.

pytest-markdown-docs asks the ``pytest_markdown_docs_markdown_it`` hook (public) for a
parser and reads the ``fence`` tokens it returns (``type``, ``map``, ``info``,
``content``). The parser given here answers from :mod:`coursekit.pages`, so the collector
and the runner see the same fences (every fence the site highlights as Python, in any
container) from one parse of each page. Fence options are not passed on: the course uses
none of pytest-markdown-docs' (``continuation``, ``retry:N``, ``fixture:``, ``runner:``),
and the page's structure check refuses them with a reason. Each fence instead asks for one
fixture, the one that gives the runner its test item.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from coursekit.pages import parse_text, read_page, shown_path
from tests.doclayer.evaluate import DocTestError
from tests.doclayer.prose import check_directive, directives_due, numbers_of

# Each fence asks, through pytest-markdown-docs' documented ``fixture:`` option, for the
# fixture that hands the runner its own pytest item (see ``plugin.doclayer_item``).
ITEM_FIXTURE = "doclayer_item"
NUMBERS_PROPERTY = "doclayer_numbers"  # a page's prose numbers, counted by what binds them


@dataclass(frozen=True)
class FenceToken:
    """The part of a markdown-it token pytest-markdown-docs reads."""

    map: tuple[int, int]  # 0-based first line, line after the last
    content: str
    type: str = "fence"
    info: str = f"python fixture:{ITEM_FIXTURE}"


class PageModelParser:
    """Stands in for a ``MarkdownIt`` parser: ``parse(text)`` gives the page's code fences."""

    def parse(self, text: str, env: Any = None) -> list[FenceToken]:
        return [
            FenceToken((fence.start - 1, fence.end), fence.content)
            for fence in parse_text(text).code_fences
        ]


class PageStructureItem(pytest.Item):
    """Checks a page for what the runner would never see or check (see ``Page.problems``)."""

    def runtest(self) -> None:
        page = read_page(self.path)
        numbers = numbers_of(page)
        self.user_properties.append((NUMBERS_PROPERTY, json.dumps(
            [shown_path(page.path), dict(numbers.counts())])))
        problems = page.problems() + numbers.problems
        if not any(f.skip_reason is None for f in page.code_fences):  # no fence evaluates them
            for directive in directives_due(numbers, None):
                problems += [m.message for m in check_directive(directive, numbers, {})]
        if problems:
            raise DocTestError("\n".join(problems))

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, DocTestError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"{self.path.name}: page structure"


class PageStructureFile(pytest.File):
    def collect(self) -> list[pytest.Item]:
        return [PageStructureItem.from_parent(self, name="[page structure]")]
