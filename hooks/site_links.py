"""MkDocs hook: links into the course's repository only where they lead somewhere.

``repo_url`` comes from the environment (``COURSE_REPO_URL``, see mkdocs.yml). Without it
the site has no repository, so no page gets an edit link either (MkDocs would otherwise
make ``edit_uri`` a relative link to nowhere, and warn). A page whose text is generated from
docstrings (mkdocstrings' ``::: identifier`` lines, as on the API reference) gets no edit
link: its Markdown file is a stub, and the text a reader would want to correct lives in the
package's source.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from coursekit.pages import ApiDirective, parse_text, source_page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not config.repo_url:
        config.edit_uri = None
        config.edit_uri_template = None
    return config


def is_generated_from_docstrings(markdown: str) -> bool:
    """True for a page that mkdocstrings fills from docstrings.

    >>> is_generated_from_docstrings("# API\\n\\n::: nnref.neuron\\n")
    True
    >>> is_generated_from_docstrings("# A lesson\\n\\nText with ::: in it.\\n")
    False
    """
    return bool(parse_text(markdown).of_kind(ApiDirective))


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = source_page(page.file)
    if source is not None and source.of_kind(ApiDirective):
        page.edit_url = None
    return markdown
