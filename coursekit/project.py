"""Where the course's parts live, and the settings its machinery shares.

Everything here is derived from the repository itself (``mkdocs.yml``'s nav is the list of
lessons), so adding a lesson means editing the nav, not this file.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SNIPPETS = ROOT / "snippets"
FIGURES = ROOT / "figures"
MKDOCS_YML = ROOT / "mkdocs.yml"
CACHE = ROOT / ".cache" / "site"  # the one cache root: figures/, diagrams/, notebooks/, ...
LESSON_PARTS = ("part1", "part2")  # docs/<part>/<slug>.md are the lessons


class _TagTolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # C when built
    """Reads mkdocs.yml, ignoring tags such as ``!!python/name:`` and ``!ENV``."""


_TagTolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@cache
def _load_config(path: Path, mtime_ns: int) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf8"), Loader=_TagTolerantLoader) or {}


def mkdocs_config(path: Path = MKDOCS_YML) -> dict[str, Any]:
    """``mkdocs.yml`` as plain data (re-read when the file changes)."""
    return _load_config(path, path.stat().st_mtime_ns)


def _nav_pages(entries: Any) -> list[str]:
    pages: list[str] = []
    for entry in entries or []:
        if isinstance(entry, str):
            pages.append(entry)
        elif isinstance(entry, dict):
            for value in entry.values():
                pages.extend(_nav_pages(value) if isinstance(value, list) else [value])
    return [p for p in pages if isinstance(p, str) and p.endswith(".md")]


def is_lesson(src_uri: str) -> bool:
    """Is ``part1/one-neuron.md`` (a path under ``docs/``) a lesson page?"""
    part, _, name = src_uri.partition("/")
    return part in LESSON_PARTS and name.endswith(".md") and "/" not in name


def lesson_pages(config_path: Path = MKDOCS_YML) -> list[str]:
    """The lessons' pages, in the nav's order, as paths under ``docs/``."""
    return [p for p in _nav_pages(mkdocs_config(config_path).get("nav")) if is_lesson(p)]


def lesson_slug(src_uri: str) -> str:
    """The one name of a lesson: its page's file name, its snippet and figure folders.

    >>> lesson_slug("part1/one-neuron.md")
    'one-neuron'
    """
    return Path(src_uri).stem


# ----------------------------------------------------------------------- shared settings

BLAS_THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread() -> None:
    """Pin this process to one BLAS thread (call before NumPy is imported).

    The course's matrix products are small: multi-threaded OpenBLAS makes them 5 to 40 times
    slower on a loaded 2-core machine, where workers fight over the cores, and can change the
    last bits of a sum between runs.
    """
    for variable in BLAS_THREAD_VARIABLES:
        os.environ.setdefault(variable, "1")


def worker_environment() -> dict[str, str]:
    """The environment for worker processes (figure and diagram renders): one BLAS thread."""
    return {**dict.fromkeys(BLAS_THREAD_VARIABLES, "1"), **os.environ}


# The site's two palettes, as the figures and diagrams draw them. Material's indigo on its
# "default" (light) and "slate" (dark) schemes; text colours as the theme's body text.
PALETTES: dict[str, dict[str, Any]] = {
    "light": {
        "text": "#1f2328", "muted": "#57606a", "grid": "#d0d7de",
        "series": ["#3f51b5", "#d81b60", "#00897b", "#f57c00", "#6d4c41", "#5e35b1"],
        "accent": "#3f51b5", "accent_soft": "#e8eaf6", "secondary": "#fce4ec",
        "surface": "#f5f5f5", "cluster": "#f5f6fb", "cluster_border": "#9fa8da",
        "label_background": "#ffffff",
    },
    "dark": {
        "text": "#e2e4e9", "muted": "#9aa0ab", "grid": "#3a3f4b",
        "series": ["#8c9eff", "#ff6f9c", "#4dd0c1", "#ffb74d", "#bcaaa4", "#b39ddb"],
        "accent": "#8c9eff", "accent_soft": "#2b3050", "secondary": "#4a2736",
        "surface": "#2a2d36", "cluster": "#23262f", "cluster_border": "#5c6bc0",
        "label_background": "#1e2129",
    },
}
VARIANTS = tuple(PALETTES)
