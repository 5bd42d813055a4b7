"""Render figure scripts to SVG, one light and one dark variant each.

Run by ``coursekit.figures`` in fresh interpreters (so an edited ``nnref`` is re-imported),
one worker per core, each drawing its share of the scripts in turn:

    python -m coursekit.figure_render [--light-only] OUT_DIR figures/one-neuron/sigmoid-bias.py ...

writes ``OUT_DIR/one-neuron/sigmoid-bias-light.svg`` and ``...-dark.svg``. A script defines
``draw(fig: matplotlib.figure.Figure) -> None`` (or returns the figure it drew on). It must
not choose colours for text, axes or lines itself: the variant's style sets them, so that the
same script reads well on both palettes.
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from coursekit.project import PALETTES

FIGSIZE = (6.4, 3.6)

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


def load_draw(script: Path) -> Any:
    spec = importlib.util.spec_from_file_location(f"figure_{script.stem.replace('-', '_')}", script)
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
    import io

    with matplotlib.rc_context(STYLES[variant]):
        fig = Figure(figsize=FIGSIZE, layout="constrained")
        returned = draw(fig)
        if isinstance(returned, Figure):
            fig = returned
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def draw_to_files(out_dir: Path, script: Path, variants: list[str]) -> str | None:
    """Write the script's SVGs into ``out_dir``; the traceback if it failed, else None."""
    try:
        target = out_dir / script.parent.name
        target.mkdir(parents=True, exist_ok=True)
        draw = load_draw(script)  # once for all variants: a script may cache its data
        for variant in variants:
            (target / f"{script.stem}-{variant}.svg").write_bytes(render_with(draw, variant))
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
