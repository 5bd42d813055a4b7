"""``--8<--`` includes, expanded by pymdownx.snippets itself, configured from ``mkdocs.yml``,
so the code that runs in the tests and in a notebook is the code the site shows.

Every line of the expanded code knows where it came from (the snippet file and line), so
an error inside an included snippet is reported at that file's line. An include must
resolve, after following links, inside one of the configured snippet directories.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import markdown
from pymdownx.snippets import SnippetMissingError

from coursekit.pages import INCLUDE, CodeFence, Include, shown_path
from coursekit.project import MKDOCS_YML, mkdocs_config


@dataclass(frozen=True)
class SourceLine:
    """Where a line of runnable code comes from (for error messages)."""

    path: Path
    line: int


class SnippetError(Exception):
    """An ``--8<--`` include that cannot be expanded; the message names page and line."""


def snippet_options(mkdocs_yml: Path = MKDOCS_YML) -> dict[str, Any]:
    """pymdownx.snippets' options from ``mkdocs.yml``, base paths made absolute."""
    options: dict[str, Any] = {}
    for extension in mkdocs_config(mkdocs_yml).get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = dict(extension["pymdownx.snippets"] or {})
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases
    options["base_path"] = [str((mkdocs_yml.parent / base).resolve()) for base in bases]
    return options


@cache
def _preprocessor(mkdocs_yml: Path) -> Any:
    md = markdown.Markdown(
        extensions=["pymdownx.snippets"],
        extension_configs={"pymdownx.snippets": snippet_options(mkdocs_yml)},
    )
    return md.preprocessors["snippet"]


def resolve(include: Include, where: str, mkdocs_yml: Path = MKDOCS_YML) -> Path:
    """The file an include reads; :class:`SnippetError` if it is missing or, after links
    are followed, lies outside every snippet directory."""
    preprocessor = _preprocessor(mkdocs_yml)
    found = preprocessor.get_snippet_path(include.file)
    if not found:
        raise SnippetError(f"{where}: snippet {include.file!r} not found in "
                           f"{', '.join(preprocessor.base_path)}")
    real = Path(found).resolve()
    bases = [Path(base).resolve() for base in preprocessor.base_path]
    if not any(real.is_relative_to(base) for base in bases):
        raise SnippetError(
            f"{where}: snippet {include.file!r} resolves to {real}, outside the snippet "
            f"directories ({', '.join(map(str, bases))}); a link must not lead out of them"
        )
    return real


def expand(
    fence: CodeFence, page_path: Path, mkdocs_yml: Path = MKDOCS_YML
) -> tuple[str, list[SourceLine]]:
    """The code a fence runs, with its includes expanded as the site renders them, and for
    every line of it the file and line it came from."""
    preprocessor = _preprocessor(mkdocs_yml)
    source_lines: list[str] = []
    origins: list[SourceLine] = []
    includes = {include.line: include for include in fence.includes}
    for offset, line in enumerate(fence.content.rstrip("\n").split("\n")):
        here = SourceLine(page_path, fence.first_content_line + offset)
        include = includes.get(here.line)
        if include is None or not INCLUDE.match(line):
            source_lines.append(line)
            origins.append(here)
            continue
        where = f"{shown_path(page_path)}:{here.line}"
        snippet = resolve(include, where, mkdocs_yml)
        preprocessor.seen, preprocessor.bases, preprocessor.failed = set(), None, set()
        try:
            expanded = preprocessor.parse_snippets([line.strip()])
        except SnippetMissingError as error:
            raise SnippetError(f"{where}: {error}") from None
        if not expanded:
            raise SnippetError(f"{where}: {line.strip()} expanded to nothing")
        source_lines.extend(expanded)
        origins.extend(_trace_lines(expanded, snippet))
    return "\n".join(source_lines) + "\n", origins


def _trace_lines(expanded: list[str], snippet: Path) -> list[SourceLine]:
    """Match each expanded line to its line in the snippet file, in order (a section such
    as ``file.py:forward`` is a run of the file's lines)."""
    file_lines = snippet.read_text(encoding="utf8").split("\n")
    origins, cursor = [], 0
    for line in expanded:
        probe = cursor
        while probe < len(file_lines) and file_lines[probe].strip() != line.strip():
            probe += 1
        if probe < len(file_lines):
            cursor = probe
        origins.append(SourceLine(snippet, cursor + 1))
        cursor += probe < len(file_lines)
    return origins
