"""MkDocs hook: value directives (``<!-- doctest: 0.438 = expression -->``) are for the
tests, not the reader, so they are left out of the page before Markdown reads it.

Left in, a directive inside a paragraph, a list item or an admonition is inline HTML, and
plugins that read the text (mkdocs-autorefs takes ``a[0]["b"]`` for a reference link)
would act on its expression.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from coursekit.pages import without_value_directives


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return without_value_directives(markdown)
