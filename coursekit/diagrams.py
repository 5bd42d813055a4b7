"""Mermaid diagrams drawn at build time as SVG, in the site's two palettes.

``mermaidx`` (Mermaid 11 run in an embedded QuickJS engine, from PyPI) draws each diagram in
a light and a dark theme made from the site's palettes (:data:`coursekit.project.PALETTES`).
Drawings are cached in ``.cache/site/diagrams``, keyed on the source, the theme and
mermaidx's version. On a cold build ``prerender`` draws every diagram the pages hold (found
by the page model) in the build's worker processes, before the pages ask for them.

Run as ``python -m coursekit.diagrams '[[source, variant], ...]'`` it is such a worker.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from pathlib import Path
from typing import Any

from coursekit.cache import CACHE, digest
from coursekit.pages import read_page
from coursekit.project import DOCS, PALETTES
from coursekit.workers import Batch, share_out

log = logging.getLogger("mkdocs.hooks.diagrams")

DIAGRAM_CACHE = CACHE / "diagrams"
SITE_DIR = "assets/diagrams"  # where the built site keeps them
_FONT = "DejaVu Sans, Verdana, Bitstream Vera Sans, sans-serif"  # metric-compatible family


def _theme(palette: dict[str, Any], dark: bool) -> dict[str, Any]:
    variables = {
        "fontFamily": _FONT, "fontSize": "15px", "background": "transparent",
        "primaryColor": palette["accent_soft"], "primaryBorderColor": palette["accent"],
        "primaryTextColor": palette["text"], "lineColor": palette["accent"],
        "secondaryColor": palette["secondary"], "tertiaryColor": palette["surface"],
        "clusterBkg": palette["cluster"], "clusterBorder": palette["cluster_border"],
        "edgeLabelBackground": palette["label_background"],
    }
    if dark:
        variables = {"darkMode": True, **variables, "textColor": palette["text"]}
    return {
        "theme": "base",
        "themeVariables": variables,
        "flowchart": {"htmlLabels": False},
        # Mermaid draws some shapes (the stadium nodes, for one) with rough.js, whose curves
        # get random control points unless seeded: unseeded, each render differed.
        "handDrawnSeed": 1,
    }


THEMES: dict[str, dict[str, Any]] = {
    name: _theme(palette, dark=name == "dark") for name, palette in PALETTES.items()
}
_ACCESSIBLE = re.compile(r"^\s*acc(?:Title|Descr)\s*:\s*(?P<text>.+?)\s*$", re.MULTILINE)


def key(source: str, variant: str) -> str:
    """A diagram's key: its source, theme and mermaidx's version (the cached file is named
    by it, so a stale drawing is never found)."""
    import mermaidx

    return digest(json.dumps([source, THEMES[variant], mermaidx.__version__],
                             sort_keys=True))[:16]


def file_name(source: str, variant: str) -> str:
    return f"{key(source, variant)}-{variant}.svg"


def render(source: str, variant: str) -> tuple[str, bytes]:
    """File name and SVG bytes of one diagram in one variant (cached on disk)."""
    name = file_name(source, variant)
    cached = DIAGRAM_CACHE / name
    if cached.is_file():
        return name, cached.read_bytes()
    data = draw(source, variant)
    DIAGRAM_CACHE.mkdir(parents=True, exist_ok=True)
    cached.write_bytes(data)
    return name, data


def draw(source: str, variant: str) -> bytes:
    """The SVG of one diagram in one variant, drawn now (no cache)."""
    import mermaidx

    config = dict(THEMES[variant])
    svg = mermaidx.render(source, theme=config.pop("theme"), config=config).svg()
    return _intrinsic_size(svg).encode()


def _intrinsic_size(svg: str) -> str:
    """Give the SVG its own width and height: ``width="100%"`` collapses inside an <img>."""
    box = re.search(r'viewBox="[-\d.]+ [-\d.]+ (?P<w>[\d.]+) (?P<h>[\d.]+)"', svg)
    if box is None:
        return svg
    width, height = float(box["w"]), float(box["h"])
    return svg.replace(
        'width="100%"', f'width="{width:.0f}" height="{height:.0f}"', 1
    )


def alt_text(source: str) -> str:
    found = [m["text"] for m in _ACCESSIBLE.finditer(source)]
    return ". ".join(found) if found else "Diagram: " + " ".join(source.split())


def mermaid_sources(docs_dir: Path = DOCS) -> set[str]:
    """The diagram sources on the pages, as the fence formatter will be given them."""
    return {
        diagram.source
        for page in sorted(docs_dir.rglob("*.md"))
        for diagram in read_page(page).diagrams
    }


def prerender(docs_dir: Path = DOCS) -> None:
    """Draw the diagrams not yet cached, one worker per core (a fresh clone has none
    cached); the pages then find them in the cache."""
    missing = [
        [source, variant]
        for source in sorted(mermaid_sources(docs_dir))
        for variant in THEMES
        if not (DIAGRAM_CACHE / file_name(source, variant)).is_file()
    ]
    if len(missing) < 2:  # nothing to share out: the page build renders it
        return
    log.info("rendering %d diagram(s)", len(missing))
    shares = share_out(missing)
    commands = [[sys.executable, "-m", "coursekit.diagrams", json.dumps(jobs)]
                for jobs in shares]
    for result in Batch(commands, jobs=max(len(share) for share in shares)).wait():
        if result.timed_out:
            log.error("drawing diagrams did not finish within the time limit: %s",
                      result.command[-1][:200])
        elif result.status != 0:  # the page build renders it again and reports it there
            log.debug("diagram pre-render failed:\n%s", result.stderr)


if __name__ == "__main__":
    for source, variant in json.loads(sys.argv[1]):
        render(source, variant)
