"""A Markdown page as the doc-test layer sees it: its fences, and the code they run.

Fences are found with the same markdown-it parser pytest-markdown-docs uses (see
``plugin.pytest_markdown_docs_markdown_it``), so the two always agree on what a fence is.
``--8<--`` includes are expanded by pymdownx.snippets itself, configured from
``mkdocs.yml``, so the code that runs is the code the site shows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import yaml
from markdown_it import MarkdownIt
from pymdownx.snippets import SnippetMissingError

PYTHON_LANGUAGES = ("python", "py", "python3")
OUTPUT_LANGUAGE = "output"
SKIP_COMMENT = re.compile(r"^\s*<!--\s*doctest:\s*skip\s*(?P<reason>.*?)\s*-->\s*$")
FENCE_OPENING = re.compile(r"^(?P<indent>\s*)(?P<marks>`{3,}|~{3,})\s*(?P<info>.*)$")


# Material's indented containers: content tabs, admonitions, collapsible details.
CONTAINER = re.compile(r'^(?P<indent> *)(?:===\+? +".*"|(?:!!!|\?\?\?\+?) +\S.*)\s*$')


def unwrap_containers(text: str) -> str:
    r"""Replace container markers (``=== "Tab"``, ``!!! note``, ``??? success "Title"``) by
    blank lines and dedent their bodies, keeping every line where it is.

    Python-Markdown reads a container's body as every following line indented by four more
    spaces, blank lines included. CommonMark would read such a body as an indented code
    block, hiding the fences in it; unwrapped, they are ordinary fences at their own lines.

    >>> print(unwrap_containers('??? success "Solution"\n\n    x = 1\n\n\n    y = 2\nz'))
    <BLANKLINE>
    <BLANKLINE>
    x = 1
    <BLANKLINE>
    <BLANKLINE>
    y = 2
    z
    """
    open_containers: list[int] = []  # indent of each enclosing marker
    unwrapped = []
    for line in text.split("\n"):
        indent = len(line) - len(line.lstrip(" "))
        while open_containers and line.strip() and indent < open_containers[-1] + 4:
            open_containers.pop()
        depth = 4 * len(open_containers)
        if CONTAINER.match(line):
            unwrapped.append("")
            open_containers.append(indent)
        else:
            unwrapped.append(line[min(depth, indent) :])
    return "\n".join(unwrapped)


class CourseMarkdownParser(MarkdownIt):
    """CommonMark that sees through Material's containers (admonitions, details, tabs).

    Without this a fence inside a collapsible "Solution" block or a content tab would be
    read as an indented code block and never run.
    """

    def __init__(self) -> None:
        super().__init__("commonmark")

    def parse(self, src: str, env: Any = None) -> list[Any]:
        return super().parse(unwrap_containers(src), env)


def markdown_parser() -> MarkdownIt:
    return CourseMarkdownParser()


def fence_language(info: str) -> tuple[str, set[str]]:
    """Language and options of a fence info string, plain or superfences ``{.lang ...}``."""
    info = info.strip()
    if info.startswith("{"):
        parts = info.strip("{}").split()
        language = next((p[1:] for p in parts if p.startswith(".")), "")
        return language, {p for p in parts if not p.startswith(".")}
    parts = info.split()
    return (parts[0] if parts else ""), set(parts[1:])


@dataclass
class Fence:
    """One fenced block of a page. Lines are 1-based page lines."""

    language: str
    options: set[str]
    content: str
    opening_line: int
    closing_line: int
    indent: str
    skip_reason: str | None = None
    output: Fence | None = None  # the ``output`` fence right under a python fence

    @property
    def first_content_line(self) -> int:
        return self.opening_line + 1

    @property
    def is_python(self) -> bool:
        return self.language in PYTHON_LANGUAGES

    @property
    def is_output(self) -> bool:
        return self.language == OUTPUT_LANGUAGE


@dataclass
class Page:
    path: Path
    text: str
    fences: list[Fence] = field(default_factory=list)

    @property
    def python_fences(self) -> list[Fence]:
        return [f for f in self.fences if f.is_python and "notest" not in f.options]

    def python_fence_at(self, opening_line: int) -> Fence:
        for fence in self.python_fences:
            if fence.opening_line == opening_line:
                return fence
        raise LookupError(f"{self.path}: no python fence opens at line {opening_line}")

    def problems(self) -> list[str]:
        """Structural faults: orphan output fences, bare ``notest``, uncollected fences."""
        found = []
        paired = {id(f.output) for f in self.fences if f.output is not None}
        for fence in self.fences:
            if fence.is_output and id(fence) not in paired:
                found.append(
                    f"{self.path}:{fence.opening_line}: output fence with no python fence "
                    "right above it (nothing would check it)"
                )
            if fence.is_python and "notest" in fence.options:
                found.append(
                    f"{self.path}:{fence.opening_line}: 'notest' hides a fence without a "
                    "reason; write <!-- doctest: skip <reason> --> on the line above instead"
                )
        collected = {f.opening_line for f in self.fences}
        for number, line in enumerate(self.text.split("\n"), start=1):
            match = FENCE_OPENING.match(line)
            language = fence_language(match["info"])[0] if match else None
            if language in (*PYTHON_LANGUAGES, OUTPUT_LANGUAGE):
                if number not in collected and not _inside_fence(self.fences, number):
                    found.append(
                        f"{self.path}:{number}: {language} fence not recognised by the test "
                        "parser (inside an HTML block or a malformed block?); it would "
                        "never be checked"
                    )
        return found


def _inside_fence(fences: list[Fence], line: int) -> bool:
    return any(f.opening_line < line <= f.closing_line for f in fences)


def parse_page(path: Path, parser: MarkdownIt | None = None) -> Page:
    """Read a Markdown file into a :class:`Page`, pairing each python fence with its output."""
    text = path.read_text(encoding="utf8")
    lines = text.split("\n")
    page = Page(path, text)
    tokens = (parser or markdown_parser()).parse(text)
    previous_token = None
    for token in tokens:
        if token.type == "fence" and token.map:
            language, options = fence_language(token.info)
            opening = token.map[0] + 1
            fence = Fence(
                language=language,
                options=options,
                content=token.content,
                opening_line=opening,
                closing_line=token.map[1],
                indent=FENCE_OPENING.match(lines[opening - 1])["indent"],
                skip_reason=_skip_reason(lines, opening),
            )
            after_python = (
                previous_token is not None
                and previous_token.type == "fence"
                and page.fences[-1].is_python
            )
            if fence.is_output and after_python:
                page.fences[-1].output = fence
            page.fences.append(fence)
        previous_token = token
    return page


def _skip_reason(lines: list[str], opening_line: int) -> str | None:
    """The reason in a ``<!-- doctest: skip <reason> -->`` comment right above a fence."""
    index = opening_line - 2
    while index >= 0 and not lines[index].strip():
        index -= 1
    match = SKIP_COMMENT.match(lines[index]) if index >= 0 else None
    if match is None:
        return None
    if not match["reason"]:
        raise ValueError(
            f"line {index + 1}: a skipped fence needs a reason: <!-- doctest: skip <reason> -->"
        )
    return match["reason"]


# ---------------------------------------------------------------- snippet includes


@dataclass(frozen=True)
class SourceLine:
    """Where a line of runnable code comes from (for error messages)."""

    path: Path
    line: int


class SnippetError(Exception):
    """An ``--8<--`` include that cannot be expanded."""


class _TagTolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, ignoring ``!!python/name:`` and ``!ENV`` tags."""


_TagTolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@cache
def _snippet_preprocessor(mkdocs_yml: Path) -> Any:
    config = yaml.load(mkdocs_yml.read_text(encoding="utf8"), Loader=_TagTolerantLoader)
    options: dict[str, Any] = {}
    for extension in config.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = dict(extension["pymdownx.snippets"] or {})
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases
    options["base_path"] = [str(mkdocs_yml.parent / base) for base in bases]
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": options}
    )
    return md.preprocessors["snippet"]


_INCLUDE = re.compile(r"^\s*-{1,}8<-{1,}\s+(?P<quote>['\"])(?P<target>.+?)(?P=quote)\s*$")


def expand_snippets(
    fence: Fence, page_path: Path, mkdocs_yml: Path
) -> tuple[str, list[SourceLine]]:
    """The code a fence runs, with includes expanded as the site renders them.

    Returns the source and, for every line of it, the file and line it came from.
    """
    preprocessor = _snippet_preprocessor(mkdocs_yml)
    source_lines: list[str] = []
    origins: list[SourceLine] = []
    for offset, line in enumerate(fence.content.rstrip("\n").split("\n")):
        here = SourceLine(page_path, fence.first_content_line + offset)
        match = _INCLUDE.match(line)
        if match is None:
            source_lines.append(line)
            origins.append(here)
            continue
        preprocessor.seen, preprocessor.bases, preprocessor.failed = set(), None, set()
        try:
            expanded = preprocessor.parse_snippets([line])
        except SnippetMissingError as error:
            raise SnippetError(f"{here.path}:{here.line}: {error}") from None
        if not expanded and preprocessor.check_paths is False:
            raise SnippetError(f"{here.path}:{here.line}: {line.strip()} expanded to nothing")
        snippet_path = _snippet_file(preprocessor, match["target"])
        source_lines.extend(expanded)
        origins.extend(_trace_lines(expanded, snippet_path, here))
    return "\n".join(source_lines) + "\n", origins


def _snippet_file(preprocessor: Any, target: str) -> Path | None:
    name = re.split(r":(?=\d|[A-Za-z_]\w*$)", target, maxsplit=1)[0]
    found = preprocessor.get_snippet_path(name)
    return Path(found) if found else None


def _trace_lines(
    expanded: list[str], snippet: Path | None, fallback: SourceLine
) -> list[SourceLine]:
    """Match each expanded line to its line in the snippet file, in order."""
    if snippet is None:
        return [fallback] * len(expanded)
    file_lines = snippet.read_text(encoding="utf8").split("\n")
    origins, cursor = [], 0
    for line in expanded:
        probe = cursor
        while probe < len(file_lines) and file_lines[probe].strip() != line.strip():
            probe += 1
        if probe < len(file_lines):
            cursor = probe
            origins.append(SourceLine(snippet, cursor + 1))
            cursor += 1
        else:
            origins.append(SourceLine(snippet, cursor + 1))
    return origins
