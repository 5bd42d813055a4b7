"""MkDocs hook: figures drawn at build time from ``nnref`` (see :mod:`coursekit.figures`).

Convention (see README, "The site"): ``figures/<lesson-slug>/<name>.py`` defines
``draw(fig)``. Every script's light and dark SVGs are added to the build as generated files
(only those two: nothing else refers to a figure), and the one image reference an author
writes,

    ![Alt text](../figures/one-neuron/sigmoid-bias.svg)

or, to caption it otherwise than with the script's docstring,

    ![Alt text](../figures/one-neuron/sigmoid-bias.svg "The caption")

becomes a ``<figure>``: the two palette variants (Material shows ``#only-light`` /
``#only-dark`` images in the matching palette; both load lazily, so the hidden one is never
fetched), each with its width and height (no text jumps as it loads) and a minimum width
that keeps its smallest text at 70% of the body text's size (on a phone the figure scrolls
sideways in its own box, and opens full-size on tap), and a caption. The page model finds
the references. Every figure and diagram of a page is then numbered in its caption:
"Figure 3.2: ..." on lesson 3, "Figure 2: ..." on other pages.
"""

from __future__ import annotations

import html
import json
import logging
import posixpath
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from coursekit import figures
from coursekit.pages import FigureRef, parse_text
from coursekit.project import VARIANTS

log = logging.getLogger("mkdocs.hooks.figures")

_FIGURE = re.compile(r'<figure class="(?P<kind>nn-figure|nn-diagram)"(?P<rest>[^>]*)>')
_CAPTION = re.compile(r"<figcaption>")
_LESSON = re.compile(r"^Lesson (?P<number>\d+)\b")


@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for stem, svg in figures.render_all().items():
        files.append(File.generated(config, f"figures/{stem}.svg", abs_src_path=str(svg)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand each reference to a figure into a captioned figure of its two variants."""
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
        stem = target.removeprefix("figures/").removesuffix(".svg")
        found = figures.facts(stem)
        if found is None:
            log.warning("%s: figure %s was not drawn (see the error above)",
                        page.file.src_uri, block.src)
            continue
        caption = block.title.strip() or found.caption
        if not caption:
            log.warning("%s: figure %s needs a caption: a docstring in figures/%s.py, or "
                        '![alt](%s "Caption")', page.file.src_uri, block.src, stem, block.src)
        index = block.start - 1
        lines[index] = lines[index].replace(block.written, figure_markdown(block, found, caption))
    return "\n".join(lines)


def figure_markdown(block: FigureRef, found: figures.Facts, caption: str) -> str:
    """One line of Markdown (``md_in_html``): the figure, its two variants, its caption."""
    base = block.src.removesuffix(".svg")
    attrs = " ".join(f'{k}="{v}"' for k, v in figures.image_attributes(found).items())
    extra = (block.attrs or "{ }")[1:-1].strip()
    variants = "".join(
        f"![{block.alt}]({base}-{v}.svg#only-{v}){{ .nn-figure {attrs} {extra} }}"
        for v in VARIANTS
    )
    return (f'<figure class="nn-figure" markdown="span"><span class="nn-figure__frame">'
            f"{variants}</span><figcaption>{html.escape(caption, quote=False)}</figcaption>"
            f"</figure>")


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Number the page's figures and diagrams, in order, in their captions."""
    lesson = _LESSON.match(page.title or "")
    prefix = f"{lesson['number']}." if lesson else ""
    parts, position, number = [], 0, 0
    for match in _FIGURE.finditer(html_text):
        caption = _CAPTION.search(html_text, match.end())
        closing = html_text.find("</figure>", match.end())
        if caption is None or caption.start() > closing:
            continue
        number += 1
        label = f"Figure {prefix}{number}"
        anchor = f"figure-{prefix.replace('.', '-')}{number}"
        parts += [
            html_text[position:match.start()],
            f'<figure class="{match["kind"]}" id="{anchor}"{match["rest"]}>',
            html_text[match.end():caption.end()],
            f'<span class="nn-figure__number">{label}:</span> ',
        ]
        position = caption.end()
    return "".join(parts) + html_text[position:]


_BODY = re.compile(r"<body\b[^>]*>")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Set the reader's palette before the first layout.

    With nothing stored, Material chooses the palette that matches the system's colour scheme
    only in its script at the end of the page: until then a dark-mode reader's page is laid
    out in the light palette, and the lazy figures in view start loading in their light
    variant. This runs as the body opens, with the same rule (a palette stored by the toggle
    wins: Material's own early script applies it)."""
    palettes = [
        {key: entry[key] for key in ("media", "scheme", "primary", "accent") if key in entry}
        for entry in config["theme"].get("palette") or [] if isinstance(entry, dict)
    ]
    if not any("media" in entry for entry in palettes):
        return output
    script = (
        "<script>(function(){if(typeof __md_get==='function'&&__md_get('__palette'))return;"
        f"var palettes={json.dumps(palettes)};"
        "for(var i=0;i<palettes.length;i++){var p=palettes[i];"
        "if(p.media&&matchMedia(p.media).matches){for(var k in p)if(k!=='media')"
        "document.body.setAttribute('data-md-color-'+k,p[k]);return}}})()</script>"
    )
    body = _BODY.search(output)
    return output if body is None else output[:body.end()] + script + output[body.end():]


def on_post_build(config: MkDocsConfig) -> None:
    figures.finish_checks()
