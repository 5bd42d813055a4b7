"""Jupyter notebooks generated from lesson pages (never edited by hand).

A lesson's page model becomes a notebook, so that the notebook runs exactly the code the
tests run:

- prose becomes markdown cells; admonition and content-tab markers become bold titles and
  their bodies are un-indented; a quiz becomes a plain numbered list of its questions and
  options (its key and explanations stay on the site);
- each python fence becomes a code cell, its ``--8<--`` includes expanded, and its
  ``output`` fence becomes the cell's recorded stdout, so a notebook opened without running
  shows what the page shows; a fence excluded on the page is tagged ``skip-execution``;
- a figure reference embeds the figure's SVG as an attachment, when one is supplied, on an
  opaque light background (see ``on_light_background``);
- footnotes (``[^key]`` and their ``[^key]: ...`` definitions) become numbered superscripts
  and a "Notes" list at the end, as the site numbers them;
- the code cells that run are numbered in order (``execution_count``): their recorded
  outputs are what the tests verified, running the page's fences in that order;
- with a published ``nnref`` wheel (:class:`Wheel`), a first code cell installs it when
  ``nnref`` is missing, so that a downloaded notebook runs on its own.
"""

from __future__ import annotations

import base64
import hashlib
import posixpath
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
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
    ValueDirective,
    WidgetFence,
    read_page,
)
from coursekit.project import DOCS, MKDOCS_YML, PALETTES, ROOT

FigureLookup = Callable[[str], bytes | None]
SKIP_PREFIX = "# not run by the course's tests: "
SETUP_TAG = "course-setup"  # the install cell's tag: not one of the page's fences


@dataclass(frozen=True)
class Wheel:
    """The ``nnref`` wheel the site publishes: where a notebook finds it, and its hash."""

    url: str
    sha256: str


def build_wheel(directory: Path, project: Path = ROOT) -> Path:
    """Build the ``nnref`` wheel (pure Python) into ``directory`` with hatchling, in this
    process and offline, from ``pyproject.toml``'s settings, as ``uv build --wheel`` would.

    Hatchling's builds are reproducible (fixed timestamps), so the same sources give the
    same bytes and the same hash, build after build.
    """
    from hatchling.builders.wheel import WheelBuilder

    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=directory) as scratch:
        built = [Path(p) for p in WheelBuilder(str(project)).build(
            directory=scratch, versions=["standard"])]
        if len(built) != 1 or not built[0].name.endswith("-py3-none-any.whl"):
            raise RuntimeError(f"expected one pure-Python wheel of nnref, hatchling built {built}")
        target = directory / built[0].name
        built[0].replace(target)
    return target


def wheel_at(path: Path, url: str) -> Wheel:
    return Wheel(url, hashlib.sha256(path.read_bytes()).hexdigest())


def setup_source(wheel: Wheel) -> str:
    """The first code cell: install ``nnref`` from the course site when it is missing.

    The URL is absolute (the site's ``site_url``): a downloaded notebook no longer knows
    where it came from. The ``#sha256=`` fragment makes pip check that it installs the very
    wheel the recorded outputs were verified with. Plain Python, not IPython's ``%pip``
    (which would print a needless advice to restart the kernel): pip of the kernel's own
    interpreter.
    """
    return (
        "# The lessons import the course's package, nnref. When this Python does not have\n"
        "# it, this cell installs it from the course site (the wheel the site publishes).\n"
        "import importlib.util\n"
        "import subprocess\n"
        "import sys\n"
        "\n"
        'if importlib.util.find_spec("nnref") is None:\n'
        '    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet",\n'
        f'                    "nnref @ {wheel.url}#sha256={wheel.sha256}"], check=True)'
    )


_SVG_OPENING = re.compile(rb"<svg\b[^>]*>")


def on_light_background(svg: bytes) -> bytes:
    """The figure with an opaque background of the light palette.

    A notebook embeds one figure, the light one, and Jupyter shows it as it is in any
    theme: on a transparent background its dark text and lines would vanish in a dark
    theme (JupyterLab's, VS Code's). Choosing the variant by ``prefers-color-scheme``
    inside the SVG would not help: that follows the operating system, not the notebook
    application's theme. An opaque light card reads in every theme.

    >>> on_light_background(b'<svg width="2" height="1"><path/></svg>').decode()
    '<svg width="2" height="1"><rect width="100%" height="100%" fill="#ffffff"/><path/></svg>'
    """
    opening = _SVG_OPENING.search(svg)
    if opening is None:
        raise ValueError(f"not an SVG image: {svg[:60]!r}")
    colour = PALETTES["light"]["label_background"].encode()
    rect = b'<rect width="100%" height="100%" fill="' + colour + b'"/>'
    return svg[: opening.end()] + rect + svg[opening.end():]


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
        self.attachments[name] = {
            "image/svg+xml": base64.b64encode(on_light_background(data)).decode()
        }
        # the caption, when the page writes one, stays as the image's title
        title = f' "{block.title}"' if block.title else ""
        self.prose.extend(
            line.replace(block.written, f"![{block.alt}](attachment:{name}{title})")
            for line in lines)

    def flush(self) -> None:
        text = _API_REFERENCE.sub(r"\g<text>", "\n".join(self.prose).strip("\n"))
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


# A cross-reference to the API page, ``[`Dense`][nnref.Dense]``: only the site resolves it,
# so a notebook keeps the link text alone.
_API_REFERENCE = re.compile(r"\[(?P<text>`[^`\]]+`)\]\[nnref(?:\.\w+)+\]")
_FOOTNOTE_DEFINITION = re.compile(r"^\[\^(?P<key>[^\]\s]+)\]:[ \t]*(?P<text>.*)$")
_FOOTNOTE_REFERENCE = re.compile(r"\[\^(?P<key>[^\]\s]+)\](?!:)")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1", re.DOTALL)


def _take_definitions(text: str, notes: dict[str, str]) -> str:
    """``text`` without its footnote definitions (and their indented continuation lines),
    which go into ``notes``."""
    kept: list[str] = []
    key = None
    for line in text.split("\n"):
        if match := _FOOTNOTE_DEFINITION.match(line):
            key = match["key"]
            notes[key] = match["text"].strip()
        elif key is not None and line.startswith("    ") and line.strip():
            notes[key] += " " + line.strip()
        else:
            if key is not None and kept and not line.strip() and not kept[-1].strip():
                continue  # the blank line that separated two definitions
            key = None if line.strip() else key
            kept.append(line)
    return "\n".join(kept).strip("\n")


def _number_references(text: str, numbers: dict[str, int], notes: dict[str, str]) -> str:
    """Footnote references as superscript numbers, numbered in order of first use (as the
    site numbers them); code spans are left alone, and so is a key with no definition."""
    def number(match: re.Match[str]) -> str:
        key = match["key"]
        if key not in notes:
            return match[0]
        numbers.setdefault(key, len(numbers) + 1)
        return f"<sup>{numbers[key]}</sup>"

    pieces, last = [], 0
    for span in _CODE_SPAN.finditer(text):
        pieces += [_FOOTNOTE_REFERENCE.sub(number, text[last:span.start()]), span[0]]
        last = span.end()
    pieces.append(_FOOTNOTE_REFERENCE.sub(number, text[last:]))
    return "".join(pieces)


def _footnotes_as_notes(cells: list[nbformat.NotebookNode]) -> None:
    """Markdown has no footnotes in Jupyter: number them and list them at the end."""
    notes: dict[str, str] = {}
    markdown = [c for c in cells if c.cell_type == "markdown"]
    for cell in markdown:
        cell.source = _take_definitions(cell.source, notes)
    numbers: dict[str, int] = {}
    for cell in markdown:
        cell.source = _number_references(cell.source, numbers, notes)
    if numbers:
        listed = [f"{n}. {notes[key]}" for key, n in sorted(numbers.items(), key=lambda i: i[1])]
        cells.append(nbformat.v4.new_markdown_cell("---\n\n**Notes**\n\n" + "\n".join(listed)))
    cells[:] = [c for c in cells if c.cell_type != "markdown" or c.source.strip()]


def _number_as_run(cells: list[nbformat.NotebookNode]) -> None:
    """Number the code cells that ran, in order, as Jupyter numbers a top-to-bottom run; a
    cell the tests do not run keeps no number."""
    count = 0
    for cell in cells:
        if cell.cell_type != "code":
            continue
        if "skip-execution" in cell.metadata.get("tags", []):
            cell.execution_count = None
        else:
            count += 1
            cell.execution_count = count


def notebook_from_page(
    page_path: Path,
    mkdocs_yml: Path = MKDOCS_YML,
    docs_dir: Path = DOCS,
    figure: FigureLookup | None = None,
    wheel: Wheel | None = None,
    lesson_url: str | None = None,
) -> nbformat.NotebookNode:
    """The notebook of one lesson page. ``figure(uri)`` may supply figure SVGs to embed;
    with ``wheel``, the first code cell installs ``nnref`` from it when it is missing;
    ``lesson_url`` is the lesson on the site, named in the first cell."""
    page_path = Path(page_path).resolve()
    page = read_page(page_path)
    relative = page_path.relative_to(docs_dir.resolve()).as_posix()
    cells = _Cells(posixpath.dirname(relative), figure)
    for block in page.blocks:
        if isinstance(block, FrontMatter | SkipDirective | ValueDirective | OutputFence):
            continue
        if isinstance(block, CodeFence):
            cells.add_code(block, page_path, mkdocs_yml)
        elif isinstance(block, ContainerMarker):
            title = block.container.title if block.container else ""
            cells.add_prose([f"**{title}**" if title else ""])
        elif isinstance(block, QuizFence):
            cells.add_prose(_quiz_markdown(block))
        elif isinstance(block, WidgetFence):  # drawn by the site's script, not in notebooks
            cells.add_prose(["*(An interactive figure is here on the course site.)*"])
        elif isinstance(block, FigureRef):
            cells.add_figure(block)
        else:
            cells.add_prose(_dedented(block))
    cells.flush()
    _footnotes_as_notes(cells.cells)
    lesson = f"[its lesson]({lesson_url})" if lesson_url else "its lesson"
    if wheel is not None:
        needs = ("Its first code cell installs the course's `nnref` package from the "
                 "course site when it is missing.")
    else:
        needs = ("It needs the course's `nnref` package (run it from the course "
                 "repository, e.g. with `uv run --with jupyterlab jupyter lab`).")
    note = (f"*This notebook is generated from {lesson}, `docs/{relative}` of the course. "
            f"{needs} Each code cell shows the output the page shows and the tests verify.*")
    # The note under the lesson's title, and the install cell before the lesson's code.
    first = cells.cells[0] if cells.cells else None
    if first is not None and first.cell_type == "markdown" and first.source.startswith("# "):
        title, _, rest = first.source.partition("\n")
        first.source = f"{title}\n\n{note}\n\n{rest.lstrip(chr(10))}".rstrip("\n")
    else:
        cells.cells.insert(0, nbformat.v4.new_markdown_cell(note))
    if wheel is not None:
        setup = nbformat.v4.new_code_cell(setup_source(wheel))
        setup.metadata["tags"] = [SETUP_TAG]
        cells.cells.insert(1, setup)
    _number_as_run(cells.cells)
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
