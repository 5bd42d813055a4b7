"""MkDocs hook: figures drawn at build time from ``nnref``, one per script in ``figures/``.

Convention (see README, "The site"): ``figures/<lesson-slug>/<name>.py`` defines
``draw(fig)``. This hook renders every script to ``figures/<lesson-slug>/<name>-light.svg``
and ``-dark.svg`` (plus ``<name>.svg``, the light one, for plain links), adds them to the
build as generated files, and rewrites the one image reference an author writes,

    ![Alt text](../figures/one-neuron/sigmoid-bias.svg)

into the two palette variants (Material shows ``#only-light`` / ``#only-dark`` images in
the matching palette). Renders are cached in ``.cache/site/figures``, keyed on the script,
the sources of ``nnref`` and the renderer, so ``mkdocs serve`` re-renders only what changed;
before a render is cached it is checked by drawing the figure again in another process
(a figure that comes out different is an error, and is not cached).
"""

from __future__ import annotations

import hashlib
import logging
import os
import posixpath
import re
import shutil
import sys
from dataclasses import dataclass
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


@dataclass
class _Stale:
    script: Path
    stamp: Path  # holds the key once the script's drawings are in the cache
    key: str


def render_all(cache: Path = CACHE, scripts: list[Path] | None = None) -> dict[str, Path]:
    """Render what is missing or stale; return ``{'<slug>/<name>-<variant>': svg path}``.

    A script is drawn (both variants), then drawn again (the light variant) in another
    process; only a script drawn the same both times is marked fresh in the cache, so a
    figure that depends on unseeded randomness, the date or the process is an error.
    """
    shared = _sources_digest()
    stale, outputs = [], {}
    for script in figure_scripts() if scripts is None else scripts:
        slug, name = script.parent.name, script.stem
        key = hashlib.sha256(shared + script.read_bytes()).hexdigest()
        stamp = cache / slug / f"{name}.key"
        svgs = {v: cache / slug / f"{name}-{v}.svg" for v in VARIANTS}
        fresh = stamp.is_file() and stamp.read_text() == key
        if not (fresh and all(p.is_file() for p in svgs.values())):
            stale.append(_Stale(script, stamp, key))
        for variant, path in svgs.items():
            outputs[f"{slug}/{name}-{variant}"] = path
    if stale:
        log.info("rendering %d figure script(s)", len(stale))
        for item in _same_when_drawn_again(_draw(stale, cache), cache):
            item.stamp.write_text(item.key)
    return {k: p for k, p in outputs.items() if p.is_file()}


def _draw(items: list[_Stale], out: Path, *flags: str) -> list[_Stale]:
    """Draw the scripts, one process per core; those whose process succeeded."""
    groups = share_out(items)
    commands = [[sys.executable, str(RENDERER), *flags, str(out), *(str(i.script) for i in group)]
                for group in groups]
    drawn = []
    for group, (status, errors) in zip(
        groups, run_together(commands, cwd=ROOT, env=_one_blas_thread()), strict=True
    ):
        if status == 0:
            drawn += group
        else:
            log.error("a figure script failed:\n%s", errors.strip())
    return drawn


def _same_when_drawn_again(items: list[_Stale], cache: Path) -> list[_Stale]:
    again = cache / "_drawn-again"
    shutil.rmtree(again, ignore_errors=True)
    same = []
    for item in _draw(items, again, "--light-only"):
        path = f"{item.script.parent.name}/{item.script.stem}-light.svg"
        if (again / path).read_bytes() == (cache / path).read_bytes():
            same.append(item)
        else:
            log.error("%s draws a different figure each time it runs: seed its randomness "
                      "and keep dates and other run-dependent values out of it",
                      item.script.relative_to(ROOT) if item.script.is_relative_to(ROOT)
                      else item.script)
    shutil.rmtree(again, ignore_errors=True)
    return same


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
