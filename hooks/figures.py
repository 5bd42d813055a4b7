"""MkDocs hook: figures drawn at build time from ``nnref``, one per script in ``figures/``.

Convention (see README, "The site"): ``figures/<lesson-slug>/<name>.py`` defines
``draw(fig)``. This hook renders every script to ``figures/<lesson-slug>/<name>-light.svg``
and ``-dark.svg`` (plus ``<name>.svg``, the light one, for plain links), adds them to the
build as generated files, and rewrites the one image reference an author writes,

    ![Alt text](../figures/one-neuron/sigmoid-bias.svg)

into the two palette variants (Material shows ``#only-light`` / ``#only-dark`` images in
the matching palette). Renders are cached in ``.cache/site/figures``, keyed on the script,
the sources of ``nnref`` and the renderer, so ``mkdocs serve`` re-renders only what changed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import re
import sys
from pathlib import Path

import matplotlib
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

sys.path.insert(0, str(Path(__file__).resolve().parent))
from worker_processes import run_together, share_out

sys.path.pop(0)

log = logging.getLogger("mkdocs.hooks.figures")

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "figures"
RENDERER = Path(__file__).resolve().parent / "figure_render.py"
CACHE = ROOT / ".cache" / "site" / "figures"
VARIANTS = ("light", "dark")
_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+?\.svg)\)(?P<attrs>\{[^}\n]*\})?")


def figure_scripts() -> list[Path]:
    """Every figure script, ``figures/<lesson-slug>/<name>.py`` (``_*.py`` are helpers)."""
    return sorted(p for p in SCRIPTS.glob("*/*.py") if not p.name.startswith("_"))


def _sources_digest() -> bytes:
    digest = hashlib.sha256(RENDERER.read_bytes())
    digest.update(matplotlib.__version__.encode())
    for path in sorted((ROOT / "nnref").rglob("*.py")):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.digest()


def _one_blas_thread() -> dict[str, str]:
    """The renderer's environment. Figures train small networks; multi-threaded BLAS makes
    their small products many times slower on a busy 2-core machine."""
    pinned = dict.fromkeys(("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"), "1")
    return {**pinned, **os.environ}


def render_all(cache: Path = CACHE) -> dict[str, Path]:
    """Render what is missing or stale; return ``{'<slug>/<name>-<variant>': svg path}``."""
    shared = _sources_digest()
    stale, outputs = [], {}
    for script in figure_scripts():
        slug, name = script.parent.name, script.stem
        key = hashlib.sha256(shared + script.read_bytes()).hexdigest()
        stamp = cache / slug / f"{name}.key"
        svgs = {v: cache / slug / f"{name}-{v}.svg" for v in VARIANTS}
        fresh = stamp.is_file() and stamp.read_text() == key
        if not (fresh and all(p.is_file() for p in svgs.values())):
            stale.append((script, stamp, key))
        for variant, path in svgs.items():
            outputs[f"{slug}/{name}-{variant}"] = path
    if stale:
        log.info("rendering %d figure script(s)", len(stale))
        groups = share_out(stale)
        commands = [[sys.executable, str(RENDERER), str(cache), *(str(s) for s, _, _ in group)]
                    for group in groups]
        failed = False
        for group, (status, errors) in zip(
            groups, run_together(commands, cwd=ROOT, env=_one_blas_thread()), strict=True
        ):
            if status != 0:
                log.error("a figure script failed:\n%s", errors.strip())
                failed = True
                continue
            for _, stamp, key in group:
                stamp.write_text(key)
        if failed:
            return {k: p for k, p in outputs.items() if p.is_file()}
    return outputs


@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for stem, svg in render_all().items():
        for uri in (f"figures/{stem}.svg",) + (
            (f"figures/{stem.removesuffix('-light')}.svg",) if stem.endswith("-light") else ()
        ):
            if svg.is_file():
                files.append(File.generated(config, uri, abs_src_path=str(svg)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Expand one reference to a figure into its light and dark variants."""
    page_dir = posixpath.dirname(page.file.src_uri)

    def expand(match: re.Match[str]) -> str:
        src = match["src"]
        target = posixpath.normpath(posixpath.join(page_dir, src))
        if not target.startswith("figures/") or target.endswith(("-light.svg", "-dark.svg")):
            return match[0]
        if not match["alt"].strip():
            log.warning("%s: figure %s needs alt text: ![what it shows](%s)",
                        page.file.src_uri, src, src)
        base = src.removesuffix(".svg")
        attrs = (match["attrs"] or "{ }")[:-1].rstrip() + " .nn-figure }"
        return "".join(
            f"![{match['alt']}]({base}-{v}.svg#only-{v}){attrs}" for v in VARIANTS
        )

    return _IMAGE.sub(expand, markdown)
