"""Figure scripts (``figures/<lesson-slug>/<name>.py``) draw deterministic SVGs in a light
and a dark variant, and every figure a page references exists."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
import figure_render  # noqa: E402

sys.path.pop(0)

SCRIPTS = sorted(p for p in (ROOT / "figures").glob("*/*.py") if not p.name.startswith("_"))
_REFERENCE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]*figures/[^)\s]+?)\.svg\)")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_figure_renders_the_same_bytes_twice(script: Path) -> None:
    """Twice the same bytes: no unseeded randomness, no date (the cache relies on it)."""
    light = figure_render.render(script, "light")
    assert light == figure_render.render(script, "light"), "not deterministic"
    assert light.startswith(b"<?xml") and b"<dc:date>" not in light


def test_dark_variant_differs_from_light() -> None:
    """The dark style is applied (one script suffices: the style is the renderer's)."""
    script = ROOT / "figures" / "one-neuron" / "sigmoid-bias.py"
    dark = figure_render.render(script, "dark")
    assert dark != figure_render.render(script, "light")
    assert dark.startswith(b"<?xml") and b"<dc:date>" not in dark


def test_every_referenced_figure_has_a_script() -> None:
    missing = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for match in _REFERENCE.finditer(page.read_text(encoding="utf8")):
            name = match["src"].split("figures/", 1)[1]
            if not (ROOT / "figures" / f"{name}.py").is_file():
                missing.append(f"{page.relative_to(ROOT)}: figures/{name}.py")
    assert not missing, "figure scripts missing:\n" + "\n".join(missing)
