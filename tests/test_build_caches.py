"""What a warm build reuses instead of redoing: pruned notebook style sheets, typeset math
and figures. Each cache must give back exactly what the work would, and be found again only
for the same inputs."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit import figures, mathml, notebook_page
from coursekit.project import ROOT

SHEET = (
    "@charset 'utf-8';"
    ".a{color:red}"
    "@media (min-width: 10em){.a .b{margin:0}.c{margin:1px}}"
    "@keyframes spin{from{top:0}to{top:1px}}"
    ".a,.c{--x:var(--y);--unused:1;top:var(--x)}"
    ".c{--y:2}"
    ".b{--y:3;--w:4}"
)


def page(classes: str, text: str = "") -> str:
    return f'<style>{SHEET}</style><p class="{classes}">{text}</p>'


def test_pruning_keeps_what_the_page_can_use_and_the_properties_it_refers_to() -> None:
    # .a is used, .b only with .a; .c never. --x is used by top, --y by --x, and --y
    # is set by .b (kept) as well as .c (gone); --unused and --w are referred to by nothing.
    assert notebook_page.prune_styles(page("a b")) == (
        "<style>.a{color:red}@media (min-width: 10em){.a .b{margin:0}}"
        "@keyframes spin{from{top:0}to{top:1px}}.a{--x:var(--y);top:var(--x)}.b{--y:3}"
        '</style><p class="a b"></p>'
    )


def test_a_page_that_uses_none_of_a_sheet_loses_the_style_element() -> None:
    assert notebook_page.prune_styles('<style>.z{top:0}</style><p class="a">') == (
        '<p class="a">')


def test_pruned_sheets_are_found_again_for_the_same_classes(tmp_path: Path) -> None:
    first = notebook_page.prune_styles(page("a b", "one"), tmp_path)
    [stored] = tmp_path.glob("*.json")
    assert first == notebook_page.prune_styles(page("a b", "one"))
    # Another page text with the same classes reads what was stored: plant a marker.
    stored.write_text('[".a{color:marker}"]', encoding="utf8")
    assert ".a{color:marker}" in notebook_page.prune_styles(page("b a", "two"), tmp_path)
    # Other classes are other inputs: pruned again, and stored beside the first.
    other = notebook_page.prune_styles(page("c"), tmp_path)
    assert "marker" not in other and ".c{margin:1px}" in other
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_typeset_math_is_kept_and_taken_up_again(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mathml, "_typeset", {})
    monkeypatch.setattr(mathml, "_saved", set())
    made = mathml.to_mathml(r"w^\top x + b", "inline")
    mathml.save_typeset(tmp_path)
    [stored] = tmp_path.glob("*.json")

    # A new process: nothing typeset yet, and KaTeX must not be asked again.
    monkeypatch.setattr(mathml, "_typeset", {})
    monkeypatch.setattr(mathml, "_saved", set())

    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("KaTeX was asked for a formula the cache holds")

    monkeypatch.setattr(mathml.pykatex, "renderToString", refuse)
    mathml.load_typeset(tmp_path)
    assert mathml.to_mathml(r"w^\top x + b", "inline") == made
    with pytest.raises(mathml.MathError):  # a formula not in the cache is typeset now
        mathml.to_mathml(r"\frac{1}{2}", "block")
    before = stored.stat().st_mtime_ns
    mathml.save_typeset(tmp_path)  # nothing new: the file is left as it is
    assert stored.stat().st_mtime_ns == before


def test_typeset_math_from_other_code_is_not_read(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mathml, "_typeset", {})
    monkeypatch.setattr(mathml, "_saved", set())
    monkeypatch.setattr(mathml, "version", lambda name: "0.0-other")
    mathml.to_mathml("x", "inline")
    mathml.save_typeset(tmp_path)
    monkeypatch.setattr(mathml, "version", lambda name: "0.0-newer")
    monkeypatch.setattr(mathml, "_typeset", {})
    mathml.load_typeset(tmp_path)
    assert mathml._typeset == {}


def test_a_figure_is_keyed_on_the_helpers_beside_it_and_its_lessons_snippets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(figures, "SNIPPETS", tmp_path / "snippets")
    script = tmp_path / "figures" / "lesson" / "curve.py"
    helper = script.parent / "_data.py"
    snippet = tmp_path / "snippets" / "lesson" / "steps.py"
    other_helper = tmp_path / "figures" / "other" / "_data.py"
    other_snippet = tmp_path / "snippets" / "other" / "steps.py"
    for path in (script, helper, snippet, other_helper, other_snippet):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("X = 1\n")
    key = figures.figure_key(script, "shared")
    assert figures.figure_key(script, "shared") == key  # nothing changed, nothing to redraw
    for path in (other_helper, other_snippet):  # another lesson's code is not an input
        path.write_text("X = 2\n")
        assert figures.figure_key(script, "shared") == key, path
    for path in (helper, snippet, script):
        before = figures.figure_key(script, "shared")
        path.write_text("X = 3\n")
        assert figures.figure_key(script, "shared") != before, f"{path} changed, same key"
    assert figures.figure_key(script, "other shared") != figures.figure_key(script, "shared")
    before = figures.figure_key(script, "shared")
    (script.parent / "_new.py").write_text("Y = 1\n")  # a helper added is an input too
    assert figures.figure_key(script, "shared") != before


def test_lesson_15s_figures_are_keyed_on_the_helper_and_the_snippet_they_run() -> None:
    inputs = figures.figure_inputs(ROOT / "figures" / "digits" / "confusion-matrix.py")
    assert ROOT / "figures" / "digits" / "_lesson.py" in inputs
    assert ROOT / "snippets" / "digits" / "end_to_end.py" in inputs
