"""Jupyter notebooks generated from lesson pages (never edited by hand).

A lesson's Markdown is cut at its python fences, with the doc-test layer's own parser
(``tests.doclayer.pages``) so that the notebook runs exactly the code the tests run:

- prose between fences becomes markdown cells (admonition and content-tab markers become
  bold titles and their bodies are un-indented; quizzes become a plain list of questions);
- each python fence becomes a code cell, its ``--8<--`` includes expanded;
- its ``output`` fence is not a cell: it becomes the cell's recorded stdout, so a notebook
  opened without running shows what the page shows (and the test suite checks, by running
  the notebook, that it still prints that);
- a fence excluded on the page (``<!-- doctest: skip reason -->``) is tagged
  ``skip-execution``.

Used by ``hooks/notebooks.py`` (the site) and ``tests/test_site_notebooks.py``.
"""

from __future__ import annotations

import base64
import re
import sys
from collections.abc import Callable
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.doclayer.pages import Fence, expand_snippets, parse_page  # noqa: E402

_BLOCK_TITLE = re.compile(
    r'^(?P<indent>\s*)(?:(?:!!!|\?\?\?\+?)\s+[\w-]+(?:\s+[\w-]+)*|===\+?)\s*(?:"(?P<title>[^"]*)")?\s*$'
)
_ADMONITION_TYPE = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s+(?P<kind>[\w-]+)")
_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_SKIP_COMMENT = re.compile(r"^\s*<!--\s*doctest:.*-->\s*$")
_FIGURE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+\.svg)\)(?:\{[^}\n]*\})?")

FigureLookup = Callable[[str], bytes | None]


def _flatten_blocks(lines: list[str]) -> list[str]:
    """Admonitions and content tabs as bold titles with their bodies un-indented."""
    out: list[str] = []
    stack: list[int] = []  # indentation of the open blocks' bodies
    for line in lines:
        indent = len(line) - len(line.lstrip())
        while stack and line.strip() and indent < stack[-1]:
            stack.pop()
        shift = 4 * len(stack)
        text = line[shift:] if line[:shift].strip() == "" else line.lstrip()
        match = _BLOCK_TITLE.match(line)
        if match:
            title = match["title"]
            if title is None:
                kind = _ADMONITION_TYPE.match(line)
                title = kind["kind"].capitalize() if kind else ""
            out.append(f"**{title}**" if title else "")
            stack.append(len(match["indent"]) + 4)
            continue
        out.append(text)
    return out


def _quiz_markdown(body: str) -> str:
    lines = ["**Self-check quiz** (answers are checked on the course site):", ""]
    number = 0
    for raw in body.splitlines():
        line = raw.strip()
        if line.startswith("? "):
            number += 1
            lines += ["", f"{number}. {line[2:]}"]
        elif line.startswith("- ["):
            lines.append(f"    - {line[6:].strip()}")
        elif line and not line.startswith(">") and number:
            lines[-1] += " " + line
    return "\n".join(lines)


def _prose_cells(
    text: str, page_dir: str, figure: FigureLookup | None
) -> list[nbformat.NotebookNode]:
    prose = "\n".join(line for line in text.split("\n") if not _SKIP_COMMENT.match(line))
    # Quiz fences: a readable list instead of the raw syntax.
    prose = re.sub(
        r"^```\s*(?:quiz|\{\.quiz[^}]*\})\s*\n(.*?)^```\s*$",
        lambda m: _quiz_markdown(m[1]), prose, flags=re.DOTALL | re.MULTILINE,
    )
    attachments: dict[str, dict[str, str]] = {}

    def attach(match: re.Match[str]) -> str:
        if figure is None:
            return match[0]
        data = figure(_join(page_dir, match["src"]))
        if data is None:
            return match[0]
        name = match["src"].rsplit("/", 1)[-1]
        attachments[name] = {"image/svg+xml": base64.b64encode(data).decode()}
        return f"![{match['alt']}](attachment:{name})"

    prose = _FIGURE.sub(attach, prose).strip("\n")
    if not prose.strip():
        return []
    cell = nbformat.v4.new_markdown_cell(prose)
    if attachments:
        cell.attachments = attachments
    return [cell]


def _join(page_dir: str, src: str) -> str:
    import posixpath

    return posixpath.normpath(posixpath.join(page_dir, src))


def _code_cell(fence: Fence, page_path: Path, mkdocs_yml: Path) -> nbformat.NotebookNode:
    source, _ = expand_snippets(fence, page_path, mkdocs_yml)
    cell = nbformat.v4.new_code_cell(source.rstrip("\n"))
    if fence.output is not None:
        cell.outputs = [
            nbformat.v4.new_output("stream", name="stdout", text=fence.output.content)
        ]
    if fence.skip_reason is not None:
        cell.metadata["tags"] = ["skip-execution"]
        cell.source = f"# not run by the course's tests: {fence.skip_reason}\n" + cell.source
    cell.metadata["page_line"] = fence.opening_line
    return cell


def notebook_from_page(
    page_path: Path,
    mkdocs_yml: Path = ROOT / "mkdocs.yml",
    docs_dir: Path = ROOT / "docs",
    figure: FigureLookup | None = None,
) -> nbformat.NotebookNode:
    """The notebook of one lesson page. ``figure(uri)`` may supply figure SVGs to embed."""
    page = parse_page(page_path)
    lines = _flatten_blocks(page.text.split("\n"))  # one line out per line in
    relative = page_path.resolve().relative_to(docs_dir.resolve()).as_posix()
    page_dir = relative.rsplit("/", 1)[0] if "/" in relative else ""
    cells: list[nbformat.NotebookNode] = []
    cursor = 0  # 0-based index of the first line not yet emitted
    for fence in page.fences:
        if not fence.is_python and not fence.is_output:
            continue
        start, end = fence.opening_line - 1, fence.closing_line  # [start, end) in lines
        chunk = "\n".join(lines[cursor:start])
        if cursor == 0:
            chunk = _FRONT_MATTER.sub("", chunk)
        cells += _prose_cells(chunk, page_dir, figure)
        if fence.is_python and "notest" not in fence.options:
            cells.append(_code_cell(fence, page_path, mkdocs_yml))
        cursor = end
    cells += _prose_cells("\n".join(lines[cursor:]), page_dir, figure)
    cells.insert(0, nbformat.v4.new_markdown_cell(
        f"*Generated from `docs/{relative}` of the course; it needs the course's `nnref` "
        "package (run it from the course repository, e.g. with "
        "`uv run --with jupyterlab jupyter lab`). "
        "Each code cell shows the output the page shows and the tests verify.*"
    ))
    notebook = nbformat.v4.new_notebook(cells=cells)
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
