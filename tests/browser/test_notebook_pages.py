"""Notebook pages as a reader sees them, and the downloaded notebook's figures in a dark
Jupyter theme."""

from __future__ import annotations

import base64
import json
import re
from typing import Any

import pytest

from coursekit.project import DOCS, PALETTES, lesson_pages
from tests.browser.conftest import (
    BuiltSite,
    Visits,
    Watch,
    open_context,
    report,
    same_worker_as,
)

LESSONS = [page.removesuffix(".md") + "/" for page in lesson_pages()]
# Loaded in the browser: the reference lesson, and the one with the most figures and notes.
SHOWN = ["part1/one-neuron/", "part1/activations/"]
NOTEBOOK_PAGE_LIMIT = 300_000  # bytes of HTML; mkdocs-jupyter's pages weighed 0.7-1.4 MB
JUPYTERLAB_DARK_BACKGROUND = "#111111"  # JupyterLab's dark theme, --jp-layout-color0


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


_NOTEBOOK_IMAGES = """() => [...document.querySelectorAll('.jupyter-wrapper img')]
    .map(i => [i.getAttribute('src'), i.offsetParent !== null, i.alt])"""
# The notebook page the whole site's checks load already (test_site_in_browser.PAGES).
VISITED = "notebooks/part1/one-neuron/"


@pytest.mark.parametrize(("lesson", "scheme"), [
    pytest.param(lesson, scheme, id=f"{lesson}-{scheme}",
                 marks=same_worker_as(VISITED) if (scheme == "light" and
                                                   "notebooks/" + lesson == VISITED) else ())
    for lesson in SHOWN for scheme in ("light", "dark")
])
def test_notebook_page_shows_the_figures_of_the_readers_palette(
    browser: Any, site_url: str, visits: Visits, lesson: str, scheme: str
) -> None:
    if scheme == "light" and "notebooks/" + lesson == VISITED:
        visit = visits(VISITED)  # its first load, read by the site's other checks too
        images = visit.tab.evaluate(_NOTEBOOK_IMAGES)
        problems = visit.problems()
    else:
        context, watch = open_context(browser, scheme)
        try:
            page = context.new_page()
            page.goto(site_url + "notebooks/" + lesson, wait_until="load")
            images = page.evaluate(_NOTEBOOK_IMAGES)
        finally:
            context.close()
        problems = watch.problems()
    assert not problems, "\n".join(problems)
    visible = [src for src, shown, _ in images if shown]
    assert visible, f"no figure visible: {[src[:60] for src, _, _ in images]}"
    assert all(f"-{scheme}.svg#only-{scheme}" in src for src in visible), visible
    assert all(alt for _, _, alt in images), "a figure without alt text"


@pytest.mark.parametrize("lesson", SHOWN)
def test_notebook_page_reads_like_its_lesson(
    reader_tab: tuple[Any, Watch], site_url: str, lesson: str
) -> None:
    """No raw footnote marker; cells numbered as run; the contents those of the lesson, each
    entry leading to its heading; a download button and a way back to the lesson."""
    tab, watch = reader_tab
    watch.clear()
    toc = """() => [...document.querySelectorAll('.md-sidebar--secondary .md-nav__link')]
        .map(a => [a.textContent.trim(), a.hash])"""
    tab.goto(site_url + lesson, wait_until="load")
    lesson_toc = tab.evaluate(toc)
    tab.goto(site_url + "notebooks/" + lesson, wait_until="load")
    text = tab.locator("article").inner_text()
    assert "[^" not in text, re.findall(r".{30}\[\^\w+\]", text)
    prompts = tab.locator(".jp-CodeCell .jp-InputPrompt").all_inner_texts()
    # A cell the tests do not run (tagged skip-execution) keeps "In [ ]:".
    numbers = [p for p in (re.sub(r"\s", "", p) for p in prompts) if p != "In[]:"]
    assert len(numbers) >= 3, prompts
    assert numbers == [f"In[{n}]:" for n in range(1, len(numbers) + 1)], numbers
    notebook_toc = tab.evaluate(toc)
    assert notebook_toc == lesson_toc
    missing = [href for _, href in notebook_toc
               if tab.locator(f"[id='{href.removeprefix('#')}']").count() != 1]
    assert not missing, f"contents entries leading nowhere: {missing}"

    download = tab.locator(".nn-notebook-links a[download]")
    response = tab.request.get(download.evaluate("a => a.href"))
    assert response.ok and json.loads(response.text())["cells"]
    tab.get_by_role("link", name="Back to the lesson").click()
    tab.wait_for_url(site_url + lesson)
    tab.locator(".nn-notebook-links").wait_for()  # the lesson's own links under its title
    assert not watch.problems(), "\n".join(watch.problems())


def test_notebook_pages_weigh_less_than_the_limit(
    built_site: BuiltSite, request: pytest.FixtureRequest
) -> None:
    weights = {lesson: (built_site.path / "notebooks" / lesson / "index.html").stat().st_size
               for lesson in LESSONS}
    report(request.config, "notebook pages: " + ", ".join(
        f"{lesson.rstrip('/').split('/')[-1]} {size / 1000:.0f} kB"
        for lesson, size in weights.items()))
    heavy = {lesson: size for lesson, size in weights.items() if size > NOTEBOOK_PAGE_LIMIT}
    assert not heavy, f"over {NOTEBOOK_PAGE_LIMIT} bytes: {heavy}"


def test_downloaded_figures_read_in_a_dark_jupyter_theme(
    browser: Any, built_site: BuiltSite
) -> None:
    """Every figure a downloaded notebook embeds, drawn as Jupyter draws it on a dark theme's
    background: the light palette's text colour must stand out from what is behind it."""
    text = PALETTES["light"]["text"]
    figures = []
    for lesson in LESSONS:
        stem = lesson.rstrip("/").split("/")[-1]
        notebook = json.loads(
            (built_site.path / "notebooks" / lesson / f"{stem}.ipynb").read_text())
        figures += [(f"{lesson}{name}", "".join(data["image/svg+xml"]))
                    for cell in notebook["cells"]
                    for name, data in cell.get("attachments", {}).items()]
    figured = {DOCS / page for page in lesson_pages() if "](../figures/" in
               (DOCS / page).read_text(encoding="utf8")}
    assert len({name.rsplit("/", 1)[0] for name, _ in figures}) == len(figured)
    context, _ = open_context(browser, "dark")
    try:
        page = context.new_page()
        too_faint = []
        for name, data in figures:
            base64.b64decode(data, validate=True)
            page.set_content(
                f'<body style="margin:0;background:{JUPYTERLAB_DARK_BACKGROUND}">'
                f'<img style="display:block" src="data:image/svg+xml;base64,{data}"></body>')
            page.locator("img").wait_for()
            corner = page.evaluate("""() => { const img = document.querySelector('img');
                const canvas = document.createElement('canvas');
                canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
                const ctx = canvas.getContext('2d');
                ctx.fillStyle = getComputedStyle(document.body).backgroundColor;
                ctx.fillRect(0, 0, 1, 1); ctx.drawImage(img, 0, 0);
                const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
                return '#' + [r, g, b].map(v => v.toString(16).padStart(2, '0')).join(''); }""")
            if _contrast(text, corner) < 4.5:
                too_faint.append(f"{name}: text {text} on {corner} "
                                 f"({_contrast(text, corner):.1f}:1)")
    finally:
        context.close()
    assert not too_faint, "\n".join(too_faint)
