"""Figure scripts (``figures/<lesson-slug>/<name>.py``) draw deterministic SVGs in a light
and a dark variant, and every figure a page references exists.

The tests use the site the browser suite builds (``built_site``, see
``tests/site_build.py``), so each figure is drawn once more here rather than twice."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.site_build import BuiltSite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
import figure_render  # noqa: E402

sys.path.pop(0)

SCRIPTS = sorted(p for p in (ROOT / "figures").glob("*/*.py") if not p.name.startswith("_"))
_REFERENCE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]*figures/[^)\s]+?)\.svg\)")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_figure_renders_the_bytes_the_site_build_rendered(
    script: Path, built_site: BuiltSite
) -> None:
    """Drawn again here, in another process (and perhaps another session: the build may
    have taken it from its cache), the figure is the same bytes: no unseeded randomness,
    no date, nothing that depends on the process. The figure cache relies on it."""
    built = built_site.path / "figures" / script.parent.name / f"{script.stem}-light.svg"
    assert built.is_file(), f"the site build made no {built.name}"
    drawn = figure_render.render(script, "light")
    assert drawn.startswith(b"<?xml") and b"<dc:date>" not in drawn
    assert drawn == built.read_bytes(), "not deterministic: drawn again, it differs"


def test_dark_variant_differs_from_light(built_site: BuiltSite) -> None:
    """The dark style is applied (one figure suffices: the style is the renderer's)."""
    figure = built_site.path / "figures" / "one-neuron" / "sigmoid-bias"
    dark, light = (Path(f"{figure}-{v}.svg").read_bytes() for v in ("dark", "light"))
    assert dark.startswith(b"<?xml") and b"<dc:date>" not in dark
    assert dark != light


def test_every_referenced_figure_has_a_script() -> None:
    missing = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        for match in _REFERENCE.finditer(page.read_text(encoding="utf8")):
            name = match["src"].split("figures/", 1)[1]
            if not (ROOT / "figures" / f"{name}.py").is_file():
                missing.append(f"{page.relative_to(ROOT)}: figures/{name}.py")
    assert not missing, "figure scripts missing:\n" + "\n".join(missing)
