"""Figures and diagrams as a reader gets them: what is fetched, how heavy, how legible on a
phone, captioned and numbered, sized before they load, and opened full-size on tap."""

from __future__ import annotations

import contextlib
import re
from typing import Any

import pytest

from coursekit.project import lesson_pages
from tests.browser.conftest import PHONE, BuiltSite, Visits, on_page, open_context, report

LESSONS = [page.removesuffix(".md") + "/" for page in lesson_pages()]
FIRST_LOAD_BUDGET = 250_000  # bytes gzipped, a lesson's first load, search index excluded
SVG_BUDGET = 120_000  # bytes, any one figure or diagram
LEGIBLE = 0.7  # the smallest text of a figure, as a share of the body text's size
FIGURE_IMAGES = ".nn-figure__frame img"
# A lesson with diagrams near its top and figures below them.
MIXED = "part1/dense-layers/"


def _fetched_svgs(requests: list[str]) -> list[str]:
    return [url.split("#")[0].rsplit("/", 1)[-1] for url in requests if ".svg" in url]


def _scroll_through(page: Any) -> None:
    """Scroll down the page a screen at a time, so that every lazy image comes into view."""
    height = page.evaluate("document.documentElement.scrollHeight")
    for top in range(0, height + 1, 600):
        page.evaluate(f"window.scrollTo(0, {top})")
        page.wait_for_timeout(20)
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("path", on_page(LESSONS))
def test_lesson_first_load_is_within_budget(
    visits: Visits, path: str, request: pytest.FixtureRequest
) -> None:
    """What a reader's browser fetches to show a lesson (search index excluded), gzipped as
    a web server sends it; reported per page in the run's summary."""
    visit = visits(path)  # a first visit: fresh context, loaded until the network is idle
    assert not visit.problems(), "\n".join(visit.problems())
    counted = {u: n for u, n in visit.sizes.items() if "search_index.json" not in u}
    assert counted, f"{path}: no response was recorded"
    raw = sum(n for n, _ in counted.values())
    zipped = sum(z for _, z in counted.values())
    largest = sorted(counted.items(), key=lambda item: -item[1][1])[:3]
    summary = ", ".join(f"{u.rsplit('/', 1)[-1] or 'the page'} {z / 1000:.0f} kB"
                        for u, (_, z) in largest)
    report(request.config, f"first load of {path}: {zipped / 1000:.0f} kB gzipped "
           f"({raw / 1000:.0f} kB) in {len(counted)} requests; largest gzipped: {summary}")
    assert zipped <= FIRST_LOAD_BUDGET, (
        f"{path} first load is {zipped} bytes gzipped, over the budget of "
        f"{FIRST_LOAD_BUDGET}; largest: {summary}"
    )


def test_no_figure_or_diagram_is_over_budget(built_site: BuiltSite) -> None:
    site = built_site.path
    svgs = [*site.glob("figures/*/*.svg"), *site.glob("assets/diagrams/*.svg")]
    assert len(svgs) > 20, f"expected the course's figures, found {len(svgs)}"
    heavy = {p.name: p.stat().st_size for p in svgs if p.stat().st_size > SVG_BUDGET}
    assert not heavy, f"SVGs over {SVG_BUDGET} bytes: {heavy}"


def test_each_figure_is_shipped_once_per_palette(built_site: BuiltSite) -> None:
    """Only the two variants the pages show: no third, unreferenced copy."""
    names = [p.name for p in built_site.path.glob("figures/*/*.svg")]
    unvaried = [n for n in names if not n.endswith(("-light.svg", "-dark.svg"))]
    assert not unvaried, f"figures no page shows: {unvaried}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_only_the_visible_palettes_figures_are_fetched(
    browser: Any, site_url: str, scheme: str
) -> None:
    other = "dark" if scheme == "light" else "light"
    context, watch = open_context(browser, scheme)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        page = context.new_page()
        page.goto(site_url + MIXED, wait_until="load")
        _scroll_through(page)
        fetched = _fetched_svgs(requests)
        assert any(f"-{scheme}.svg" in name for name in fetched), fetched
        assert not [n for n in fetched if f"-{other}.svg" in n], (
            f"the hidden {other} variants were fetched in the {scheme} palette: {fetched}"
        )
        # After the toggle, the other palette's figures in view are fetched and shown.
        requests.clear()
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_function(
            "document.body.getAttribute('data-md-color-scheme') === "
            f"'{'slate' if other == 'dark' else 'default'}'"
        )
        page.evaluate("document.querySelector('figure.nn-figure').scrollIntoView()")
        in_view = ("images => images.filter(i => i.offsetParent !== null && "
                   "i.getBoundingClientRect().top < innerHeight && "
                   "i.getBoundingClientRect().bottom > 0)"
                   ".map(i => [i.getAttribute('src'), i.complete && i.naturalWidth > 0])")
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        # Wait for what the reader would see (on a busy machine the fetch and the decoding
        # take a while); if it never comes, the assertions below say what is shown instead.
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function(
                f"() => {{ const shown = ({in_view})([...document.querySelectorAll("
                f"'{FIGURE_IMAGES}')]); return shown.length > 0 && shown.every(([src, loaded])"
                f" => loaded && src.endsWith('#only-{other}')); }}", timeout=20_000)
        shown = page.eval_on_selector_all(FIGURE_IMAGES, in_view)
        assert shown, "no figure in view after the toggle"
        assert all(src.endswith(f"#only-{other}") and loaded for src, loaded in shown), shown
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


@pytest.mark.parametrize("path", on_page(LESSONS))
def test_figures_are_sized_captioned_and_numbered(visits: Visits, path: str) -> None:
    """Every figure and diagram: width and height before it loads, its alt text, and a
    caption "Figure <lesson>.<n>:" numbered in order down the page."""
    visit = visits(path)
    found = visit.figures_before_load  # read when the HTML was parsed, before images load
    lesson = int(visit.tab.locator("article h1").inner_text().split(":")[0].split()[-1])
    for number, figure in enumerate(found, start=1):
        caption = figure["caption"]
        assert re.match(rf"Figure {lesson}\.{number}: \S", caption), (path, caption)
        assert len(figure["images"]) == 2, (path, figure)
        for image in figure["images"]:
            assert image["width"] and image["height"], (path, caption, image)
            assert len(image["alt"]) > 10, (path, caption, image)
            # Laid out at its own proportions before it has loaded.
            assert image["box"] == -1 or image["box"] > 50, (path, caption, image)
    assert not visit.problems(), "\n".join(visit.problems())


def test_most_lessons_have_figures_or_diagrams(built_site: BuiltSite) -> None:
    """The check above reads each lesson's figures; it must have some to read."""
    with_figures = [path for path in LESSONS if 'class="nn-figure' in
                    (built_site.path / path / "index.html").read_text(encoding="utf8")]
    assert len(with_figures) >= len(LESSONS) // 2, with_figures


@pytest.mark.parametrize("path", on_page(LESSONS))
def test_figure_text_is_legible_on_a_phone(visits: Visits, path: str) -> None:
    """At 390 px, every figure's and diagram's smallest text is at least 70% of the body
    text, in the dark palette; a wide figure scrolls in its own frame, never the page."""
    visit = visits(path, "phone")
    page = visit.in_scheme("dark")
    body = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize)")
    images = page.eval_on_selector_all(
        "figure.nn-figure img, figure.nn-diagram img",
        """images => images.filter(i => i.offsetParent !== null).map(i => ({
            src: i.getAttribute('src'), shown: i.getBoundingClientRect().width,
            width: parseFloat(i.getAttribute('width')),
            text: parseFloat(i.dataset.textPx)}))""",
    )
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"], f"{path} scrolls sideways: {page_width} px wide"
    for image in images:
        assert image["src"].endswith("#only-dark"), f"{path}: not the dark variant: {image}"
        assert image["text"] > 0 and image["width"] > 0, f"{path}: size not stated: {image}"
        smallest = image["text"] * image["shown"] / image["width"]
        assert smallest >= LEGIBLE * body - 0.05, (
            f"{path}: {image['src']} shows its smallest text at {smallest:.1f} px, under "
            f"{LEGIBLE:.0%} of the body text's {body:.1f} px"
        )
    assert not visit.problems(), "\n".join(visit.problems())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_figure_opens_full_size_on_tap(browser: Any, site_url: str, scheme: str) -> None:
    context = browser.new_context(viewport=PHONE, color_scheme=scheme, service_workers="block",
                                  has_touch=True)
    try:
        page = context.new_page()
        page.goto(site_url + "part1/one-neuron/", wait_until="load")
        figure = page.locator(f"{FIGURE_IMAGES}:visible").first
        figure.scroll_into_view_if_needed()
        src = figure.get_attribute("src")
        assert src.endswith(f"#only-{scheme}"), src
        figure.tap()
        opened = page.locator(".glightbox-container .gslide.current img")
        opened.wait_for(state="visible", timeout=5000)
        assert opened.get_attribute("src").split("#")[0].endswith(src.split("#")[0].lstrip("./"))
        # Full-size: once its opening animation is over, as wide as the screen allows.
        page.wait_for_function(
            "document.querySelector('.glightbox-container .gslide.current img')"
            f".getBoundingClientRect().width > {0.8 * PHONE['width']}", timeout=5000)
        page.keyboard.press("Escape")
        page.locator(".glightbox-container").wait_for(state="detached", timeout=5000)
    finally:
        context.close()
