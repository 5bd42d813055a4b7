"""Code annotations with the doc-test layout: a python fence, its output fence, then the
numbered list; each ``# (N)!`` marker must become a clickable note (hooks/annotations.py)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from coursekit.pages import read_page
from coursekit.project import DOCS
from tests.browser.conftest import Watch
from tests.browser.test_site_in_browser import goto, page_url

_MARKER = re.compile(r"#\s*\((?P<number>\d+)\)!")


def annotated_pages() -> dict[str, int]:
    """Pages with annotation markers in their code fences, and how many markers each has."""
    found = {}
    for source in sorted(DOCS.rglob("*.md")):
        fences = read_page(source).code_fences
        markers = sum(len(_MARKER.findall(fence.content)) for fence in fences)
        if markers:
            found[page_url(source)] = markers
    return found


ANNOTATED = annotated_pages()


def test_the_course_shows_annotations_somewhere() -> None:
    assert "about/" in ANNOTATED, "About this site shows every feature, annotations included"


@pytest.mark.parametrize("path", sorted(ANNOTATED))
def test_every_marker_is_a_clickable_annotation(
    watched: tuple[Any, Watch], site_url: str, path: str
) -> None:
    context, _ = watched
    page = context.new_page()
    goto(page, site_url + path)
    code = page.locator("article .highlight:not(.language-output) code")
    literal = [text for text in code.all_inner_texts() if _MARKER.search(text)]
    assert not literal, f"markers shown as plain comments: {literal}"
    annotations = page.locator("article .md-annotation")
    assert annotations.count() == ANNOTATED[path]
    for index in range(annotations.count()):
        annotation = annotations.nth(index)
        annotation.locator(".md-annotation__index").click()
        tooltip = annotation.locator(".md-tooltip")
        tooltip.wait_for(state="visible")
        assert len(tooltip.inner_text().strip()) > 10, "an empty note"
    # The verified output still follows its code block, and the list is not shown as such.
    annotated = page.locator("article .highlight:has(.md-annotation)")
    following = annotated.first.evaluate("""el => {
        let next = el.nextElementSibling;
        while (next && next.getClientRects().length === 0) next = next.nextElementSibling;
        return next ? next.outerHTML.slice(0, 80) : null;
    }""")
    assert following and "language-output" in following, following
