"""MkDocs hook: ```mermaid fences drawn at build time as SVG images (no mermaid.js shipped).

Authors write an ordinary fence::

    ```mermaid
    flowchart LR
        accTitle: One neuron
        x["inputs x"] --> z["z = w . x + b"] --> a["a = sigmoid(z)"]
    ```

``mermaidx`` (Mermaid 11 run in an embedded QuickJS engine, from PyPI) renders it twice, in
a light and a dark theme close to the site's indigo palette. The fence becomes a
``<figure>`` with two ``<img>`` tags marked ``#only-light`` / ``#only-dark``; the SVG files are
written to ``assets/diagrams/`` of the built site. Alt text is the diagram's ``accTitle`` /
``accDescr`` (Mermaid's own accessibility lines), else its source. Renders are cached in
``.cache/site/diagrams``, keyed on the source, the theme and mermaidx's version.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import posixpath
import re
import sys
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))
from worker_processes import run_together, share_out

sys.path.pop(0)

log = logging.getLogger("mkdocs.hooks.diagrams")

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache" / "site" / "diagrams"
SITE_DIR = "assets/diagrams"
PLACEHOLDER = "@@nn-diagrams@@"
_FONT = "DejaVu Sans, Verdana, Bitstream Vera Sans, sans-serif"  # metric-compatible family
THEMES: dict[str, dict[str, Any]] = {
    "light": {
        "theme": "base",
        "themeVariables": {
            "fontFamily": _FONT, "fontSize": "15px", "background": "transparent",
            "primaryColor": "#e8eaf6", "primaryBorderColor": "#3f51b5",
            "primaryTextColor": "#1f2328", "lineColor": "#3f51b5",
            "secondaryColor": "#fce4ec", "tertiaryColor": "#f5f5f5",
            "clusterBkg": "#f5f6fb", "clusterBorder": "#9fa8da",
            "edgeLabelBackground": "#ffffff",
        },
        "flowchart": {"htmlLabels": False},
        # Mermaid draws some shapes (the stadium nodes, for one) with rough.js, whose curves
        # get random control points unless seeded: unseeded, each render differed.
        "handDrawnSeed": 1,
    },
    "dark": {
        "theme": "base",
        "themeVariables": {
            "darkMode": True, "fontFamily": _FONT, "fontSize": "15px",
            "background": "transparent",
            "primaryColor": "#2b3050", "primaryBorderColor": "#8c9eff",
            "primaryTextColor": "#e2e4e9", "lineColor": "#8c9eff",
            "secondaryColor": "#4a2736", "tertiaryColor": "#2a2d36",
            "clusterBkg": "#23262f", "clusterBorder": "#5c6bc0",
            "edgeLabelBackground": "#1e2129", "textColor": "#e2e4e9",
        },
        "flowchart": {"htmlLabels": False},
        "handDrawnSeed": 1,
    },
}
_ACCESSIBLE = re.compile(r"^\s*acc(?:Title|Descr)\s*:\s*(?P<text>.+?)\s*$", re.MULTILINE)
_rendered: dict[str, bytes] = {}  # file name in assets/diagrams -> SVG, for this build


def _key(source: str, variant: str) -> str:
    import mermaidx

    payload = json.dumps([source, THEMES[variant], mermaidx.__version__], sort_keys=True)
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def render(source: str, variant: str) -> tuple[str, bytes]:
    """File name and SVG bytes of one diagram in one variant (cached on disk)."""
    name = f"{_key(source, variant)}-{variant}.svg"
    cached = CACHE / name
    if cached.is_file():
        return name, cached.read_bytes()
    data = draw(source, variant)
    CACHE.mkdir(parents=True, exist_ok=True)
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


def fence_format(
    source: str, language: str, css_class: str, options: dict[str, Any], md: Any, **kwargs: Any
) -> str:
    """superfences formatter for ```mermaid: a figure with both palette variants."""
    source = source.strip("\n")
    images = []
    for variant in THEMES:
        try:
            name, data = render(source, variant)
        except Exception as error:  # mermaid reports syntax errors as generic JS errors
            log.warning("mermaid diagram failed to render (%s):\n%s", error, source)
            return f'<pre class="nn-diagram-error"><code>{html.escape(source)}</code></pre>'
        _rendered[name] = data
        images.append(
            f'<img src="{PLACEHOLDER}/{name}#only-{variant}" alt="{html.escape(alt_text(source))}"'
            ">"
        )
    return f'<figure class="nn-diagram">{"".join(images)}</figure>'


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {})
    fences.setdefault("custom_fences", []).append(
        {"name": "mermaid", "class": "nn-diagram", "format": fence_format}
    )
    return config


_FENCE = re.compile(r"^(?P<indent>[ \t]*)```mermaid[ \t]*\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
                    re.DOTALL | re.MULTILINE)


def mermaid_sources(docs_dir: Path) -> set[str]:
    r"""The diagram sources on the pages, as the fence formatter will be given them.

    >>> page = "text\n    ```mermaid\n    flowchart LR\n        a --> b\n    ```\n"
    >>> sorted(_sources_in(page))
    ['flowchart LR\n    a --> b']
    """
    found: set[str] = set()
    for page in sorted(docs_dir.rglob("*.md")):
        found |= _sources_in(page.read_text(encoding="utf8"))
    return found


def _sources_in(text: str) -> set[str]:
    found = set()
    for match in _FENCE.finditer(text):
        indent = len(match["indent"])
        lines = [line[indent:] for line in match["body"].split("\n")]
        found.add("\n".join(lines).strip("\n"))
    return found


def on_pre_build(config: MkDocsConfig) -> None:
    """Render the diagrams not yet cached, one process per core (a fresh clone has none
    cached); the pages then find them in the cache."""
    _rendered.clear()
    missing = [
        [source, variant]
        for source in sorted(mermaid_sources(Path(config.docs_dir)))
        for variant in THEMES
        if not (CACHE / f"{_key(source, variant)}-{variant}.svg").is_file()
    ]
    if len(missing) < 2:  # nothing to share out: the page build renders it
        return
    log.info("rendering %d diagram(s)", len(missing))
    commands = [[sys.executable, __file__, json.dumps(jobs)] for jobs in share_out(missing)]
    for status, errors in run_together(commands, cwd=ROOT):
        if status != 0:  # the page build renders it again and reports the fault there
            log.debug("diagram pre-render failed:\n%s", errors)


_NOTEBOOK_MERMAID = re.compile(
    r'<div class="jp-Mermaid"><pre class="mermaid">(?P<source>.*?)</pre>\s*</div>', re.DOTALL
)


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
    relative = posixpath.relpath(SITE_DIR, page_dir or ".")
    return html_.replace(PLACEHOLDER, relative)


def on_post_build(config: MkDocsConfig) -> None:
    target = Path(config.site_dir) / SITE_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, data in _rendered.items():
        (target / name).write_bytes(data)


if __name__ == "__main__":  # python hooks/diagrams.py '[[source, variant], ...]'
    for source, variant in json.loads(sys.argv[1]):
        render(source, variant)
