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
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

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
    """Render what is missing or stale; return ``{'<slug>/<name>-<variant>': svg path}`` of
    every SVG that exists.

    A script is drawn (both variants), then drawn again (the light variant) in other
    processes while the build goes on; ``finish_checks()`` waits for that second drawing
    and marks fresh in the cache only a script drawn the same both times, so a figure that
    depends on unseeded randomness, the date or the process is an error.
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
        drawn = _start_drawing(stale, cache).finished()
        if drawn:
            _pending.append(_SecondDrawing(drawn, cache))
    return {k: p for k, p in outputs.items() if p.is_file()}


def finish_checks() -> None:
    """Wait for the second drawings started by ``render_all`` and judge them."""
    while _pending:
        _pending.pop().finish()


def _start_drawing(items: list[_Stale], out: Path, *flags: str) -> _Drawing:
    """Start drawing the scripts (the renderer runs a pool of one process per core)."""
    command = [sys.executable, str(RENDERER), *flags, str(out), *(str(i.script) for i in items)]
    process = subprocess.Popen(command, cwd=ROOT, env=_one_blas_thread(), text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return _Drawing(items, process)


@dataclass
class _Drawing:
    items: list[_Stale]
    process: subprocess.Popen[str]

    def finished(self) -> list[_Stale]:
        """Wait for the renderer; the scripts it drew (it prints each one's path)."""
        printed, errors = self.process.communicate()
        if self.process.returncode != 0:  # a warning on stderr alone is not a failure
            log.error("a figure script failed:\n%s", errors.strip())
        drawn = set(printed.splitlines())
        return [item for item in self.items if str(item.script) in drawn]


class _SecondDrawing:
    """The light variants drawn again, in new processes, to compare with the first."""

    def __init__(self, items: list[_Stale], cache: Path) -> None:
        self.cache = cache
        # Beside the cache, not in it: the notebooks hook reads the cache while this runs.
        self.again = cache.parent / f"{cache.name}-drawn-again-{os.getpid()}"
        shutil.rmtree(self.again, ignore_errors=True)
        self.drawing = _start_drawing(items, self.again, "--light-only")

    def finish(self) -> None:
        for item in self.drawing.finished():
            path = f"{item.script.parent.name}/{item.script.stem}-light.svg"
            if (self.again / path).read_bytes() == (self.cache / path).read_bytes():
                item.stamp.write_text(item.key)
            else:
                log.error("%s draws a different figure each time it runs: seed its "
                          "randomness and keep dates and other run-dependent values out of it",
                          _shown(item.script))
        shutil.rmtree(self.again, ignore_errors=True)


def _shown(script: Path) -> Path:
    return script.relative_to(ROOT) if script.is_relative_to(ROOT) else script


_pending: list[_SecondDrawing] = []


@event_priority(50)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    for stem, svg in render_all().items():
        for uri in (f"figures/{stem}.svg",) + (
            (f"figures/{stem.removesuffix('-light')}.svg",) if stem.endswith("-light") else ()
        ):
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


def on_post_build(config: MkDocsConfig) -> None:
    finish_checks()
