"""Figure scripts (``figures/<lesson-slug>/<name>.py``) draw deterministic SVGs in a light
and a dark variant, and every figure a page references exists.

Every figure is drawn twice, in two processes, before the build caches it
(``hooks/figures.py``); these tests check that mechanism on a seeded and an unseeded
script, and draw one of the course's figures once more against the built site."""

from __future__ import annotations

import importlib.util
import logging
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.site_build import BuiltSite

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
import figure_render  # noqa: E402

sys.path.pop(0)


def _hook(name: str) -> ModuleType:
    """A hook module under a name of its own (``figures`` is also the scripts' folder)."""
    spec = importlib.util.spec_from_file_location(f"hook_{name}", ROOT / "hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as MkDocs loads hooks (dataclasses need it)
    spec.loader.exec_module(module)
    return module


figures = _hook("figures")

_REFERENCE = re.compile(r"!\[[^\]]*\]\((?P<src>[^)\s]*figures/[^)\s]+?)\.svg\)")


SEEDED = """
import numpy as np

def draw(fig):
    fig.subplots().plot(np.random.default_rng(0).random(20))
"""
UNSEEDED = SEEDED.replace("default_rng(0)", "default_rng()")


def _script(directory: Path, name: str, text: str) -> Path:
    script = directory / "lesson" / f"{name}.py"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(text)
    return script


def test_a_figure_is_cached_once_it_draws_the_same_in_a_second_process(
    tmp_path: Path,
) -> None:
    script = _script(tmp_path, "seeded", SEEDED)
    outputs = figures.render_all(tmp_path / "cache", [script])
    figures.finish_checks()
    assert sorted(outputs) == ["lesson/seeded-dark", "lesson/seeded-light"]
    assert all(path.read_bytes().startswith(b"<?xml") for path in outputs.values())
    assert (tmp_path / "cache" / "lesson" / "seeded.key").is_file()


def test_a_figure_that_draws_differently_each_time_is_an_error_and_not_cached(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    script = _script(tmp_path, "unseeded", UNSEEDED)
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.figures"):
        figures.render_all(tmp_path / "cache", [script])
        figures.finish_checks()
    assert "unseeded.py draws a different figure each time it runs" in caplog.text
    assert not (tmp_path / "cache" / "lesson" / "unseeded.key").exists()


def test_a_figure_draws_the_bytes_the_site_build_drew(built_site: BuiltSite) -> None:
    """Drawn in this process, perhaps sessions after the build cached it, a figure is the
    same bytes (one quick figure; each was checked twice when it was cached)."""
    script = ROOT / "figures" / "one-neuron" / "sigmoid-bias.py"
    built = built_site.path / "figures" / "one-neuron" / "sigmoid-bias-light.svg"
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
