"""Figure scripts (``figures/<lesson-slug>/<name>.py``) draw deterministic SVGs in a light
and a dark variant, and every figure a page references exists.

Every figure is drawn twice, in two processes, before the build caches it
(``coursekit/figures.py``); these tests check that mechanism on a seeded and an unseeded
script, and draw one of the course's figures once more against the built site."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from coursekit import figure_render, figures, workers
from coursekit.pages import read_page
from coursekit.project import DOCS, FIGURES, ROOT
from tests.site_build import BuiltSite

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
    script = FIGURES / "one-neuron" / "sigmoid-bias.py"
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
    for page in sorted(DOCS.rglob("*.md")):
        for figure in read_page(page).figures:
            name = figure.src.split("figures/", 1)[1].removesuffix(".svg")
            if not (FIGURES / f"{name}.py").is_file():
                missing.append(f"{page.relative_to(ROOT)}:{figure.start}: figures/{name}.py")
    assert not missing, "figure scripts missing:\n" + "\n".join(missing)


ENDLESS = """
def draw(fig):
    while True:
        pass
"""
EMPTY = """
def draw(fig):
    pass
"""
ONLINE = """
import socket

def draw(fig):
    socket.create_connection(("127.0.0.1", {port}), timeout=5)
    fig.subplots().plot([0, 1])
"""


def test_a_figure_script_that_never_returns_is_stopped_and_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """It used to hang ``mkdocs build`` (and ``mkdocs serve``, even once fixed) for ever."""
    monkeypatch.setattr("coursekit.workers.TIME_LIMIT", 5.0)
    script = _script(tmp_path, "endless", ENDLESS)
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.figures"):
        outputs = figures.render_all(tmp_path / "cache", [script])
        figures.finish_checks()
    assert outputs == {}
    assert "endless.py did not finish within 5 s: it was stopped" in caplog.text
    fixed = _script(tmp_path, "endless", SEEDED)  # fixed: the next build draws it
    monkeypatch.setattr("coursekit.workers.TIME_LIMIT", 300.0)
    assert sorted(figures.render_all(tmp_path / "cache", [fixed])) == [
        "lesson/endless-dark", "lesson/endless-light",
    ]
    figures.finish_checks()


def test_a_workers_time_limit_grows_with_its_share(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build on a busy machine with many figures to draw is not stopped for their number:
    the limit is per script, for the largest share."""
    monkeypatch.setattr("coursekit.workers.TIME_LIMIT", 7.0)
    scripts = [FIGURES / "lesson" / f"figure{i}.py" for i in range(5)]
    drawing = figures._Drawing([figures._Stale(s, None) for s in scripts], Path("out"))
    try:
        assert drawing.batch.time_limit == 7.0 * max(len(share) for share in drawing.shares)
    finally:
        drawing.batch.wait()  # the scripts do not exist: the workers fail at once


def test_a_worker_that_drew_everything_but_never_ended_is_named_by_its_scripts(
    caplog: pytest.LogCaptureFixture,
) -> None:
    share = [figures._Stale(FIGURES / "lesson" / name, None) for name in ("a.py", "b.py")]
    done = {str(item.script) for item in share}
    stopped = workers.Finished(["python"], -9, "\n".join(done), "", timed_out=True)
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.figures"):
        figures._report(share, done, stopped, 240.0)
    assert "None" not in caplog.text
    assert "a.py, " in caplog.text and "b.py did not exit within 240 s" in caplog.text


def test_a_figure_that_draws_nothing_is_an_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    script = _script(tmp_path, "empty", EMPTY)
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.figures"):
        figures.render_all(tmp_path / "cache", [script])
        figures.finish_checks()
    assert "empty.py drew an empty figure" in caplog.text
    assert not (tmp_path / "cache" / "lesson" / "empty.key").exists()


def test_a_figure_script_cannot_reach_the_network(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as server:  # it would answer, if reached
        script = _script(tmp_path, "online", ONLINE.format(port=server.getsockname()[1]))
        with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.figures"):
            figures.render_all(tmp_path / "cache", [script])
            figures.finish_checks()
    assert "a figure script must not use the network" in caplog.text
    assert not (tmp_path / "cache" / "lesson" / "online.key").exists()


USES_HELPER = """
from ._points import points

def draw(fig):
    fig.subplots().plot(points())
"""


def test_a_figure_imports_the_helpers_beside_it(tmp_path: Path) -> None:
    """``from ._name import ...`` finds ``figures/<slug>/_name.py``, in the build's renderer
    processes, and the helper is drawn from, not listed as a figure."""
    script = _script(tmp_path, "curve", USES_HELPER)
    _script(tmp_path, "_points", "def points():\n    return [0.0, 1.0, 0.5, 2.0]\n")
    outputs = figures.render_all(tmp_path / "cache", figures.figure_scripts(tmp_path))
    figures.finish_checks()
    assert sorted(outputs) == ["lesson/curve-dark", "lesson/curve-light"]
    assert (tmp_path / "cache" / "lesson" / "curve.key").read_text() == figures.figure_key(
        script)


def test_each_figure_gets_the_helpers_of_its_own_folder_loaded_afresh(tmp_path: Path) -> None:
    """Two lessons' helpers of the same name, drawn in one process, one after the other:
    each script sees its own, and an edited helper is read again."""
    first = _script(tmp_path / "a", "curve", USES_HELPER)
    helper = _script(tmp_path / "a", "_points", "def points():\n    return [0.0, 1.0]\n")
    second = _script(tmp_path / "b", "curve", USES_HELPER)
    _script(tmp_path / "b", "_points", "def points():\n    return [5.0, 3.0, 4.0]\n")
    drawn = figure_render.render(first, "light")
    assert figure_render.render(second, "light") != drawn
    assert figure_render.render(first, "light") == drawn
    helper.write_text("def points():\n    return [1.0, 0.0, 2.0]\n")  # another size: no stale .pyc
    assert figure_render.render(first, "light") != drawn
