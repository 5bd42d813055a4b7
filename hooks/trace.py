"""MkDocs hook: a traced listing's ``trace`` fence shown as what each line computed.

The doc-test layer keeps a traced fence's trace on the page, checked like its output
(:mod:`coursekit.trace`). On the site the ``trace`` fence becomes a folded table under the
listing and its output: each line of the listing that bound something, with the values.
"""

from __future__ import annotations

import html
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from coursekit import includes, trace
from coursekit.pages import CodeFence, parse_text


def trace_table(listing: list[str], recorded: str) -> list[str]:
    """The HTML of one trace, as lines (a raw HTML block for Markdown): each line of the
    listing that bound something, with the values under it."""
    rows = []
    for number, entry in trace.parse(recorded):
        code = listing[number - 1].strip() if 0 < number <= len(listing) else ""
        rows.append(
            f'<tr><td class="nn-trace__line">{number}</td>'
            f'<td><code class="nn-trace__code">{html.escape(code)}</code><br>'
            f'<span class="nn-trace__values">{html.escape(entry)}</span></td></tr>'
        )
    return [
        '<details class="note nn-trace">',
        "<summary>What each line computed (traced when the tests ran it)</summary>",
        '<table class="nn-trace__table"><thead><tr><th scope="col">line</th>'
        '<th scope="col">code, then the values it bound</th></tr></thead><tbody>',
        *rows,
        "</tbody></table>",
        "</details>",
    ]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not page.file.abs_src_path or not page.file.src_uri.endswith(".md"):
        return markdown
    parsed = parse_text(markdown, Path(page.file.abs_src_path))
    traced = [f for f in parsed.code_fences if f.traced and f.trace is not None]
    if not traced:
        return markdown
    lines = markdown.split("\n")
    config_file = Path(config.config_file_path)
    for fence in sorted(traced, key=lambda f: f.start, reverse=True):
        recorded = fence.trace
        assert isinstance(fence, CodeFence) and recorded is not None
        source, _ = includes.expand(fence, Path(page.file.abs_src_path), config_file)
        table = [recorded.indent + row for row in trace_table(source.split("\n"),
                                                               recorded.content)]
        lines[recorded.start - 1 : recorded.end] = table
    return "\n".join(lines)
