"""Each lesson's notebook, generated from its page, runs top to bottom and prints what the
page shows: every code cell's stdout is compared with the page's ``output`` fence by the
doc-test layer's own number-aware comparison."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import pytest

from tests.doclayer.compare import compare

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))
import nbgen  # noqa: E402

sys.path.pop(0)

LESSONS = sorted(p for part in ("part1", "part2") for p in (ROOT / "docs" / part).glob("*.md"))


def _stdout(cell: dict) -> str:
    return "".join(o.get("text", "") for o in cell.get("outputs", [])
                   if o.get("output_type") == "stream" and o.get("name") == "stdout")


def test_notebook_has_the_page_outputs_recorded() -> None:
    """A notebook opened without running it shows the outputs the page shows."""
    page = ROOT / "docs" / "about.md"
    notebook = nbgen.notebook_from_page(page)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert code[0].source.startswith('"""A few values')  # the --8<-- include, expanded
    assert _stdout(code[0]).startswith("sigmoid(-2.0) = 0.119")
    prose = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    assert "```output" not in prose and "--8<--" not in prose
    assert "**Solution**" in prose and "???" not in prose
    assert "Self-check quiz" in prose and "- [x]" not in prose
    assert nbgen.notebook_json(notebook) == nbgen.notebook_json(nbgen.notebook_from_page(page))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.relative_to(ROOT / "docs").as_posix())
def test_lesson_notebook_runs_and_prints_what_the_page_shows(lesson: Path) -> None:
    from nbclient import NotebookClient

    notebook = nbgen.notebook_from_page(lesson)
    expected = {id(c): _stdout(c) for c in notebook.cells if c.cell_type == "code"}
    cells = [c for c in notebook.cells if c.cell_type == "code"]
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
    for cell in cells:
        if "skip-execution" in cell.metadata.get("tags", []):
            continue
        errors = [o for o in cell.outputs if o.get("output_type") == "error"]
        line = cell.metadata.get("page_line")
        if errors:
            failures.append(f"{lesson.name}:{line}: {errors[0]['ename']}: {errors[0]['evalue']}")
            continue
        printed, shown = _stdout(cell), expected[id(cell)]
        if not compare(shown, printed).matches:
            failures.append(
                f"{lesson.name}:{line}: notebook printed\n{printed}\npage shows\n{shown}"
            )
    assert not failures, "\n".join(failures)
