"""Mermaid diagrams drawn at build time (``hooks/diagrams.py``): deterministic, and all
found by the scan that draws them ahead of the pages on a cold build."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.site_build import BuiltSite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
import diagrams  # noqa: E402

sys.path.pop(0)

# Lesson 4's 2-2-1 network: its stadium-shaped nodes are drawn with rough.js, which picks
# random control points unless it is seeded.
STADIUM_DIAGRAM = "accTitle: A 2-2-1 network"


def _sources() -> list[str]:
    return sorted(diagrams.mermaid_sources(ROOT / "docs"))


def test_the_scan_finds_every_diagram_the_pages_drew(built_site: BuiltSite) -> None:
    drawn = {p.name for p in (built_site.path / diagrams.SITE_DIR).glob("*.svg")}
    scanned = {f"{diagrams._key(s, v)}-{v}.svg" for s in _sources() for v in diagrams.THEMES}
    assert scanned == drawn, (
        f"drawn by the pages but not found by the scan: {sorted(drawn - scanned)}; "
        f"found by the scan but not on any page: {sorted(scanned - drawn)}"
    )


def test_a_diagram_draws_the_bytes_the_site_build_drew(built_site: BuiltSite) -> None:
    """Drawn again here, in another process (the build may have taken it from its cache,
    drawn in an earlier session), the diagram is the same bytes."""
    [source] = [s for s in _sources() if STADIUM_DIAGRAM in s]
    built = built_site.path / diagrams.SITE_DIR / f"{diagrams._key(source, 'light')}-light.svg"
    assert diagrams.draw(source, "light") == built.read_bytes(), "not deterministic"
