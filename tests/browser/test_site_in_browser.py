"""The built site read in headless Chromium, offline: every page, and what readers use."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest

from coursekit.project import DOCS
from tests.browser.conftest import (
    ELSEWHERE,
    BuiltSite,
    Visits,
    Watch,
    on_page,
    open_context,
    report,
    screenshot,
    screenshot_path,
)

ABOUT = "about/"  # the page that shows every feature (docs/about.md)
LESSON = "part1/one-neuron/"  # the reference lesson
PAGE_WEIGHT_LIMIT = 1_500_000  # bytes for one lesson page, search index excluded



def page_url(source: Path) -> str:
    """The site path MkDocs gives a page (directory URLs): ``part1/one-neuron.md`` is
    ``part1/one-neuron/``, ``index.md`` is the site root."""
    relative = source.relative_to(DOCS).with_suffix("").as_posix()
    return "" if relative == "index" else relative.removesuffix("/index") + "/"


# Every page of the site, known before the build so that the pages are shared out between
# the workers. Only the reference lesson's notebook: the notebook pages all come from one
# template and weigh about 1 MB each (mkdocs-jupyter inlines JupyterLab's styles), so
# loading all of them would add time without checking anything new.
PAGES = [*sorted(page_url(p) for p in DOCS.rglob("*.md")), "notebooks/" + LESSON]


def built_pages(built_site: BuiltSite) -> list[str]:
    """Every HTML page of the build, as a path relative to the site root."""
    pages = []
    for path in sorted(built_site.path.rglob("index.html")):
        relative = path.parent.relative_to(built_site.path).as_posix()
        pages.append("" if relative == "." else relative + "/")
    return pages


def goto(page: Any, url: str) -> None:
    """Open a page and wait for its images (figures and diagrams are plain <img>)."""
    page.goto(url, wait_until="load")


def test_strict_build_has_no_warnings(built_site: BuiltSite) -> None:
    """The same check as ``mkdocs build --strict``: links, anchors, figures, offline."""
    assert not built_site.warnings, "\n".join(built_site.warnings)


def test_every_built_page_is_loaded_below(built_site: BuiltSite) -> None:
    built = built_pages(built_site)
    notebooks = [p for p in built if p.startswith("notebooks/")]
    assert "notebooks/" + LESSON in notebooks, notebooks
    missing = sorted(set(built) - set(PAGES) - set(notebooks))
    assert not missing, f"pages the browser suite does not load: {missing}"
    assert not set(PAGES) - set(built), f"not built: {sorted(set(PAGES) - set(built))}"


@pytest.mark.parametrize(
    ("url", "elsewhere"),
    [
        ("https://cdn.example.com/mermaid.js", True),
        ("http://127.0.0.1.example.com/x.js", True),
        ("http://127.0.0.1:8000/about/", False),
        ("http://localhost/x.svg", False),
        ("data:image/svg+xml;base64,AAAA", False),
    ],
)
def test_what_counts_as_another_host(url: str, elsewhere: bool) -> None:
    assert bool(ELSEWHERE.match(url)) is elsewhere


def test_a_request_to_another_host_is_blocked_and_recorded(
    reader_tab: tuple[Any, Watch], site_url: str
) -> None:
    tab, watch = reader_tab
    watch.clear()
    goto(tab, site_url)
    outcome = tab.evaluate("""async () => {
        const local = await fetch('search/search_index.json').then(r => r.status);
        const remote = await fetch('https://cdn.example.com/x.js').then(() => 'loaded',
                                                                        () => 'blocked');
        return [local, remote];
    }""")
    assert outcome == [200, "blocked"]
    assert watch.external == ["https://cdn.example.com/x.js"]
    watch.clear()  # the page did nothing wrong: the test made the request


@pytest.mark.parametrize("path", on_page(PAGES))
def test_page_loads_offline_without_errors(visits: Visits, path: str) -> None:
    """Loads with nothing from another host, no console error, no uncaught exception, and
    has one title."""
    visit = visits(path)
    assert visit.tab.locator("article h1").count() == 1, "no single <h1> title"
    assert not visit.problems(), "\n".join(visit.problems())


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_key_pages(
    browser: Any, site_url: str, scheme: str, request: pytest.FixtureRequest
) -> None:
    """Pictures for people, not a check: every page's load is checked above."""
    if not request.config.getoption("screenshots"):
        pytest.skip("screenshots are written only with --screenshots")
    context, watch = open_context(browser, scheme)
    try:
        page = context.new_page()
        for path in ["", ABOUT, LESSON, "notebooks/" + LESSON]:
            goto(page, site_url + path)
            name = (path.strip("/").replace("/", "-") or "home") + f"-{scheme}"
            screenshot(page, name)
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


@pytest.mark.parametrize("path", on_page([ABOUT]))
def test_math_is_typeset_as_mathml(visits: Visits, path: str) -> None:
    visit = visits(path)
    page = visit.tab
    assert page.locator(".arithmatex math").count() >= 3
    text = page.locator("article").inner_text()
    assert "\\(" not in text and "\\frac" not in text, "raw LaTeX is showing"
    fraction = page.locator("div.arithmatex mfrac").first.bounding_box()
    assert fraction is not None and fraction["height"] > 20, f"fraction not laid out: {fraction}"
    assert not visit.problems(), "\n".join(visit.problems())


def _visible_images(page: Any, selector: str) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(
        selector,
        """images => images.filter(i => i.offsetParent !== null).map(i => ({
            src: i.getAttribute('src'), width: i.naturalWidth, shown: i.clientWidth,
            alt: i.alt, complete: i.complete}))""",
    )


def _scroll_through(page: Any) -> None:
    """Scroll to the end, and wait until every visible image has loaded (figures load
    lazily, as they come into view: here they are all asked for at once)."""
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("load")
    page.wait_for_function("""() => Array.from(document.images)
        .filter(i => i.offsetParent !== null)
        .every(i => { i.loading = "eager"; return i.complete && i.naturalWidth > 0; })""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_figures_and_diagrams_show_the_palette_variant(
    browser: Any, site_url: str, scheme: str
) -> None:
    context, watch = open_context(browser, scheme)
    try:
        page = context.new_page()
        goto(page, site_url + ABOUT)
        _scroll_through(page)
        for selector in ("img.nn-figure", "figure.nn-diagram img"):
            shown = _visible_images(page, selector)
            assert shown, f"no {selector} visible"
            for image in shown:
                assert image["src"].endswith(f"#only-{scheme}"), image
                assert image["width"] > 100 and image["shown"] > 100, f"not drawn: {image}"
                assert len(image["alt"]) > 10, f"no alt text: {image}"
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


def test_palette_toggle_switches_and_is_remembered(
    watched: tuple[Any, Watch], site_url: str
) -> None:
    context, _ = watched
    page = context.new_page()
    goto(page, site_url + ABOUT)
    scheme = "document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(f"{scheme} === 'slate'")
    _scroll_through(page)
    shown = _visible_images(page, "img.nn-figure")
    assert shown and all(i["src"].endswith("#only-dark") for i in shown), shown
    page.locator("a.md-tabs__link", has_text="Home").click()  # instant navigation
    page.wait_for_url(re.compile(r"/$"))
    assert page.evaluate(scheme) == "slate"


def test_search_finds_a_lesson(watched: tuple[Any, Watch], site_url: str) -> None:
    context, _ = watched
    page = context.new_page()
    goto(page, site_url)
    page.keyboard.press("/")  # Material's search shortcut ("s" works too)
    page.locator("input.md-search__input").press_sequentially("logit", delay=20)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    titles = page.locator(".md-search-result__article h1").all_inner_texts()
    assert any("neuron" in title.lower() for title in titles), titles


def _answer(page: Any, question: int, options: list[int]) -> None:
    fieldset = page.locator(f".nn-quiz__question[data-question='{question}']")
    for option in options:
        fieldset.locator(f"input[value='{option}']").check()


def test_quiz_scores_passes_and_remembers(
    watched: tuple[Any, Watch], site_url: str, request: pytest.FixtureRequest
) -> None:
    context, _ = watched
    page = context.new_page()
    goto(page, site_url + ABOUT)
    quiz = page.locator(".nn-quiz").first
    assert quiz.get_attribute("data-pass") == "75"
    # Three of four right (question 4 wrong): 75%, exactly the pass mark.
    _answer(page, 1, [0])
    _answer(page, 2, [1])
    _answer(page, 3, [0, 1])
    _answer(page, 4, [0])
    quiz.locator(".nn-quiz__check").click()
    score = quiz.locator(".nn-quiz__score")
    assert score.inner_text() == "Score: 3 / 4 (75%): passed"
    assert quiz.locator(".nn-quiz__question--wrong").count() == 1
    assert quiz.locator(".nn-quiz__explanation:visible").count() == 4
    if request.config.getoption("screenshots"):  # a run writes nothing into the checkout
        quiz.screenshot(path=str(screenshot_path("quiz-checked-light")))
    # Kept in this browser: a reload, and instant navigation away and back.
    page.reload(wait_until="load")
    assert page.locator(".nn-quiz__score").first.inner_text().startswith("Score: 3 / 4")
    page.locator("a.md-tabs__link", has_text="Home").click()
    page.wait_for_url(re.compile(r"/$"))
    page.locator("a.md-tabs__link", has_text="Reference").click()  # its first page is About
    page.wait_for_url(re.compile(r"/about/$"))
    quiz = page.locator(".nn-quiz").first
    assert quiz.locator(".nn-quiz__score").inner_text().startswith("Score: 3 / 4")
    # After instant navigation the quiz still works: fix question 4 and re-check.
    quiz.locator(".nn-quiz__question[data-question='4'] input[value='1']").check()
    quiz.locator(".nn-quiz__check").click()
    assert quiz.locator(".nn-quiz__score").inner_text() == "Score: 4 / 4 (100%): passed"
    quiz.locator(".nn-quiz__reset").click()
    assert quiz.locator("input:checked").count() == 0
    stored = page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('nn-quiz:'))")
    assert stored == []


def test_lesson_page_weight(
    browser: Any, site_url: str, request: pytest.FixtureRequest
) -> None:
    """Everything a reader's browser fetches for a lesson page (search index excluded)."""
    context, watch = open_context(browser, weigh=True)
    try:
        page = context.new_page()
        goto(page, site_url + LESSON)
        _scroll_through(page)
        page.wait_for_load_state("networkidle")  # late requests count too
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())
    counted = {u: n for u, n in watch.transferred.items() if "search_index.json" not in u}
    total = sum(counted.values())
    largest = sorted(counted.items(), key=lambda item: -item[1])[:3]
    summary = ", ".join(f"{u.rsplit('/', 1)[-1] or 'the page'} {n / 1000:.0f} kB"
                        for u, n in largest)
    report(request.config, f"lesson page {LESSON}: {total / 1000:.0f} kB in "
           f"{len(counted)} responses (search index excluded); largest: {summary}")
    assert total < PAGE_WEIGHT_LIMIT, f"{total} bytes; largest: {summary}"


def test_lesson_offers_its_notebook(watched: tuple[Any, Watch], site_url: str) -> None:
    context, _ = watched
    page = context.new_page()
    goto(page, site_url + LESSON)
    link = page.locator(".nn-notebook-links a[download]")
    href = link.get_attribute("href")
    assert href and href.endswith(".ipynb")
    response = page.request.get(urljoin(page.url, href))
    assert response.ok
    notebook = json.loads(response.text())
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code and all(c["source"] for c in code)
    page.locator(".nn-notebook-links a:not([download])").click()
    page.wait_for_url(re.compile(r"/notebooks/part1/one-neuron/$"))
    # Instant navigation changes the URL before it swaps the content in.
    page.locator(".jupyter-wrapper").wait_for()
    assert page.locator(".jupyter-wrapper").count() == 1
