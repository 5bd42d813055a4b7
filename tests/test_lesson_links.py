"""Links between lessons say where they lead: each "You need" link in a lesson's "At a
glance" box is written with the linked lesson's title, the one the nav shows."""

from __future__ import annotations

import posixpath
import re

import pytest

from coursekit.project import DOCS, lesson_pages

LESSONS = lesson_pages()
_TITLE = re.compile(r"^# Lesson \d+: (?P<title>.+)$", re.MULTILINE)
_NEEDS = re.compile(r"\*\*You need\*\*(?P<text>.*?)(?:\n[ \t]*\n)", re.DOTALL)
_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)#\s]+)(?:#[^)]*)?\)")


def _title(page: str) -> str:
    match = _TITLE.search((DOCS / page).read_text(encoding="utf8"))
    assert match, f"{page}: no '# Lesson N: ...' heading"
    return match["title"].strip()


TITLES = {page: _title(page) for page in LESSONS}


def needs_links(page: str, text: str) -> list[tuple[str, str]]:
    """(link text, linked page under docs/) of each link in the page's "You need"."""
    needs = _NEEDS.search(text)
    if needs is None:
        return []
    return [(" ".join(m["text"].split()),
             posixpath.normpath(posixpath.join(posixpath.dirname(page), m["target"])))
            for m in _LINK.finditer(needs["text"])]


@pytest.mark.parametrize("page", LESSONS)
def test_you_need_links_are_written_with_the_linked_lessons_titles(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf8")
    wrong = [f"[{shown}]({target}): the lesson's title is {TITLES[target]!r}"
             for shown, target in needs_links(page, text)
             if target in TITLES and shown != TITLES[target]]
    assert not wrong, f"{page}: " + "; ".join(wrong)


def test_the_lessons_you_need_boxes_are_read() -> None:
    """At least every lesson after the first links an earlier one: the check reads them."""
    linked = [page for page in LESSONS
              if any(target in TITLES for _, target in
                     needs_links(page, (DOCS / page).read_text(encoding="utf8")))]
    assert set(LESSONS) - set(linked) == {LESSONS[0]}, sorted(set(LESSONS) - set(linked))


def test_needs_links_reads_links_split_over_lines() -> None:
    text = ("    **You need** [Bend the line: why\n    networks](../part1/activations.md#x) "
            "and [Notation](../notation.md).\n\n    **Reading time**")
    assert needs_links("part2/x.md", text) == [
        ("Bend the line: why networks", "part1/activations.md"),
        ("Notation", "notation.md"),
    ]

