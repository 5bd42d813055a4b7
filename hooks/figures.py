"""MkDocs hook: figures drawn at build time from ``nnref`` (see :mod:`coursekit.figures`).

Convention (see README, "The site"): ``figures/<lesson-slug>/<name>.py`` defines
``draw(fig)``. Every script's light and dark SVGs are added to the build as generated files
(plus ``<name>.svg``, the light one, for plain links), and the one image reference an author
writes,

    ![Alt text](../figures/one-neuron/sigmoid-bias.svg)

becomes the two palette variants (Material shows ``#only-light`` / ``#only-dark`` images in
the matching palette). The page model finds the references.
"""

from __future__ import annotations

import logging
import posixpath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from coursekit import figures
from coursekit.pages import FigureRef, parse_text
from coursekit.project import VARIANTS

log = logging.getLogger("mkdocs.hooks.figures")


@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for stem, svg in figures.render_all().items():
        for uri in (f"figures/{stem}.svg",) + (
            (f"figures/{stem.removesuffix('-light')}.svg",) if stem.endswith("-light") else ()
        ):
            files.append(File.generated(config, uri, abs_src_path=str(svg)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand each reference to a figure into its light and dark variants."""
    if not page.file.src_uri.endswith(".md"):  # a notebook page: its figures are embedded
        return markdown
    page_dir = posixpath.dirname(page.file.src_uri)
    lines = markdown.split("\n")
    for block in parse_text(markdown, page.file.abs_src_path or page.file.src_uri).blocks:
        if not isinstance(block, FigureRef):
            continue
        target = posixpath.normpath(posixpath.join(page_dir, block.src))
        if not target.startswith("figures/") or target.endswith(("-light.svg", "-dark.svg")):
            continue
        if not block.alt.strip():
            log.warning("%s: figure %s needs alt text: ![what it shows](%s)",
                        page.file.src_uri, block.src, block.src)
        base = block.src.removesuffix(".svg")
        attrs = (block.attrs or "{ }")[:-1].rstrip() + " .nn-figure }"
        variants = "".join(
            f"![{block.alt}]({base}-{v}.svg#only-{v}){attrs}" for v in VARIANTS
        )
        index = block.start - 1
        lines[index] = lines[index].replace(f"![{block.alt}]({block.src}){block.attrs}", variants)
    return "\n".join(lines)


def on_post_build(config: MkDocsConfig) -> None:
    figures.finish_checks()
