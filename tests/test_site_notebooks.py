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
3. that no fence draws on process-wide random state, the one way a page could pass in a
   long-lived test worker and still print something else when run alone in a kernel.
"""

from __future__ import annotations

import ast
import warnings
from pathlib import Path

import pytest

from coursekit import notebooks as nbgen
from coursekit.includes import expand
from coursekit.pages import read_page
from coursekit.project import DOCS, MKDOCS_YML, ROOT, lesson_pages
from tests.doclayer.compare import compare

PAGES = sorted(DOCS.rglob("*.md"))
LESSONS = [DOCS / page for page in lesson_pages()]
KERNEL_LESSON = DOCS / "part1" / "one-neuron.md"  # the reference lesson


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


@pytest.mark.parametrize("lesson", LESSONS, ids=_page_id)
def test_notebook_cells_are_the_fences_the_doc_layer_verifies(lesson: Path) -> None:
    """Cell for cell: the page line, the code (includes expanded) and the recorded stdout
    of each code cell are those of the python fence the doc-test layer runs there."""
    page = read_page(lesson)
    verified = []
    for fence in page.python_fences:
        source = expand(fence, lesson, MKDOCS_YML)[0].rstrip("\n")
        output = fence.output.content if fence.output is not None else ""
        verified.append((fence.opening_line, source, output, fence.skip_reason is not None))
    cells = []
    for cell in _code_cells(nbgen.notebook_from_page(lesson)):
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


# numpy.random's module-level functions share one generator per process; a fence that
# calls them prints what the earlier pages in the same worker left behind.
_GLOBAL_RANDOM_OK = {"default_rng", "Generator", "SeedSequence", "PCG64", "RandomState", "Random"}


def global_random_calls(source: str) -> list[str]:
    """Calls in ``source`` that draw on process-wide random state.

    >>> global_random_calls("rng = np.random.default_rng(0); x = np.random.normal()")
    ['np.random.normal']
    >>> global_random_calls("import random\\nrandom.shuffle(items)")
    ['random.shuffle']
    >>> global_random_calls("from numpy.random import normal, default_rng")
    ['numpy.random.normal']
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            owner, names = ast.unparse(node.value), [node.attr]
        elif isinstance(node, ast.ImportFrom) and node.module:
            owner, names = node.module, [alias.name for alias in node.names]
        else:
            continue
        if owner in ("np.random", "numpy.random", "random"):
            found += [f"{owner}.{name}" for name in names if name not in _GLOBAL_RANDOM_OK]
    return found


@pytest.mark.parametrize("page_path", PAGES, ids=_page_id)
def test_no_fence_draws_on_process_wide_random_state(page_path: Path) -> None:
    page = read_page(page_path)
    found = []
    for fence in page.python_fences:
        source = expand(fence, page_path, MKDOCS_YML)[0]
        found += [f"line {fence.opening_line}: {c}" for c in global_random_calls(source)]
    assert not found, (
        f"{_page_id(page_path)} uses the process-wide generator (pass a seeded "
        "np.random.default_rng(...) instead):\n" + "\n".join(found)
    )


def test_the_random_state_check_finds_a_legacy_call() -> None:
    assert global_random_calls("import numpy as np\nnp.random.seed(1)\nnp.random.rand(3)") == [
        "np.random.seed", "np.random.rand",
    ]
