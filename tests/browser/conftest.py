"""The real-browser suite: the built site, served on localhost, read by headless Chromium.

The site is built once per session (``built_site``, in the root conftest); each worker
runs one browser. Every page a test opens is watched: a request to any host but this
machine is aborted and fails the test, and so does a console error or an uncaught
exception. Screenshots (``--screenshots``) go to ``test-artifacts/screenshots/``.

Needs Debian's Chromium (``apt-get install chromium``); without it the suite is skipped.
Playwright drives it (``executable_path``); ``playwright install`` is never needed.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from coursekit.project import ROOT
from tests.site_build import SITE_URL, BuiltSite

ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
REPORT = pytest.StashKey[list[str]]()


# Where the suite serves the site: the path of the URL it was built for (a sub-path, as on
# GitHub Pages), so that a link or asset that ignores the sub-path is not found.
SITE_PATH = urlsplit(SITE_URL).path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """The built site under ``SITE_PATH``, and its 404 page for anything missing, with a
    404 status, as GitHub Pages serves a project site."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(SITE_PATH):
            return str(Path(self.directory) / ".not-in-the-site")
        return super().translate_path("/" + path.removeprefix(SITE_PATH))

    def do_GET(self) -> None:
        # The sitemap names pages at the URL the site was built for; Material's instant
        # navigation follows only links to its origin (port included), so it is served
        # naming this server, as a published site is served at the URL it was built for.
        if self.path.split("?", 1)[0] == SITE_PATH + "sitemap.xml":
            sitemap = Path(self.directory) / "sitemap.xml"
            here = f"http://{self.headers['Host']}{SITE_PATH}"
            body = sitemap.read_text(encoding="utf8").replace(SITE_URL, here).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A tab that navigates on before a response is finished closes its connection;
        # that is the browser's choice, not a fault of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site.path))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SITE_PATH}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        pytest.skip(
            "browser tests need Chromium: apt-get install chromium "
            "(or set CHROMIUM=/path/to/chromium)"
        )
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        # Playwright gives each launch a new, empty profile directory of its own.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What a page did that a reader offline would notice."""

    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    transferred: dict[str, int] = field(default_factory=dict)

    def problems(self) -> list[str]:
        return (
            [f"request to another host: {url}" for url in self.external]
            + [f"console error: {text}" for text in self.console_errors]
            + [f"uncaught exception: {text}" for text in self.page_errors]
        )

    def clear(self) -> None:
        for found in (self.external, self.console_errors, self.page_errors, self.transferred):
            found.clear()


# Any URL not served by this machine. Matched in Playwright's driver, so requests for the
# site itself are never paused for a round trip to Python.
ELSEWHERE = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost|\[::1\])[:/]|data:|blob:|about:)")


def open_context(
    browser: Any, scheme: str = "light", weigh: bool = False,
    viewport: dict[str, int] | None = None,
) -> tuple[Any, Watch]:
    """A fresh browser context (empty storage) whose pages are all watched; with ``weigh``,
    the size of every response is recorded too (it costs a copy of every body)."""
    context = browser.new_context(
        viewport=viewport or {"width": 1280, "height": 900}, color_scheme=scheme,
        service_workers="block",
    )
    watch = Watch()

    def block(route: Any) -> None:
        watch.external.append(route.request.url)
        route.abort("blockedbyclient")

    def on_console(message: Any) -> None:
        if message.type == "error":
            watch.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_response(response: Any) -> None:
        try:
            size = len(response.body())
        except Exception:  # redirects and aborted requests have no body
            size = 0
        watch.transferred[response.url] = size + sum(
            len(k) + len(v) + 4 for k, v in response.headers.items()
        )

    context.route(ELSEWHERE, block)
    context.on("console", on_console)
    context.on("weberror", lambda error: watch.page_errors.append(str(error.error)))
    if weigh:
        context.on("response", on_response)
    return context, watch


@pytest.fixture
def watched(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """A fresh, light-palette context; the test fails on anything its pages did wrong."""
    context, watch = open_context(browser)
    try:
        yield context, watch
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())


@pytest.fixture(scope="module")
def reader_tab(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """One tab that goes from page to page, as a reader's does (a fresh context per page
    would cost Chromium about twice the work). Its watch is for the caller to clear."""
    context, watch = open_context(browser)
    try:
        yield context.new_page(), watch
    finally:
        context.close()


# ---------------------------------------------------------------- one load, many checks
# Most checks only read a page as it is once loaded: its title, its weight, its figures'
# sizes, its math, its accessibility tree. Each page is loaded once per way of looking at
# it (on a desktop, on a phone) and every such check reads that one load; the tests that
# read a page are one xdist group (``on_page``), so they run on the worker holding it.
# Checks that click, type or scroll load the page themselves.

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
SCHEME = "document.body.getAttribute('data-md-color-scheme')"
MATERIAL_SCHEMES = {"light": "default", "dark": "slate"}

# A page's figures and diagrams as they are laid out before their images load.
FIGURE_FACTS = """() => [...document.querySelectorAll('figure.nn-figure, figure.nn-diagram')]
    .map(f => ({
        caption: (f.querySelector('figcaption') || {}).innerText || '',
        images: [...f.querySelectorAll('img')].map(i => ({
            width: i.getAttribute('width'), height: i.getAttribute('height'),
            alt: i.alt, box: i.offsetParent ? i.getBoundingClientRect().height : -1
        }))}))"""


@dataclass
class Visit:
    """A page loaded once, in a fresh context (empty cache and storage, light palette), as a
    reader's first visit, and the open tab: on a desktop, loaded until the network is idle,
    with what it fetched (each response's size, raw and gzipped as a web server sends it);
    in either view, its figures as laid out when its HTML was parsed."""

    path: str
    view: str
    tab: Any
    watch: Watch
    sizes: dict[str, tuple[int, int]]
    figures_before_load: list[dict[str, Any]]

    def problems(self) -> list[str]:
        return self.watch.problems()

    def in_scheme(self, scheme: str) -> Any:
        """The tab in ``scheme`` ("light" or "dark"), switched with the palette toggle as a
        reader switches it (no reload); the tab."""
        wanted = MATERIAL_SCHEMES[scheme]
        if self.tab.evaluate(SCHEME) != wanted:
            self.tab.locator("form[data-md-component=palette] label:visible").first.click()
            self.tab.wait_for_function(f"{SCHEME} === '{wanted}'")
        return self.tab


class Visits:
    """This worker's page loads: one open page per view, the last one asked for."""

    def __init__(self, browser: Any, site_url: str) -> None:
        self.browser = browser
        self.site_url = site_url
        self.open: dict[str, tuple[Any, Visit]] = {}

    def __call__(self, path: str, view: str = "desktop") -> Visit:
        if view in self.open:
            context, visit = self.open[view]
            if visit.path == path:
                return visit
            context.close()
            del self.open[view]
        context, watch = open_context(self.browser, viewport=VIEWPORTS[view])
        sizes: dict[str, tuple[int, int]] = {}

        def weigh(response: Any) -> None:
            try:
                body = response.body()
            except Exception:  # redirects and aborted requests have no body
                body = b""
            sizes[response.url] = (len(body), len(gzip.compress(body, 6)))

        if view == "desktop":  # what the first load weighs is measured on a desktop
            context.on("response", weigh)
        tab = context.new_page()
        tab.goto(self.site_url + path, wait_until="domcontentloaded")
        figures = tab.evaluate(FIGURE_FACTS)
        tab.wait_for_load_state("load")
        if view == "desktop":  # late requests are part of the first load it weighs
            tab.wait_for_load_state("networkidle")
            context.remove_listener("response", weigh)  # what checks fetch later is not
        visit = Visit(path, view, tab, watch, sizes, figures)
        self.open[view] = (context, visit)
        return visit

    def close(self) -> None:
        for context, _ in self.open.values():
            context.close()
        self.open.clear()


@pytest.fixture(scope="session")
def visits(browser: Any, site_url: str) -> Iterator[Visits]:
    """``visits(path)`` (or ``visits(path, "phone")``): the page, loaded once for all the
    checks that read it. Ask for it only from tests parametrized with ``on_page``."""
    found = Visits(browser, site_url)
    try:
        yield found
    finally:
        found.close()


def same_worker_as(path: str) -> pytest.MarkDecorator:
    """The xdist group of a page's checks: every check of one page runs where it is loaded."""
    return pytest.mark.xdist_group(f"site:{path}")


def on_page(paths: list[str]) -> list[Any]:
    """Parameters for a test that reads ``visits(path)``, one per path, each in its page's
    xdist group."""
    return [pytest.param(path, id=path.strip("/") or "home", marks=same_worker_as(path))
            for path in paths]


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / f"{name}.png"


def screenshot(page: Any, name: str) -> Path:
    path = screenshot_path(name)
    page.screenshot(path=str(path), full_page=True)
    return path


def pytest_configure(config: pytest.Config) -> None:
    config.stash[REPORT] = []


def report(config: pytest.Config, line: str) -> None:
    """A line for the end-of-run summary (e.g. the measured page weight)."""
    config.stash[REPORT].append(line)


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    lines = config.stash.get(REPORT, [])
    if lines:
        terminalreporter.write_sep("-", "site in the browser")
        for line in lines:
            terminalreporter.write_line(line)
