"""Contrast in both palettes: outlined buttons, and the lines of figures whose colours the
figure script chooses (the renderer's style chooses the rest)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

import pytest

from coursekit.project import PALETTES
from tests.browser.conftest import Visits, on_page, open_context, same_worker_as
from tests.browser.contrast import contrast, effective_background, over, parse_colour
from tests.browser.test_site_in_browser import LESSON, goto

SCHEMES = ["light", "dark"]


def _check_buttons(page: Any, scheme: str) -> None:
    buttons = page.locator(".nn-notebook-links .md-button, .nn-quiz .md-button")
    texts = " | ".join(buttons.all_inner_texts())
    assert "notebook" in texts and "Start again" in texts, texts
    low = []
    for button in buttons.all():
        colour = parse_colour(button.evaluate("el => getComputedStyle(el).color"))
        ratio = contrast(colour, effective_background(page, button))
        if ratio < 4.5:
            low.append(f"{button.inner_text()!r}: {ratio:.2f}:1")
    assert not low, f"buttons below 4.5:1 in the {scheme} palette: {low}"


@pytest.mark.parametrize("path", on_page([LESSON]))
def test_buttons_have_text_contrast_light(visits: Visits, path: str) -> None:
    """The notebook links under a lesson's title and the quiz's buttons: at least 4.5:1."""
    visit = visits(path)
    _check_buttons(visit.tab, "light")
    assert not visit.problems(), "\n".join(visit.problems())


def test_buttons_have_text_contrast_dark(browser: Any, site_url: str) -> None:
    """The same, in a context that asks for the dark palette."""
    context, watch = open_context(browser, "dark")
    try:
        page = context.new_page()
        goto(page, site_url + LESSON)
        _check_buttons(page, "dark")
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


# Figures whose scripts set a colour (an arrow, a target curve) and the page they are on.
FIGURES = {
    "activations/saturation": "part1/activations/",
    "representation/sin-widths": "part1/representation/",
}
_STYLE = re.compile(r'style="(?P<style>[^"]*)"')


def _strokes(svg: str) -> set[tuple[str, float]]:
    strokes = set()
    for match in _STYLE.finditer(svg):
        style = dict(
            (key.strip(), value.strip())
            for key, _, value in (part.partition(":") for part in match["style"].split(";"))
        )
        if style.get("stroke", "none").startswith("#"):
            strokes.add((style["stroke"], float(style.get("stroke-opacity", 1.0))))
    return strokes


@pytest.mark.parametrize(("scheme", "figure"), [
    pytest.param(scheme, figure, id=f"{figure}-{scheme}",
                 marks=same_worker_as(FIGURES[figure]) if scheme == "light" else ())
    for figure in sorted(FIGURES) for scheme in SCHEMES
])
def test_figure_lines_stand_out_from_the_page(
    browser: Any, site_url: str, visits: Visits, scheme: str, figure: str
) -> None:
    """Every line of the figure (grid lines excepted: they are meant to be faint) at 3:1 or
    more against the page's background, as WCAG asks of graphics. In the light palette it
    reads the page's first load (``visits``); the dark palette has a context of its own."""
    if scheme == "light":
        visit = visits(FIGURES[figure])
        background, svg = _figure_on_page(visit.tab, figure, scheme)
        problems = visit.problems()
    else:
        context, watch = open_context(browser, scheme)
        try:
            page = context.new_page()
            goto(page, site_url + FIGURES[figure])
            background, svg = _figure_on_page(page, figure, scheme)
        finally:
            context.close()
        problems = watch.problems()
    assert not problems, "\n".join(problems)
    variant = "light" if scheme == "light" else "dark"
    grid = PALETTES[variant]["grid"].lower()
    strokes = {(c, a) for c, a in _strokes(svg) if c.lower() != grid}
    assert strokes, "no lines found in the SVG"
    faint = {
        f"{colour} at opacity {alpha}": round(contrast(over((*parse_colour(colour)[:3], alpha),
                                                            background), background), 2)
        for colour, alpha in strokes
    }
    faint = {line: ratio for line, ratio in faint.items() if ratio < 3.0}
    assert not faint, f"lines below 3:1 on the {scheme} background: {faint}"


def _figure_on_page(page: Any, figure: str, scheme: str) -> tuple[Any, str]:
    """The background behind the figure's shown variant, and that variant's SVG."""
    image = page.locator(f"img.nn-figure[src*='{figure}']:visible")
    assert image.count() == 1, f"{figure} not shown once in the {scheme} palette"
    background = effective_background(page, image)
    svg = page.request.get(urljoin(page.url, image.get_attribute("src") or "")).text()
    return background, svg
