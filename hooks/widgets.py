"""MkDocs hook: ```widget fences become interactive figures (see :mod:`coursekit.widgets`).

The fence becomes a ``<div class="nn-widget">`` holding the widget's name and settings as
data; ``docs/assets/javascripts/widgets.js`` draws it. A fence that names no widget or a
setting it lacks fails the strict build, naming the page and line.
"""

from __future__ import annotations

import html
import json
import logging
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from coursekit.pages import WidgetFence, source_page
from coursekit.widgets import WidgetError, computed, parse_widget

log = logging.getLogger("mkdocs.hooks.widgets")


def fence_format(
    source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> str:
    try:
        name, settings = parse_widget(source.strip("\n"))
    except WidgetError:  # reported with its page and line by on_page_markdown
        return f'<pre class="nn-widget-error"><code>{html.escape(source)}</code></pre>'
    data = html.escape(json.dumps({**settings, **computed(name, settings)}, sort_keys=True))
    return (
        f'<div class="nn-widget" data-widget="{name}" data-settings="{data}">'
        '<p class="nn-widget__fallback">An interactive figure is drawn here when JavaScript '
        "runs; the figure and the verified output above show the same computation.</p></div>"
    )


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences.setdefault("custom_fences", []).append(
        {"name": "widget", "class": "nn-widget", "format": fence_format}
    )
    return config


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    source = source_page(page.file)
    for fence, fault in source.fence_faults() if source is not None else []:
        if isinstance(fence, WidgetFence):
            log.warning("widget: %s", fault)
    return markdown
