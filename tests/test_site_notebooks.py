"""Each lesson's notebook, generated from its page, holds exactly what the doc-test layer
verifies, and a notebook runs in a real Jupyter kernel.

Why this is enough to trust every notebook without running each one in a kernel (which took
about 30 of the suite's seconds): a notebook's code cells are the page's python fences, with
their includes expanded, and its recorded outputs are the page's ``output`` fences. The
doc-test layer runs that same code, fence by fence in one fresh namespace per page, and
checks that it prints those outputs. So this file checks

1. that every notebook carries the verified code and outputs, cell for cell and in order;
2. that a whole notebook (the reference lesson's) runs top to bottom in a Jupyter kernel
   and prints what the page shows: the part the doc-test layer cannot stand in for;
and the doc-test layer fails any fence that draws on a process-wide random generator (it
checks the generators' state before and after each fence, whatever the spelling), the one
way a page could pass in a long-lived test worker and print something else alone in a
kernel.
"""

from __future__ import annotations

import base64
import re
import warnings
from pathlib import Path

import pytest

from coursekit import notebooks as nbgen
from coursekit.includes import expand
from coursekit.pages import FigureRef, parse_text, read_page
from coursekit.project import DOCS, MKDOCS_YML, PALETTES, ROOT, lesson_pages
from tests.doclayer.compare import compare

PAGES = sorted(DOCS.rglob("*.md"))
LESSONS = [DOCS / page for page in lesson_pages()]
KERNEL_LESSON = DOCS / "part1" / "one-neuron.md"  # the reference lesson
# Where a built site would publish the wheel; the hash is a stand-in (the generator does not
# read the file): tests/test_notebook_download.py installs the real one.
WHEEL = nbgen.Wheel("https://example.org/course/downloads/nnref-0.1.0-py3-none-any.whl",
                    "0" * 64)


def _page_id(path: Path) -> str:
    return path.relative_to(DOCS).as_posix()


def _stdout(cell: dict) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def _code_cells(notebook: dict) -> list[dict]:
    return [c for c in notebook["cells"] if c["cell_type"] == "code"]


def test_notebook_has_the_page_outputs_recorded() -> None:
    """A notebook opened without running it shows the outputs the page shows."""
    page = DOCS / "about.md"
    notebook = nbgen.notebook_from_page(page)
    code = _code_cells(notebook)
    assert code[0].source.startswith('"""A few values')  # the --8<-- include, expanded
    assert _stdout(code[0]).startswith("sigmoid(-2.0) = 0.119")
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "```output" not in prose and "--8<--" not in prose
    assert "**Solution**" in prose and "???" not in prose
    assert "Self-check quiz" in prose and "- [x]" not in prose
    assert nbgen.notebook_json(notebook) == nbgen.notebook_json(nbgen.notebook_from_page(page))


def _is_setup(cell: dict) -> bool:
    return nbgen.SETUP_TAG in cell.get("metadata", {}).get("tags", [])


@pytest.mark.parametrize("lesson", LESSONS, ids=_page_id)
def test_notebook_cells_are_the_fences_the_doc_layer_verifies(lesson: Path) -> None:
    """Cell for cell: the page line, the code (includes expanded) and the recorded stdout
    of each code cell are those of the python fence the doc-test layer runs there; the one
    cell that is not a fence is the install cell, first, recording no output."""
    page = read_page(lesson)
    verified = []
    for fence in page.python_fences:
        source = expand(fence, lesson, MKDOCS_YML)[0].rstrip("\n")
        output = fence.output.content if fence.output is not None else ""
        verified.append((fence.opening_line, source, output, fence.skip_reason is not None))
    code = _code_cells(nbgen.notebook_from_page(lesson, wheel=WHEEL))
    assert [_is_setup(c) for c in code[:2]] == [True, False], "the install cell is not first"
    assert not code[0].outputs
    cells = []
    for cell in code[1:]:
        skipped = "skip-execution" in cell.metadata.get("tags", [])
        source = cell.source.split("\n", 1)[1] if skipped else cell.source
        cells.append((cell.metadata.get("page_line"), source, _stdout(cell), skipped))
    assert cells, f"{_page_id(lesson)}: the notebook has no code cells"
    assert [c[0] for c in cells] == [v[0] for v in verified], "cells and fences differ"
    for (line, source, output, skipped), expected in zip(cells, verified, strict=True):
        assert (source, output, skipped) == expected[1:], f"{_page_id(lesson)}:{line}"


def test_a_lesson_notebook_runs_in_a_jupyter_kernel_and_prints_what_the_page_shows() -> None:
    from nbclient import NotebookClient

    notebook = nbgen.notebook_from_page(KERNEL_LESSON)
    cells = _code_cells(notebook)
    expected = [_stdout(c) for c in cells]
    for cell in cells:
        cell.outputs = []
    with warnings.catch_warnings():
        # jupyter_client warns about the platform's directory layout when it first looks up
        # kernel specs; that is a message for Jupyter users, not a fault of the notebook.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="jupyter_client")
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="jupyter_core")
        NotebookClient(notebook, timeout=120, kernel_name="python3",
                       resources={"metadata": {"path": str(ROOT)}}).execute()
    failures = []
    for cell, shown in zip(cells, expected, strict=True):
        line = cell.metadata.get("page_line")
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        if errors:
            failures.append(f"line {line}: {errors[0]['ename']}: {errors[0]['evalue']}")
        elif not compare(shown, _stdout(cell)).matches:
            failures.append(f"line {line}: notebook printed\n{_stdout(cell)}\npage shows\n{shown}")
    assert len(cells) >= 5 and not failures, "\n".join(failures)


def _markdown(notebook: dict) -> str:
    return "\n".join(c["source"] for c in notebook["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("lesson", LESSONS, ids=_page_id)
def test_footnotes_become_numbered_notes_at_the_end(lesson: Path) -> None:
    """Jupyter's Markdown has no footnotes: ``[^key]`` would show as it is written."""
    text = read_page(lesson).text
    referenced = list(dict.fromkeys(re.findall(r"\[\^([^\]\s]+)\](?!:)", text)))
    notebook = nbgen.notebook_from_page(lesson)
    markdown = _markdown(notebook)
    assert "[^" not in markdown, f"{_page_id(lesson)}: a footnote marker is left raw"
    numbers = [int(n) for n in re.findall(r"<sup>(\d+)</sup>", markdown)]
    assert sorted(set(numbers)) == list(range(1, len(referenced) + 1)), numbers
    if referenced:
        notes = notebook.cells[-1].source
        assert notes.startswith("---\n\n**Notes**"), notes[:80]
        listed = re.findall(r"^(\d+)\. ", notes, re.MULTILINE)
        assert listed == [str(n) for n in range(1, len(referenced) + 1)], listed


def test_footnotes_are_numbered_in_order_of_first_use_and_keep_their_text() -> None:
    notebook = nbgen.notebook_from_page(DOCS / "part1" / "activations.md")
    markdown = _markdown(notebook)
    first = markdown.index("universal approximation")
    assert markdown[first:].split("<sup>", 1)[1].startswith("1</sup>")
    assert "1. G. Cybenko (1989). Approximation by superpositions of a sigmoidal function. " \
        "*Mathematics of Control" in notebook.cells[-1].source  # continuation lines joined


@pytest.mark.parametrize("lesson", LESSONS, ids=_page_id)
def test_code_cells_are_numbered_as_run(lesson: Path) -> None:
    """The recorded outputs come from running the cells in order: so are they numbered."""
    code = _code_cells(nbgen.notebook_from_page(lesson, wheel=WHEEL))
    run = [c for c in code if "skip-execution" not in c.metadata.get("tags", [])]
    assert [c.execution_count for c in run] == list(range(1, len(run) + 1))
    assert all(c.execution_count is None for c in code if c not in run)


def test_install_cell_installs_the_published_wheel_only_when_nnref_is_missing() -> None:
    setup = _code_cells(nbgen.notebook_from_page(KERNEL_LESSON, wheel=WHEEL))[0]
    lines = setup.source.splitlines()
    assert 'if importlib.util.find_spec("nnref") is None:' in lines
    assert lines[-1].strip() == f'"nnref @ {WHEEL.url}#sha256={WHEEL.sha256}"], check=True)'


def test_embedded_figures_have_an_opaque_light_background() -> None:
    """A transparent figure drawn for the light palette vanishes in a dark Jupyter theme."""
    svg = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" ' \
          b'height="10"><g id="figure_1"><path d="M 0 0 L 10 10"/></g></svg>'
    notebook = nbgen.notebook_from_page(KERNEL_LESSON, figure=lambda uri: svg)
    embedded = [base64.b64decode(a["image/svg+xml"]) for c in notebook.cells
                for a in c.get("attachments", {}).values()]
    assert embedded, "no figure embedded"
    background = PALETTES["light"]["label_background"].encode()
    for data in embedded:
        opening = data.index(b">", data.index(b"<svg")) + 1
        assert data[opening:].startswith(
            b'<rect width="100%" height="100%" fill="' + background + b'"/>'), data[:200]


@pytest.mark.parametrize("lesson", LESSONS, ids=_page_id)
def test_every_figure_is_embedded_whether_the_page_captions_it_or_not(lesson: Path) -> None:
    """A figure left as a link to ``../figures/...`` is a broken image in the notebook."""
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>'
    notebook = nbgen.notebook_from_page(lesson, figure=lambda uri: svg)
    on_page = read_page(lesson).of_kind(FigureRef)
    left = [figure.src for figure in parse_text(_markdown(notebook)).of_kind(FigureRef)]
    assert not left, f"{_page_id(lesson)}: figures not embedded: {left}"
    embedded = [name for cell in notebook.cells for name in cell.get("attachments", {})]
    assert len(embedded) == len(on_page), f"{_page_id(lesson)}: {embedded}"


@pytest.mark.parametrize("lesson", LESSONS, ids=_page_id)
def test_api_cross_references_become_plain_code_in_notebooks(lesson: Path) -> None:
    """A page links nnref's names to the API page with ``[`Dense`][nnref.Dense]``, which
    only the site resolves: Jupyter would show the brackets and the identifier as written."""
    text = read_page(lesson).text
    written = re.findall(r"\[(`[^`\]]+`)\]\[nnref(?:\.\w+)+\]", text)
    markdown = _markdown(nbgen.notebook_from_page(lesson))
    left = re.findall(r"\]\[nnref(?:\.\w+)+\]", markdown)
    assert not left, f"{_page_id(lesson)}: cross-references left raw: {left}"
    for code in written:
        assert code in markdown, f"{_page_id(lesson)}: {code} lost with its link"
