"""Code and output a page shows fit its column at 1280 px, so that no code block scrolls
sideways on a desktop.

Measured in Chromium on the built site at 1280 x 900: a code block of the main column is
688 px wide, 16 px padding each side, in a 13.6 px monospace face of 8.18 px per character,
so 80 characters fit (79 in an ``output`` block, whose box is 5 px narrower). Inside an
admonition (an exercise's solution) the face is 10.88 px, 6.55 px per character: 96 fit (95).

Every page fits, with no exception: the allowances that lessons written before this check
once had for their longer lines are all gone (the last, lesson 13's, when its code was
rewrapped), and so is the mechanism that granted them. A line over the limit is to be
rewrapped, not allowed.
"""

from __future__ import annotations

import pytest

from coursekit.includes import expand
from coursekit.pages import Block, OutputFence, read_page
from coursekit.project import DOCS, ROOT, SNIPPETS

CODE, OUTPUT = 80, 79  # characters, in the main column
BOXED = 16  # more characters inside an admonition

PAGES = sorted(path.relative_to(DOCS).as_posix() for path in DOCS.rglob("*.md"))


def _boxed(block: Block) -> bool:
    return any(container.kind in ("admonition", "details") for container in block.containers)


def _too_long(limit: int, lines: list[tuple[int, str, bool]]) -> list[str]:
    """The lines wider than the limit (plus BOXED inside an admonition), one message each."""
    return [f"{where}: {width} characters, {limit + (BOXED if boxed else 0)} fit"
            for width, where, boxed in lines if width > limit + (BOXED if boxed else 0)]


def _shown_snippet_lines(page: str) -> list[tuple[int, str, bool]]:
    path = DOCS / page
    lines = []
    for fence in read_page(path).code_fences:
        code, origins = expand(fence, path)
        for text, origin in zip(code.split("\n"), origins, strict=False):
            if origin.path.is_relative_to(SNIPPETS):
                where = f"{origin.path.relative_to(ROOT)}:{origin.line}"
                lines.append((len(text), where, _boxed(fence)))
    return lines


def _output_lines(page: str) -> list[tuple[int, str, bool]]:
    fences = read_page(DOCS / page).of_kind(OutputFence)
    return [(len(text), f"docs/{page}:{fence.first_content_line + offset}", _boxed(fence))
            for fence in fences for offset, text in enumerate(fence.content.split("\n"))]


@pytest.mark.parametrize("page", PAGES)
def test_snippet_lines_fit_the_code_block(page: str) -> None:
    over = _too_long(CODE, _shown_snippet_lines(page))
    assert not over, "snippet lines that scroll at 1280 px (rewrap them):\n" + "\n".join(over)


@pytest.mark.parametrize("page", PAGES)
def test_output_lines_fit_the_output_block(page: str) -> None:
    over = _too_long(OUTPUT, _output_lines(page))
    assert not over, ("output lines that scroll at 1280 px (change how they print, then "
                      "--update-outputs):\n" + "\n".join(over))
