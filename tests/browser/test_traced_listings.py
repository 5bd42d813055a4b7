"""Traced listings on the site: under each traced listing, a folded table shows what each
line computed, and every value in it is the page's recorded trace (which the doc-test layer
checks against a run of the listing)."""

from __future__ import annotations

from typing import Any

import pytest

from coursekit import trace
from coursekit.pages import read_page
from coursekit.project import DOCS, lesson_pages
from tests.browser.conftest import Watch
from tests.browser.test_site_in_browser import goto, page_url

TRACED = {
    page_url(DOCS / page): [fence.trace.content for fence in read_page(DOCS / page).code_fences
                            if fence.traced and fence.trace is not None]
    for page in lesson_pages()
}
TRACED = {path: traces for path, traces in TRACED.items() if traces}


def test_lessons_1_2_4_and_12_have_traced_listings() -> None:
    lessons = [page_url(DOCS / page) for page in lesson_pages()]
    assert {lessons[0], lessons[1], lessons[3], lessons[11]} <= set(TRACED)


@pytest.mark.parametrize("path", sorted(TRACED))
def test_a_traced_listing_unfolds_into_its_recorded_values(
    watched: tuple[Any, Watch], site_url: str, path: str
) -> None:
    context, watch = watched
    tab = context.new_page()
    goto(tab, site_url + path)
    tables = tab.locator("details.nn-trace")
    assert tables.count() == len(TRACED[path]), "one folded trace per traced listing"
    for index, recorded in enumerate(TRACED[path]):
        details = tables.nth(index)
        assert not details.locator(".nn-trace__values").first.is_visible(), "starts folded"
        details.locator("summary").click()
        shown = details.locator(".nn-trace__values").all_inner_texts()
        assert shown == [entry for _, entry in trace.parse(recorded)]
        lines = details.locator(".nn-trace__line").all_inner_texts()
        assert lines == [str(number) for number, _ in trace.parse(recorded)]
    assert not watch.problems(), "\n".join(watch.problems())
