"""Quizzes for keyboard and screen-reader users: visible focus, right and wrong said in
words, the right answers marked after checking, and a name for every option."""

from __future__ import annotations

import re
from typing import Any

import pytest

from coursekit.pages import read_page
from coursekit.project import DOCS
from tests.browser.conftest import Visits, Watch, on_page
from tests.browser.contrast import contrast, effective_background, parse_colour
from tests.browser.test_site_in_browser import ABOUT, goto, page_url

_MATH_ONLY = re.compile(r"\$[^$]+\$")


def pages_with_math_only_options() -> list[str]:
    """Pages whose quizzes have an option made of a formula alone."""
    return sorted(
        page_url(source) for source in DOCS.rglob("*.md")
        if any(_MATH_ONLY.fullmatch(option.text.strip())
               for quiz in read_page(source).quizzes
               for question in quiz.parse().questions for option in question.options)
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_keyboard_focus_on_an_option_is_visible(
    browser: Any, site_url: str, scheme: str
) -> None:
    from tests.browser.conftest import open_context

    context, watch = open_context(browser, scheme)
    try:
        page = context.new_page()
        goto(page, site_url + ABOUT)
        page.locator(".nn-quiz__check").first.scroll_into_view_if_needed()
        # From the quiz's first option, Tab moves to the next question's options.
        page.locator(".nn-quiz input").first.focus()
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => {
            const el = document.activeElement, style = getComputedStyle(el);
            return {quiz: !!el.closest('.nn-quiz'), tag: el.tagName,
                    style: style.outlineStyle, width: parseFloat(style.outlineWidth),
                    colour: style.outlineColor};
        }""")
        assert focused["quiz"] and focused["tag"] == "INPUT", focused
        assert focused["style"] not in ("none", "hidden") and focused["width"] >= 2, focused
        ring = parse_colour(focused["colour"])
        background = effective_background(page, page.locator(".nn-quiz").first)
        assert contrast(ring, background) >= 3.0, (focused, background)
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


def test_checked_answers_are_marked_in_words(watched: tuple[Any, Watch], site_url: str) -> None:
    context, _ = watched
    page = context.new_page()
    goto(page, site_url + ABOUT)
    quiz = page.locator(".nn-quiz").first
    first = quiz.locator(".nn-quiz__question[data-question='1']")
    second = quiz.locator(".nn-quiz__question[data-question='2']")
    right_option = first.locator("input[data-correct]").first
    right_option.check()
    wrong_option = second.locator("input:not([data-correct])").first
    wrong_option.check()
    assert quiz.locator(".nn-quiz__verdict:visible").count() == 0, "a verdict before checking"
    quiz.locator(".nn-quiz__check").click()

    assert first.locator(".nn-quiz__verdict").inner_text().startswith("\u2713 Right")
    assert second.locator(".nn-quiz__verdict").inner_text().startswith("\u2717 Not right")

    def mark(option: Any) -> str:
        label = option.locator("xpath=ancestor::label[1]")
        marks = label.locator(".nn-quiz__mark")
        return marks.inner_text() if marks.count() else ""

    assert mark(right_option) == "\u2713 your answer, right"
    assert mark(wrong_option) == "\u2717 your answer, wrong"
    # The right answers the reader missed are marked too; other options are not.
    for option in second.locator("input").all():
        expected = ("\u2713 right answer" if option.get_attribute("data-correct") is not None
                    else "\u2717 your answer, wrong" if option.is_checked() else "")
        assert mark(option) == expected
    # Marks are announced with their option.
    name = page.get_by_role("radio", name=re.compile("your answer, right")).count()
    assert name == 1
    quiz.locator(".nn-quiz__reset").click()
    assert quiz.locator(".nn-quiz__mark").count() == 0
    assert quiz.locator(".nn-quiz__verdict:visible").count() == 0


def _accessible_names(page: Any) -> list[tuple[str, str]]:
    """Chromium's own accessible role and name of every quiz option on the page."""
    session = page.context.new_cdp_session(page)
    try:
        root = session.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        inputs = session.send(
            "DOM.querySelectorAll", {"nodeId": root, "selector": ".nn-quiz input"}
        )["nodeIds"]
        found = []
        for node_id in inputs:
            node = session.send(
                "Accessibility.getPartialAXTree", {"nodeId": node_id, "fetchRelatives": False}
            )["nodes"][0]
            found.append((node["role"]["value"], node.get("name", {}).get("value", "")))
        return found
    finally:
        session.detach()


@pytest.mark.parametrize("path", on_page(pages_with_math_only_options()))
def test_every_option_has_an_accessible_name(visits: Visits, path: str) -> None:
    visit = visits(path)
    names = _accessible_names(visit.tab)
    assert len(names) == visit.tab.locator(".nn-quiz input").count() > 0
    unnamed = [role for role, name in names if not name.strip()]
    assert not unnamed, f"{len(unnamed)} options with no accessible name"
    tex = [name for _, name in names if "\\" in name or "$" in name]
    assert not tex, f"TeX source read out: {tex}"
    assert not visit.problems(), "\n".join(visit.problems())


@pytest.mark.parametrize("path", on_page(["part2/training/"]))
def test_a_formula_option_is_named_by_its_formula(visits: Visits, path: str) -> None:
    names = [name for _, name in _accessible_names(visits(path).tab)]
    assert "9.54 × 10^(-7)" in names and "√(2/256) ≈ 0.088" in names, names
