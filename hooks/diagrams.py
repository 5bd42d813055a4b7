"""MkDocs hook: ```mermaid fences drawn at build time as SVG images (no mermaid.js shipped).

Authors write an ordinary fence::

    ```mermaid
    flowchart LR
        accTitle: One neuron
        x["inputs x"] --> z["z = w . x + b"] --> a["a = sigmoid(z)"]
    ```

:mod:`coursekit.diagrams` draws it in the site's light and dark palettes. The fence
becomes a ``<figure>`` with two ``<img>`` tags marked ``#only-light`` / ``#only-dark``; the
SVG files are written to ``assets/diagrams/`` of the built site. Alt text is the diagram's
``accTitle`` / ``accDescr`` (Mermaid's own accessibility lines), else its source.
"""

from __future__ import annotations

import html
import logging
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from coursekit import diagrams, figures
from coursekit.pages import source_page

log = logging.getLogger("mkdocs.hooks.diagrams")

PLACEHOLDER = "@@nn-diagrams@@"
_TITLE = re.compile(r"^\s*accTitle\s*:\s*(?P<text>.+?)\s*$", re.MULTILINE)  # the caption
_rendered: dict[str, bytes] = {}  # file name in assets/diagrams -> SVG, for this build
_reported: set[str] = set()  # sources whose fault was reported with its page and line


def fence_format(
    source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> str:
    """superfences formatter for ```mermaid: a figure with both palette variants."""
    source = source.strip("\n")
    images = []
    for variant in diagrams.THEMES:
        try:
            name, data = diagrams.render(source, variant)
        except Exception as error:  # mermaid reports syntax errors as generic JS errors
            if source not in _reported:
                log.warning("mermaid diagram failed to render (%s):\n%s", error, source)
            return f'<pre class="nn-diagram-error"><code>{html.escape(source)}</code></pre>'
        _rendered[name] = data
        alt = html.escape(diagrams.alt_text(source))
        found = figures.diagram_facts(data)  # size and text size: see hooks/figures.py
        attrs = "".join(f' {k}="{v}"' for k, v in
                        (figures.image_attributes(found) if found else {}).items())
        images.append(f'<img src="{PLACEHOLDER}/{name}#only-{variant}" alt="{alt}"{attrs}>')
    title = _TITLE.search(source)
    caption = f"<figcaption>{html.escape(title['text'])}</figcaption>" if title else ""
    return (f'<figure class="nn-diagram"><span class="nn-figure__frame">{"".join(images)}'
            f"</span>{caption}</figure>")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences.setdefault("custom_fences", []).append(
        {"name": "mermaid", "class": "nn-diagram", "format": fence_format}
    )
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Draw the page's diagrams now, so that a fault is reported with its page and line
    (the fence formatter is not told where a fence is)."""
    source = source_page(page.file)
    if source is not None:
        for diagram in source.diagrams:
            for variant in diagrams.THEMES:
                try:
                    diagrams.render(diagram.source, variant)
                except Exception as error:  # mermaid's syntax errors are generic JS errors
                    log.warning("%s: mermaid diagram failed to render: %s",
                                source.where(diagram.start), error)
                    _reported.add(diagram.source)
                    break
    return markdown


def on_pre_build(config: MkDocsConfig) -> None:
    _rendered.clear()
    diagrams.prerender(Path(config.docs_dir))


_NOTEBOOK_MERMAID = re.compile(
    r'<div class="jp-Mermaid"><pre class="mermaid">(?P<source>.*?)</pre>\s*</div>', re.DOTALL
)


@event_priority(50)  # before the lightbox plugin re-serializes the page's HTML
def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    # Notebook pages (mkdocs-jupyter): diagrams in markdown cells, drawn the same way.
    html_ = _NOTEBOOK_MERMAID.sub(
        lambda m: fence_format(html.unescape(m["source"]), "mermaid", "", {}, None), html_
    )
    if PLACEHOLDER not in html_:
        return html_
    page_dir = posixpath.dirname(page.url.rstrip("/") + "/x") if page.url else ""
    if not config.use_directory_urls:
        page_dir = posixpath.dirname(page.url)
    relative = posixpath.relpath(diagrams.SITE_DIR, page_dir or ".")
    return html_.replace(PLACEHOLDER, relative)


def on_post_build(config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / diagrams.SITE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, data in _rendered.items():
        (target / name).write_bytes(data)
