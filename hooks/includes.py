"""MkDocs hook: an ``--8<--`` include must stay inside the snippet directories.

pymdownx.snippets follows links: a symbolic link in ``snippets/`` could put any file of the
machine into a page. Each include of a page is resolved first (``coursekit.includes``);
one that leads outside fails the strict build, naming the page and line, and is left out.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from coursekit import includes
from coursekit.pages import parse_text, source_page

log = logging.getLogger("mkdocs.hooks.includes")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = source_page(page.file)  # for the page's own line numbers
    if source is None:
        return markdown
    here = parse_text(markdown)  # the same includes, at their lines in ``markdown``
    lines = markdown.split("\n")
    config_file = Path(config.config_file_path)
    for at_source, at_markdown in zip(source.includes, here.includes, strict=False):
        try:
            includes.resolve(at_source, source.where(at_source.line), config_file)
        except includes.SnippetError as error:
            log.error("%s", error)
            line = lines[at_markdown.line - 1]
            indent = line[: len(line) - len(line.lstrip())]
            lines[at_markdown.line - 1] = f"{indent}(include refused: see the build log)"
    return "\n".join(lines)
