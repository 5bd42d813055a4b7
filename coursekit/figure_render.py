"""Render figure scripts to SVG, one light and one dark variant each.

Run by ``coursekit.figures`` in fresh interpreters (so an edited ``nnref`` is re-imported),
one worker per core, each drawing its share of the scripts in turn:

    python -m coursekit.figure_render [--light-only] OUT_DIR figures/one-neuron/sigmoid-bias.py ...

writes ``OUT_DIR/one-neuron/sigmoid-bias-light.svg`` and ``...-dark.svg``, and
``sigmoid-bias.json``: the figure's size in CSS pixels, its smallest text, and its caption
(the script's docstring, first paragraph). A script defines
``draw(fig: matplotlib.figure.Figure) -> None`` (or returns the figure it drew on). It must
not choose colours for text, axes or lines itself: the variant's style sets them, so that the
same script reads well on both palettes.

To keep the pages light, dense fills (filled contours, meshes, images, and any collection of
more than ``DENSE_VERTICES`` vertices or ``DENSE_MARKERS``
markers) are embedded as one PNG inside the SVG, at
``RASTER_DPI``; lines, markers and text stay vectors. Text is drawn as paths (each glyph
once per figure), so that it looks the same on every machine.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import re
import sys
import traceback
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np

matplotlib.use("Agg")

from matplotlib.collections import Collection
from matplotlib.figure import Figure
from matplotlib.image import AxesImage
from matplotlib.text import Text

from coursekit.pages import script_caption
from coursekit.project import PALETTES

FIGSIZE = (6.4, 3.6)
SMALLEST_TEXT_PT = 9  # no text smaller: a phone shows the figure at about 60% of its size
DENSE_VERTICES = 2000  # a filled collection with more vertices than this is rasterized
DENSE_MARKERS = 200  # and so is a scatter of more points than this
RASTER_DPI = 160  # about 1.7 device pixels per CSS pixel at the figure's own size
PX_PER_PT = 96 / 72  # the SVG is sized in points; a browser shows 1 pt as 4/3 CSS px

_COMMON: dict[str, Any] = {
    "svg.hashsalt": "nn-from-scratch",  # stable ids: the same script gives the same bytes
    "svg.fonttype": "path",  # text as paths: identical on every machine and browser
    "font.family": "DejaVu Sans",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.linewidth": 0.6,
    "lines.linewidth": 2.0,
    "legend.frameon": False,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.transparent": True,
}


def _style(palette: dict[str, Any]) -> dict[str, Any]:
    """The variant's style, from the site's palette (line colours stay distinct on it)."""
    return {
        **_COMMON,
        "text.color": palette["text"],
        "axes.labelcolor": palette["text"],
        "axes.edgecolor": palette["muted"],
        "xtick.color": palette["muted"],
        "ytick.color": palette["muted"],
        "grid.color": palette["grid"],
        "axes.prop_cycle": matplotlib.cycler(color=palette["series"]),
    }


STYLES: dict[str, dict[str, Any]] = {name: _style(p) for name, p in PALETTES.items()}


def _identifier(name: str) -> str:
    return re.sub(r"\W", "_", name)


def load_draw(script: Path) -> Any:
    """The ``draw`` of a figure script, loaded afresh, with the helpers it imports.

    The script is loaded as a module of a package made of its folder, so it imports the
    helpers beside it (``figures/<slug>/_*.py``) relatively, ``from ._pipeline import
    lesson``, without ``sys.path`` being touched. The folder's modules loaded for an earlier
    script are forgotten first: each script gets its helpers loaded afresh, as it is."""
    folder = script.resolve().parent
    package = "figure_" + _identifier(folder.name)
    for name in [n for n in sys.modules if n == package or n.startswith(f"{package}.")]:
        del sys.modules[name]
    folder_spec = importlib.machinery.ModuleSpec(package, None, is_package=True)
    folder_spec.submodule_search_locations = [str(folder)]
    sys.modules[package] = importlib.util.module_from_spec(folder_spec)
    spec = importlib.util.spec_from_file_location(f"{package}.{_identifier(script.stem)}",
                                                  script)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {script}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    draw = getattr(module, "draw", None)
    if not callable(draw):
        raise TypeError(f"{script} must define draw(fig: matplotlib.figure.Figure)")
    return draw


def render(script: Path, variant: str) -> bytes:
    """The SVG of one figure script in one variant (``light`` or ``dark``), the script
    loaded afresh (so nothing it computed for an earlier render is reused)."""
    return render_with(load_draw(script), variant)


def render_with(draw: Any, variant: str) -> bytes:
    """The SVG that ``draw`` makes in one variant."""
    return render_figure(draw, variant)[0]


def render_figure(draw: Any, variant: str) -> tuple[bytes, dict[str, float]]:
    """The SVG that ``draw`` makes in one variant, and its size and smallest text in CSS
    pixels (at the figure's own size)."""
    import io

    with matplotlib.rc_context(STYLES[variant]):
        fig = Figure(figsize=FIGSIZE, layout="constrained")
        returned = draw(fig)
        if isinstance(returned, Figure):
            fig = returned
        rasterize_dense_fills(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", dpi=RASTER_DPI, metadata={"Date": None})
        svg = shorten_paths(buffer.getvalue())
        width, height = fig.get_size_inches() * 72 * PX_PER_PT
        sizes = {"width": round(float(width)), "height": round(float(height)),
                 "smallest_text": round(smallest_text_pt(fig) * PX_PER_PT, 2)}
    return svg, sizes


_PATH_DATA = re.compile(rb'(\sd=")([^"]*)"')
_DECIMAL = re.compile(rb"-?\d+\.\d+")


def _one_decimal(number: re.Match[bytes]) -> bytes:
    shown = b"%.1f" % float(number.group())
    shown = shown.rstrip(b"0").rstrip(b".")
    return b"0" if shown in (b"", b"-0") else shown


def shorten_paths(svg: bytes) -> bytes:
    """Path coordinates to a tenth of a point (a seventh of a CSS pixel), not a millionth:
    the same drawing, some tenth of the bytes."""
    return _PATH_DATA.sub(
        lambda path: path.group(1) + _DECIMAL.sub(_one_decimal, path.group(2)) + b'"', svg
    )


def _vertex_count(artist: Collection) -> int:
    return sum(len(path.vertices) for path in artist.get_paths())


def rasterize_dense_fills(fig: Figure) -> None:
    """Embed dense fills as pixels: a filled contour keeps every polygon of every level as
    a vector path (hundreds of kilobytes), which a PNG of the same area replaces with a few
    tens. Lines and markers stay vectors, so boundaries and points stay sharp."""
    for ax in fig.axes:
        for artist in ax.get_children():
            if isinstance(artist, AxesImage):
                artist.set_rasterized(True)
            elif isinstance(artist, Collection):
                faces = np.asarray(artist.get_facecolor()).reshape(-1, 4)
                dense = (_vertex_count(artist) > DENSE_VERTICES
                         or len(artist.get_offsets()) > DENSE_MARKERS)
                if faces[:, 3].any() and dense:
                    artist.set_rasterized(True)


def smallest_text_pt(fig: Figure) -> float:
    """The size in points of the smallest text the figure shows."""
    sizes = [text.get_fontsize() for text in fig.findobj(Text)
             if text.get_visible() and text.get_text().strip()]
    return float(min(sizes)) if sizes else float(matplotlib.rcParams["font.size"])


def draw_to_files(out_dir: Path, script: Path, variants: list[str]) -> str | None:
    """Write the script's SVGs into ``out_dir``; the traceback if it failed, else None."""
    try:
        target = out_dir / script.parent.name
        target.mkdir(parents=True, exist_ok=True)
        draw = load_draw(script)  # once for all variants: a script may cache its data
        for variant in variants:
            svg, sizes = render_figure(draw, variant)
            (target / f"{script.stem}-{variant}.svg").write_bytes(svg)
        facts = {**sizes, "caption": script_caption(script)}
        (target / f"{script.stem}.json").write_text(json.dumps(facts, sort_keys=True) + "\n")
    except Exception:
        return traceback.format_exc()
    return None


def _no_network() -> None:
    """Figures are computed, never fetched: in the renderer a connection is an error."""
    import socket

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise ConnectionRefusedError(
            "a figure script must not use the network: compute what it shows with nnref"
        )

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse
    socket.getaddrinfo = refuse


def main(argv: list[str]) -> int:
    """Draw each script in turn; print the path of each script drawn (as soon as it is, so
    that a worker stopped at its time limit shows how far it got), and the traceback of each
    that failed to standard error."""
    variants = list(STYLES)
    if argv[0] == "--light-only":  # the second drawing that checks the first
        variants, argv = ["light"], argv[1:]
    out_dir, scripts = Path(argv[0]), argv[1:]
    _no_network()
    failed = False
    for script in scripts:
        failure = draw_to_files(out_dir, Path(script), variants)
        if failure is None:
            print(script, flush=True)
        else:
            failed = True
            print(f"{script} failed:\n{failure}", file=sys.stderr, flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
