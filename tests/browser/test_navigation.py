"""Finding one's way: the site's URL, the order of the course, lesson numbers and links, and
links into the repository only when there is one."""

from __future__ import annotations

import html as html_
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from coursekit.project import DOCS, ROOT, lesson_pages
from hooks import site_links
from tests.browser.conftest import BuiltSite, Watch, open_context
from tests.browser.test_site_in_browser import PAGES, built_pages, goto
from tests.site_build import SITE_URL

# The lessons' site paths (``part1/one-neuron/``), from the one list of lessons: the nav.
LESSON_DIRS = tuple(page.removesuffix(".md") + "/" for page in lesson_pages())
REFERENCE_PAGES = ["about/", "notation/", "glossary/", "api/", "performance/"]
_TITLE = re.compile(r"^Lesson (?P<number>\d+): \S")


def _text(element: Any) -> str:
    return re.sub(r"\s+", " ", element.inner_text()).strip()


# ---------------------------------------------------------------- the site's URL


def test_sitemap_lists_every_page_at_the_site_url(built_site: BuiltSite) -> None:
    sitemap = ET.parse(built_site.path / "sitemap.xml").getroot()
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [loc.text or "" for loc in sitemap.findall("s:url/s:loc", namespace)]
    assert listed, "the sitemap is empty (is site_url set?)"
    outside = [url for url in listed if not url.startswith(SITE_URL)]
    assert not outside, f"sitemap entries not under {SITE_URL}: {outside[:5]}"
    missing = sorted(set(PAGES) - {url.removeprefix(SITE_URL) for url in listed})
    assert not missing, f"pages missing from the sitemap: {missing}"


def test_instant_navigation_swaps_the_page_without_a_load(
    watched: tuple[Any, Watch], site_url: str
) -> None:
    context, _ = watched
    page = context.new_page()
    goto(page, site_url)
    # Material turns on instant navigation once its script has run and fetched the sitemap
    # (it intercepts only the sitemap's URLs); on a busy machine that is after "load".
    page.wait_for_load_state("networkidle")
    page.wait_for_function("typeof window.document$ !== 'undefined'")
    page.evaluate("window.nnSameDocument = true")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url(re.compile(r"/part1/one-neuron/(#.*)?$"))
    page.locator("article h1").wait_for()
    assert page.evaluate("window.nnSameDocument === true"), (
        "following a link reloaded the page: instant navigation is off"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_404_page_is_styled_under_a_sub_path(browser: Any, site_url: str, scheme: str) -> None:
    assert urlsplit(site_url).path != "/", "the suite must serve the site under a sub-path"
    context, watch = open_context(browser, scheme)
    try:
        page = context.new_page()
        response = page.goto(site_url + "no/such/lesson/", wait_until="load")
        assert response is not None and response.status == 404
        failed = page.evaluate("""() => performance.getEntriesByType('resource')
            .filter(r => r.responseStatus >= 400).map(r => r.name)""")
        assert not failed, f"the 404 page's assets are not found: {failed}"
        # Material's stylesheet applied: the header is fixed at the top, and the logo and
        # the Home link lead to the site, not to the host's root.
        assert page.evaluate(
            "getComputedStyle(document.querySelector('.md-header')).position"
        ) == "sticky"
        home = page.locator("a.md-header__button.md-logo").get_attribute("href") or ""
        assert urljoin(page.url, home) == site_url, home
    finally:
        context.close()
    # The 404 status of the page itself is the point of the page, not a fault.
    others = [p for p in watch.problems() if "status of 404" not in p]
    assert not others, "\n".join(others)


# ---------------------------------------------------------------- the order of the course


def lesson_titles(built_site: BuiltSite) -> dict[str, str]:
    """Each lesson page's path and its title, from the built pages."""
    titles = {}
    for path in built_pages(built_site):
        if path.startswith(LESSON_DIRS):
            html = (built_site.path / path / "index.html").read_text(encoding="utf8")
            found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.DOTALL)
            assert found, f"{path} has no <h1>"
            title = re.sub(r'<a class="headerlink".*?</a>', "", found[1])
            titles[path] = html_.unescape(re.sub(r"<[^>]+>", "", title)).strip()
    return titles


def lesson_numbers(built_site: BuiltSite) -> dict[int, str]:
    """Lesson number -> page path, from the titles; fails on a lesson without a number."""
    numbers: dict[int, str] = {}
    for path, title in lesson_titles(built_site).items():
        match = _TITLE.match(title)
        assert match, f"{path}: title {title!r} is not 'Lesson N: ...'"
        numbers[int(match["number"])] = path
    return numbers


def test_lessons_are_numbered_in_their_titles(built_site: BuiltSite) -> None:
    numbers = lesson_numbers(built_site)
    assert sorted(numbers) == list(range(1, len(numbers) + 1)), sorted(numbers)


def test_next_walks_from_home_through_the_lessons_in_order(
    watched: tuple[Any, Watch], site_url: str, built_site: BuiltSite
) -> None:
    """Home, lesson 1, ..., lesson 14, then the reference pages; and back again."""
    numbers = lesson_numbers(built_site)
    expected = ["", *(numbers[n] for n in sorted(numbers)), *REFERENCE_PAGES]
    context, _ = watched
    page = context.new_page()
    goto(page, site_url)
    visited = [""]
    titles = []
    while (link := page.locator("a.md-footer__link--next")).count():
        previous = [urlsplit(page.url).path, _text(page.locator("article h1").first)]
        link.click()  # instant navigation, as a reader goes on
        # It changes the URL before it swaps the content in: wait for both.
        page.wait_for_function("""([path, title]) => {
            const h1 = document.querySelector('article h1');
            return location.pathname !== path && h1 && h1.innerText.trim() !== title;
        }""", arg=previous)
        visited.append(page.url.split("#", 1)[0].removeprefix(site_url))
        titles.append(_text(page.locator("article h1").first))
        # The footer's "Previous" leads back where we came from.
        back = page.locator("a.md-footer__link--prev").get_attribute("href") or ""
        assert urljoin(page.url, back) == site_url + visited[-2], (visited[-1], back)
    assert visited == expected, f"Next goes {visited}"
    lesson_titles_seen = titles[: len(numbers)]
    assert all(title.startswith(f"Lesson {n}: ") for n, title in
               enumerate(lesson_titles_seen, start=1)), lesson_titles_seen


def test_nav_numbers_the_lessons(built_site: BuiltSite) -> None:
    """The sidebar lists the lessons as 'Lesson N: ...', in order."""
    numbers = lesson_numbers(built_site)
    html = (built_site.path / "index.html").read_text(encoding="utf8")
    labels = [
        re.sub(r"<[^>]+>|\s+", " ", label).strip()
        for href, label in re.findall(
            r'<a href="([^"]*)" class="md-nav__link">(.*?)</a>', html, re.DOTALL
        )
        if href.removeprefix("./").startswith(LESSON_DIRS)
    ]
    shown = [int(m["number"]) for label in labels if (m := _TITLE.match(label))]
    assert len(labels) == len(numbers), labels
    assert shown == sorted(numbers), labels


# ---------------------------------------------------------------- "lesson N" in the text


class _Mentions(HTMLParser):
    """Each "lesson N" in a page's article text, with the link it sits in (if any).

    Exempt: code (``<code>``, ``<pre>``), which is not prose, and the page's own title
    (``<h1>``), where "Lesson N" is the page's number."""

    MENTION = re.compile(r"\blessons? +(?P<number>\d+)\b", re.IGNORECASE)
    EXEMPT = frozenset({"code", "pre", "h1", "script", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.exempt = 0
        self.links: list[str | None] = []
        self.found: list[tuple[int, str | None, str]] = []
        self._text: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article += 1
        if tag in self.EXEMPT:
            self.exempt += 1
        if tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1
        if tag in self.EXEMPT:
            self.exempt -= 1
        if tag == "a" and self.links:
            self.links.pop()

    def handle_data(self, data: str) -> None:
        if not self.in_article or self.exempt:
            return
        # A mention may be split over two text nodes only by markup; whitespace is one node.
        for match in self.MENTION.finditer(" ".join(data.split())):
            link = self.links[-1] if self.links else None
            self.found.append((int(match["number"]), link, match[0]))


# Exempt from the rule below: the notebook pages, generated from the lessons (checked
# there), and the API reference, whose text is nnref's docstrings, read in Python too.
DOCSTRING_PAGES = {"api/"}


def test_every_lesson_mention_links_to_its_lesson(built_site: BuiltSite) -> None:
    """Every "lesson N" a reader sees in a page's text links to lesson N's page."""
    numbers = lesson_numbers(built_site)
    unlinked, wrong, count = [], [], 0
    for path in built_pages(built_site):
        if path.startswith("notebooks/") or path in DOCSTRING_PAGES:
            continue
        parser = _Mentions()
        parser.feed((built_site.path / path / "index.html").read_text(encoding="utf8"))
        for number, href, text in parser.found:
            count += 1
            if href is None:
                unlinked.append(f"{path or 'home'}: {text!r}")
                continue
            target = urlsplit(urljoin("http://site/" + path, href)).path.removeprefix("/")
            if number not in numbers or target != numbers[number]:
                wrong.append(f"{path or 'home'}: {text!r} links to {target!r}")
    assert count >= 30, f"only {count} mentions found: is the parser reading the pages?"
    assert not unlinked, "unlinked lesson mentions:\n" + "\n".join(unlinked)
    assert not wrong, "lesson mentions linked elsewhere:\n" + "\n".join(wrong)


def test_the_mention_parser_finds_unlinked_and_linked_mentions() -> None:
    parser = _Mentions()
    parser.feed(
        '<h1>Lesson 2: Title</h1><article><h1>Lesson 2: Title</h1><p>as in lesson\n3, and '
        '<a href="../one-neuron/">lesson 1</a>; <code>lesson 9</code></p></article>'
    )
    assert parser.found == [(3, None, "lesson 3"), (1, "../one-neuron/", "lesson 1")]


# ---------------------------------------------------------------- the repository


def test_without_a_repository_no_page_links_to_one(built_site: BuiltSite) -> None:
    """The suite's build has no COURSE_REPO_URL: no header link, no edit link anywhere."""
    for path in built_pages(built_site):
        html = (built_site.path / path / "index.html").read_text(encoding="utf8")
        assert 'class="md-source"' not in html, f"{path}: repository link"
        assert 'rel="edit"' not in html, f"{path}: edit link"
        assert "github.com" not in html, f"{path}: a link to GitHub"


def _config_and_page(monkeypatch: pytest.MonkeyPatch, repo: str | None, src: str) -> Any:
    from mkdocs.config import load_config
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    monkeypatch.delenv("COURSE_REPO_URL", raising=False)
    if repo is not None:
        monkeypatch.setenv("COURSE_REPO_URL", repo)
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = site_links.on_config(config)
    file = File(src, config.docs_dir, config.site_dir, config.use_directory_urls)
    page = Page(None, file, config)
    markdown = (DOCS / src).read_text(encoding="utf8")
    site_links.on_page_markdown(markdown, page, config, None)
    return config, page


def test_a_repository_from_the_environment_gives_edit_links(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    repo = "https://github.com/someone/nn-course"
    config, lesson = _config_and_page(monkeypatch, repo, "part1/one-neuron.md")
    assert config.repo_url == repo
    assert lesson.edit_url == repo + "/edit/main/docs/part1/one-neuron.md"
    # The API reference is generated from docstrings: its Markdown is a stub, no edit link.
    _, api = _config_and_page(monkeypatch, repo, "api.md")
    assert api.edit_url is None


def test_without_a_repository_there_are_no_edit_links(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config, lesson = _config_and_page(monkeypatch, None, "part1/one-neuron.md")
    assert config.repo_url is None
    assert lesson.edit_url is None
    assert "edit_uri" not in caplog.text  # MkDocs warns about an edit link to nowhere
