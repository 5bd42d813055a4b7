"""Figures drawn from ``nnref`` at build time, one per script in ``figures/<slug>/``.

``render_all`` draws every script that is missing or stale into the cache
(``.cache/site/figures/<slug>/<name>-light.svg`` and ``-dark.svg``, and ``<name>.json``, what
the page needs to know: size, smallest text, caption), keyed on the script, the helpers
beside it, its lesson's snippets, the sources of ``nnref`` and the renderer
(:func:`figure_inputs`). The scripts are shared out over the build's
worker processes (:mod:`coursekit.workers`), with a time limit. Before a render is marked
fresh it is checked by drawing the light variant again in other processes: a figure that
comes out different is an error, and is not cached. A script that draws nothing is an error.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import shutil
import sys
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from coursekit.cache import CACHE, Stamp, digest
from coursekit.project import FIGURES, ROOT, SNIPPETS, VARIANTS
from coursekit.workers import Batch, Finished, share_out

log = logging.getLogger("mkdocs.hooks.figures")

RENDERER = Path(__file__).resolve().parent / "figure_render.py"
FIGURE_CACHE = CACHE / "figures"


def figure_scripts(scripts_dir: Path = FIGURES) -> list[Path]:
    """Every figure script, ``figures/<slug>/<name>.py`` (``_*.py`` are helpers)."""
    return sorted(p for p in scripts_dir.glob("*/*.py") if not p.name.startswith("_"))


def _sources_digest() -> str:
    """What every figure is made from besides its script: the renderer, the palettes,
    matplotlib and ``nnref``."""
    # matplotlib's version from its metadata: importing it here (half a second) would be
    # paid by every build, which draws in worker processes of its own.
    return digest(RENDERER, Path(__file__).parent / "project.py", version("matplotlib"),
                  *sorted((ROOT / "nnref").rglob("*.py")))


def figure_inputs(script: Path) -> list[Path]:
    """What one figure is made from besides what all share (:func:`_sources_digest`): its
    script, the helpers of its folder (``_*.py``, which it may import: the renderer loads it
    as a module of its folder) and its lesson's snippets (``snippets/<slug>/``, the code the
    page shows, which a helper may run so that a figure draws what the page computes).
    Like ``nnref``, helpers and snippets count whole: no import is traced."""
    helpers = sorted(script.parent.glob("_*.py"))
    return [script, *helpers, *sorted((SNIPPETS / script.parent.name).rglob("*.py"))]


def figure_key(script: Path, shared: str | None = None) -> str:
    """The cache key of one figure script: a digest of everything it is drawn from."""
    return digest(_sources_digest() if shared is None else shared, *figure_inputs(script))


@dataclass
class _Stale:
    script: Path
    stamp: Stamp  # marked once the script's drawings are in the cache and checked


def render_all(cache: Path = FIGURE_CACHE, scripts: list[Path] | None = None) -> dict[str, Path]:
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
        stamp = Stamp(cache / slug / f"{name}.key", figure_key(script, shared))
        svgs = {v: cache / slug / f"{name}-{v}.svg" for v in VARIANTS}
        if not stamp.fresh(*svgs.values(), cache / slug / f"{name}.json"):
            stale.append(_Stale(script, stamp))
        for variant, path in svgs.items():
            outputs[f"{slug}/{name}-{variant}"] = path
    if stale:
        log.info("rendering %d figure script(s)", len(stale))
        drawn = _Drawing(stale, cache).finished()
        if drawn:
            _pending.append(_SecondDrawing(drawn, cache))
    return {k: p for k, p in outputs.items() if p.is_file()}


@dataclass(frozen=True)
class Facts:
    """What a page needs to know about a figure, written by the renderer beside its SVGs."""

    width: int  # CSS pixels, at the figure's own size
    height: int
    smallest_text: float  # CSS pixels, at the figure's own size
    caption: str  # the script's docstring, first paragraph


def facts(stem: str, cache: Path = FIGURE_CACHE) -> Facts | None:
    """The facts of figure ``<slug>/<name>``, or None if it was not drawn."""
    path = cache / f"{stem}.json"
    if not path.is_file():
        return None
    return Facts(**json.loads(path.read_text(encoding="utf8")))


LEGIBLE = 0.7  # the smallest text of a figure, as a share of the body text's size


def image_attributes(found: Facts) -> dict[str, str]:
    """The ``<img>`` attributes of a figure or diagram: its size (so that the page does not
    jump as it loads), lazy loading (the variant of the other palette, hidden, is never
    fetched), and a minimum width, in ``em`` of the body text, that keeps its smallest text
    at ``LEGIBLE`` of the body text's size: a narrower column scrolls it sideways."""
    min_width = math.ceil(10 * found.width * LEGIBLE / found.smallest_text) / 10
    return {
        "width": str(found.width), "height": str(found.height), "loading": "lazy",
        "style": f"min-width: {min(min_width, 9999):g}em",
        "data-text-px": f"{found.smallest_text:g}",  # for the browser suite's legibility check
    }


_SVG_SIZE = re.compile(r'<svg [^>]*?width="(?P<w>[\d.]+)(?:px)?" height="(?P<h>[\d.]+)(?:px)?"')
_ROOT_FONT = re.compile(r"#[\w-]+\{[^}]*?font-size:(?P<size>[\d.]+)px")


def diagram_facts(svg: bytes, caption: str = "") -> Facts | None:
    """The facts of a Mermaid diagram's SVG: its size and its text size (Mermaid writes both
    in CSS pixels)."""
    text = svg.decode("utf8", "replace")
    size, font = _SVG_SIZE.search(text), _ROOT_FONT.search(text)
    if size is None or font is None:
        return None
    return Facts(round(float(size["w"])), round(float(size["h"])), float(font["size"]), caption)


def finish_checks() -> None:
    """Wait for the second drawings started by ``render_all`` and judge them."""
    while _pending:
        _pending.pop().finish()


class _Drawing:
    """The scripts drawn by the renderer, shared out over one worker per core."""

    def __init__(self, items: list[_Stale], out: Path, *flags: str) -> None:
        self.items = items
        self.out = out
        self.shares = share_out(items)
        self.batch = Batch([
            [sys.executable, "-m", "coursekit.figure_render", *flags, str(out),
             *(str(i.script) for i in share)]
            for share in self.shares
        ], jobs=max((len(share) for share in self.shares), default=1))

    def finished(self) -> list[_Stale]:
        """Wait for the workers; the scripts drawn well (the renderer prints each one's
        path). A failure, a time-out or an empty drawing is logged as an error."""
        drawn: list[_Stale] = []
        for share, result in zip(self.shares, self.batch.wait(), strict=True):
            done = set(result.stdout.splitlines())
            drawn += [item for item in share if str(item.script) in done]
            _report(share, done, result, self.batch.time_limit)
        return [item for item in drawn if not _empty(item, self.out)]


def _report(share: list[_Stale], done: set[str], result: Finished, limit: float) -> None:
    if result.timed_out:
        hanging = next((i.script for i in share if str(i.script) not in done), None)
        if hanging is None:  # every script drawn, but the worker did not end in time
            log.error("the worker drawing %s did not exit within %.0f s after drawing them "
                      "all: it was stopped", ", ".join(str(_shown(i.script)) for i in share),
                      limit)
        else:
            log.error("figure script %s did not finish within %.0f s: it was stopped (does "
                      "it loop forever, or wait for input?)", _shown(hanging), limit)
    elif result.status != 0:  # a warning on stderr alone is not a failure
        log.error("a figure script failed:\n%s", result.stderr.strip())


def _empty(item: _Stale, out: Path) -> bool:
    """A drawing with no axes, lines, patches or text: the script drew nothing."""
    svg = out / item.script.parent.name / f"{item.script.stem}-light.svg"
    if not svg.is_file():
        return True
    body = svg.read_text(encoding="utf8")
    if any(f'id="{kind}_' in body for kind in ("axes", "line2d", "patch_2", "text_")):
        return False
    log.error("figure script %s drew an empty figure: draw(fig) must draw on the figure it "
              "is given (or return the figure it drew on)", _shown(item.script))
    return True


class _SecondDrawing:
    """The light variants drawn again, in new processes, to compare with the first."""

    def __init__(self, items: list[_Stale], cache: Path) -> None:
        self.cache = cache
        # Beside the cache, not in it: the notebooks hook reads the cache while this runs.
        self.again = cache.parent / f"{cache.name}-drawn-again-{os.getpid()}"
        shutil.rmtree(self.again, ignore_errors=True)
        self.drawing = _Drawing(items, self.again, "--light-only")

    def finish(self) -> None:
        for item in self.drawing.finished():
            path = f"{item.script.parent.name}/{item.script.stem}-light.svg"
            if (self.again / path).read_bytes() == (self.cache / path).read_bytes():
                item.stamp.mark()
            else:
                log.error("%s draws a different figure each time it runs: seed its "
                          "randomness and keep dates and other run-dependent values out of it",
                          _shown(item.script))
        shutil.rmtree(self.again, ignore_errors=True)


def _shown(script: Path | None) -> Path | None:
    if script is None:
        return None
    return script.relative_to(ROOT) if script.is_relative_to(ROOT) else script


_pending: list[_SecondDrawing] = []
