"""Render figure scripts to SVG, one light and one dark variant each.

Run by the ``figures`` hook in a fresh interpreter (so an edited ``nnref`` is re-imported),
which draws the scripts in a pool of one process per core:

    python hooks/figure_render.py [--light-only] OUT_DIR figures/one-neuron/sigmoid-bias.py ...

writes ``OUT_DIR/one-neuron/sigmoid-bias-light.svg`` and ``...-dark.svg``. A script defines
``draw(fig: matplotlib.figure.Figure) -> None`` (or returns the figure it drew on). It must
not choose colours for text, axes or lines itself: the variant's style sets them, so that the
same script reads well on both palettes.
"""

from __future__ import annotations

import importlib.util
import multiprocessing
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

FIGSIZE = (6.4, 3.6)

# Line colours chosen to stay distinct on white and on Material's slate background.
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
STYLES: dict[str, dict[str, Any]] = {
    "light": {
        **_COMMON,
        "text.color": "#1f2328",
        "axes.labelcolor": "#1f2328",
        "axes.edgecolor": "#57606a",
        "xtick.color": "#57606a",
        "ytick.color": "#57606a",
        "grid.color": "#d0d7de",
        "axes.prop_cycle": matplotlib.cycler(
            color=["#3f51b5", "#d81b60", "#00897b", "#f57c00", "#6d4c41", "#5e35b1"]
        ),
    },
    "dark": {
        **_COMMON,
        "text.color": "#e2e4e9",
        "axes.labelcolor": "#e2e4e9",
        "axes.edgecolor": "#9aa0ab",
        "xtick.color": "#9aa0ab",
        "ytick.color": "#9aa0ab",
        "grid.color": "#3a3f4b",
        "axes.prop_cycle": matplotlib.cycler(
            color=["#8c9eff", "#ff6f9c", "#4dd0c1", "#ffb74d", "#bcaaa4", "#b39ddb"]
        ),
    },
}


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


def main(argv: list[str]) -> int:
    """Draw each script in a pool of processes (the next script goes to whichever process
    is free); print the path of each script drawn, and the traceback of each that failed
    to standard error."""
    variants = list(STYLES)
    if argv[0] == "--light-only":  # the second drawing that checks the first
        variants, argv = ["light"], argv[1:]
    out_dir, scripts = Path(argv[0]), argv[1:]
    jobs = [(out_dir, Path(s), variants) for s in scripts]
    processes = min(len(jobs), os.cpu_count() or 1)
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(max(processes, 1)) as pool:
        failures = pool.starmap(draw_to_files, jobs, chunksize=1)
    for script, failure in zip(scripts, failures, strict=True):
        if failure is None:
            print(script)
        else:
            print(f"{script} failed:\n{failure}", file=sys.stderr)
    return 1 if any(failures) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
