"""The real-browser suite: the built site, served on localhost, read by headless Chromium.

One site build and one browser per session. Every page a test opens is watched: a request
to any host but this machine is aborted and fails the test, and so does a console error or
an uncaught exception. Screenshots go to ``test-artifacts/screenshots/``.

Needs Debian's Chromium (``apt-get install chromium``); without it the suite is skipped.
Playwright drives it (``executable_path``); ``playwright install`` is never needed.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
_WARNING = re.compile(r"^(WARNING|ERROR)\s+-\s+(?P<message>.*)$")
REPORT = pytest.StashKey[list[str]]()


@dataclass
class BuiltSite:
    path: Path
    warnings: list[str]
    log: str


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site, built once per session (not strict, so that warnings can be listed)."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--no-strict", "--site-dir", str(site)],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build failed:\n{result.stderr[-5000:]}")
    warnings: list[str] = []
    for line in result.stderr.splitlines():
        if match := _WARNING.match(line):
            warnings.append(match["message"])
        elif warnings and line.startswith("  "):  # a warning's continuation lines
            warnings[-1] += "\n" + line
    return BuiltSite(site, warnings, result.stderr)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: BuiltSite) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site.path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
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


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


def open_context(browser: Any, scheme: str = "light") -> tuple[Any, Watch]:
    """A fresh browser context (empty storage) whose pages are all watched."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=scheme, service_workers="block"
    )
    watch = Watch()

    def route(route: Any) -> None:
        if _is_local(route.request.url):
            route.continue_()
        else:
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

    context.route("**/*", route)
    context.on("console", on_console)
    context.on("weberror", lambda error: watch.page_errors.append(str(error.error)))
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
