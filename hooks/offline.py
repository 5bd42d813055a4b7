"""MkDocs hook: nothing is fetched from another host when a page is read.

- Material fetches the repository's stars and forks from the GitHub API for the header's
  repository link; the link stays, the fetch goes (the ``source`` component is not marked).
- Every page is checked for scripts, style sheets, fonts or images loaded from another host;
  each one found is a warning, which fails the strict build.
"""

from __future__ import annotations

import logging
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.offline")

_SOURCE_COMPONENT = ' data-md-component="source"'
_REMOTE = re.compile(
    r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=\"(?P<src>(?:https?:)?//[^\"]+)\""
    r"|<link\b[^>]*\bhref=\"(?P<href>(?:https?:)?//[^\"]+)\"[^>]*>"
    r"|@import\s+url\((?P<import>[\"']?(?:https?:)?//[^)]+)\)",
    re.IGNORECASE,
)
_HARMLESS_LINK = re.compile(r"\brel=\"(?:canonical|alternate|license)\"")


def remote_resources(html: str) -> list[str]:
    """URLs of resources on other hosts that a browser would load for this HTML."""
    found = []
    for match in _REMOTE.finditer(html):
        if match["href"] and _HARMLESS_LINK.search(match[0]):
            continue
        found.append(match["src"] or match["href"] or match["import"])
    return found


@event_priority(-100)  # after every other hook and plugin has changed the page
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    output = output.replace(_SOURCE_COMPONENT, "")
    for url in remote_resources(output):
        log.warning("%s loads %s from another host; the site must work offline",
                    page.file.src_uri, url)
    return output
