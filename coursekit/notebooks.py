"""Jupyter notebooks generated from lesson pages (never edited by hand).

A lesson's page model becomes a notebook, so that the notebook runs exactly the code the
tests run:

- prose becomes markdown cells; admonition and content-tab markers become bold titles and
  their bodies are un-indented; a quiz becomes a plain numbered list of its questions and
  options (its key and explanations stay on the site);
- each python fence becomes a code cell, its ``--8<--`` includes expanded, and its
  ``output`` fence becomes the cell's recorded stdout, so a notebook opened without running
  shows what the page shows; a fence excluded on the page is tagged ``skip-execution``;
- a figure reference embeds the figure's SVG as an attachment, when one is supplied.
"""

from __future__ import annotations

import base64
import posixpath
from collections.abc import Callable
from pathlib import Path

import nbformat

from coursekit import includes
from coursekit.pages import (
    Block,
    CodeFence,
    ContainerMarker,
    FigureRef,
    FrontMatter,
    OutputFence,
    QuizFence,
    SkipDirective,
    read_page,
)
from coursekit.project import DOCS, MKDOCS_YML

FigureLookup = Callable[[str], bytes | None]
SKIP_PREFIX = "# not run by the course's tests: "


def _dedented(block: Block) -> list[str]:
    """The block's lines with the indentation of its admonitions and tabs removed."""
    depth = 4 * sum(c.kind != "list" for c in block.containers)
    return [line[min(depth, len(line) - len(line.lstrip(" "))):] for line in block.lines]


def _quiz_markdown(block: QuizFence) -> list[str]:
    lines = ["**Self-check quiz** (answers are checked on the course site):", ""]
    for number, question in enumerate(block.parse().questions, start=1):
        lines.append(f"{number}. {question.text}")
        lines.extend(f"    - {option.text}" for option in question.options)
        lines.append("")
    return lines


class _Cells:
    def __init__(self, page_dir: str, figure: FigureLookup | None) -> None:
        self.cells: list[nbformat.NotebookNode] = []
        self.prose: list[str] = []
        self.attachments: dict[str, dict[str, str]] = {}
        self.page_dir = page_dir
        self.figure = figure

    def add_prose(self, lines: list[str]) -> None:
        self.prose.extend(lines)

    def add_figure(self, block: FigureRef) -> None:
        lines = _dedented(block)
        data = None
        if self.figure is not None:
            data = self.figure(posixpath.normpath(posixpath.join(self.page_dir, block.src)))
        if data is None:
            self.prose.extend(lines)
            return
        name = block.src.rsplit("/", 1)[-1]
        self.attachments[name] = {"image/svg+xml": base64.b64encode(data).decode()}
        reference = f"![{block.alt}]({block.src}){block.attrs}"
        self.prose.extend(line.replace(reference, f"![{block.alt}](attachment:{name})")
                          for line in lines)

    def flush(self) -> None:
        text = "\n".join(self.prose).strip("\n")
        if text.strip():
            cell = nbformat.v4.new_markdown_cell(text)
            if self.attachments:
                cell.attachments = self.attachments
            self.cells.append(cell)
        self.prose, self.attachments = [], {}

    def add_code(self, fence: CodeFence, page_path: Path, mkdocs_yml: Path) -> None:
        self.flush()
        source, _ = includes.expand(fence, page_path, mkdocs_yml)
        cell = nbformat.v4.new_code_cell(source.rstrip("\n"))
        if fence.output is not None:
            cell.outputs = [
                nbformat.v4.new_output("stream", name="stdout", text=fence.output.content)
            ]
        if fence.skip_reason is not None:
            cell.metadata["tags"] = ["skip-execution"]
            cell.source = f"{SKIP_PREFIX}{fence.skip_reason}\n" + cell.source
        cell.metadata["page_line"] = fence.opening_line
        self.cells.append(cell)


def notebook_from_page(
    page_path: Path,
    mkdocs_yml: Path = MKDOCS_YML,
    docs_dir: Path = DOCS,
    figure: FigureLookup | None = None,
) -> nbformat.NotebookNode:
    """The notebook of one lesson page. ``figure(uri)`` may supply figure SVGs to embed."""
    page_path = Path(page_path).resolve()
    page = read_page(page_path)
    relative = page_path.relative_to(docs_dir.resolve()).as_posix()
    cells = _Cells(posixpath.dirname(relative), figure)
    for block in page.blocks:
        if isinstance(block, FrontMatter | SkipDirective | OutputFence):
            continue
        if isinstance(block, CodeFence):
            cells.add_code(block, page_path, mkdocs_yml)
        elif isinstance(block, ContainerMarker):
            title = block.container.title if block.container else ""
            cells.add_prose([f"**{title}**" if title else ""])
        elif isinstance(block, QuizFence):
            cells.add_prose(_quiz_markdown(block))
        elif isinstance(block, FigureRef):
            cells.add_figure(block)
        else:
            cells.add_prose(_dedented(block))
    cells.flush()
    cells.cells.insert(0, nbformat.v4.new_markdown_cell(
        f"*Generated from `docs/{relative}` of the course; it needs the course's `nnref` "
        "package (run it from the course repository, e.g. with "
        "`uv run --with jupyterlab jupyter lab`). "
        "Each code cell shows the output the page shows and the tests verify.*"
    ))
    notebook = nbformat.v4.new_notebook(cells=cells.cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python",
    }
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def notebook_json(notebook: nbformat.NotebookNode) -> str:
    """Stable text of a notebook (cell ids derived from position, not random)."""
    for index, cell in enumerate(notebook.cells):
        cell.id = f"cell-{index}"
    return nbformat.writes(notebook) + "\n"
