"""Mermaid diagrams drawn at build time (``coursekit/diagrams.py``): deterministic, and all
found by the scan that draws them ahead of the pages on a cold build."""

from __future__ import annotations

from coursekit import diagrams
from coursekit.project import DOCS
from tests.site_build import BuiltSite

# Lesson 4's 2-2-1 network: its stadium-shaped nodes are drawn with rough.js, which picks
# random control points unless it is seeded.
STADIUM_DIAGRAM = "accTitle: A 2-2-1 network"


def _sources() -> list[str]:
    return sorted(diagrams.mermaid_sources(DOCS))


def test_the_scan_finds_every_diagram_the_pages_drew(built_site: BuiltSite) -> None:
    drawn = {p.name for p in (built_site.path / diagrams.SITE_DIR).glob("*.svg")}
    scanned = {diagrams.file_name(s, v) for s in _sources() for v in diagrams.THEMES}
    assert scanned == drawn, (
        f"drawn by the pages but not found by the scan: {sorted(drawn - scanned)}; "
        f"found by the scan but not on any page: {sorted(scanned - drawn)}"
    )


def test_a_diagram_draws_the_bytes_the_site_build_drew(built_site: BuiltSite) -> None:
    """Drawn again here, in another process (the build may have taken it from its cache,
    drawn in an earlier session), the diagram is the same bytes."""
    [source] = [s for s in _sources() if STADIUM_DIAGRAM in s]
    built = built_site.path / diagrams.SITE_DIR / diagrams.file_name(source, "light")
    assert diagrams.draw(source, "light") == built.read_bytes(), "not deterministic"
