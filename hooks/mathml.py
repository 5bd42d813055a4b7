"""MkDocs hook: math typeset at build time as MathML (see :mod:`coursekit.mathml`)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from coursekit.mathml import convert_page_math


def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return convert_page_math(html_, page.file.src_uri)
