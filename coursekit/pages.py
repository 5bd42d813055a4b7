"""The page model: a course page as an ordered list of typed blocks with source lines.

One reader of the course's Markdown dialect, used by every part that reads a page: the
doc-test layer, the notebook generator, the quiz renderer, the figure and diagram hooks and
the tests. A page parses into blocks that partition its lines, in order:

- ``FrontMatter``, ``Prose``, ``IncludeLine`` (``--8<--`` outside a fence),
  ``ContainerMarker`` (``!!! note``, ``??? success "Title"``, ``=== "Tab"``),
  ``SkipDirective`` (``<!-- doctest: skip reason -->``), ``TimeLimitDirective``,
  ``ValueDirective`` (``<!-- doctest: 0.438 = expression -->``: binds numbers written in the
  block right above it, see :mod:`coursekit.numbers`),
  ``ApiDirective`` (mkdocstrings' ``::: nnref.neuron``),
  ``FigureRef`` (``![alt](../figures/<slug>/<name>.svg)``), ``MathBlock`` (``$$ ... $$``);
- fences: ``CodeFence`` (every fence the site highlights as Python, with its ``--8<--``
  ``Include`` lines, its ``output`` fence, its ``trace`` fence when it is traced, its skip
  reason and time limit), ``OutputFence``, ``TraceFence``, ``QuizFence``, ``MermaidFence``,
  ``WidgetFence`` (an interactive figure) and ``OtherFence``.

Every block knows its 1-based lines and its containers (admonition, tab, list item), and
joining the blocks' lines gives back the page exactly. Fences are found by markdown-it
(CommonMark), after Material's indented containers are unwrapped so that a fence in a
collapsible solution or a content tab is an ordinary fence at its own line. Parsing is
cached: the same text of the same page is parsed once per process.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from coursekit import quiz as quiz_syntax

# The names Pygments' Python lexer answers to (pymdownx.highlight looks a fence's language
# up with Pygments, case-insensitively): a fence with any of them is highlighted as Python
# on the site, so it must run in the tests.
PYTHON_LANGUAGES = frozenset({"python", "py", "sage", "python3", "py3", "bazel", "starlark"})
OUTPUT_LANGUAGE = "output"
TRACE_LANGUAGE = "trace"  # what a traced fence's lines bound (coursekit.trace)
TRACE_OPTION = "trace"  # ```{.python .trace}: the fence's trace is shown and checked
QUIZ_LANGUAGE = "quiz"
MERMAID_LANGUAGE = "mermaid"

SKIP_DIRECTIVE = re.compile(r"^\s*<!--\s*doctest:\s*skip\b\s*(?P<reason>.*?)\s*-->\s*$")
TIME_LIMIT_DIRECTIVE = re.compile(
    r"^\s*<!--\s*doctest:\s*time-limit\b\s*(?P<seconds>\S*)\s*(?P<reason>.*?)\s*-->\s*$"
)
# ``<!-- doctest: 0.438 = p[0]; 3.16 not computed: <reason>; quiz 2 = expression -->``
_WRITTEN_NUMBER = r"[-+\u2212]?(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:[eE][-+\u2212]?\d+)?\s?%?"
# ``0.5 x3 = ...``: the number is written three times in the block (once when not said)
_COUNT = r"(?:\s+x(?P<count>\d+))?"
_VALUE_BINDING = re.compile(
    rf"^\s*(?P<number>{_WRITTEN_NUMBER}){_COUNT}\s*=\s*(?P<expression>\S.*?)\s*$")
_QUIZ_BINDING = re.compile(r"^\s*quiz\s+(?P<question>\d+)\s*=\s*(?P<expression>\S.*?)\s*$")
_CITED_BINDING = re.compile(
    rf"^\s*(?P<number>{_WRITTEN_NUMBER}){_COUNT}\s+not computed:\s*(?P<reason>\S.*?)\s*$")
ANY_DIRECTIVE = re.compile(r"^\s*<!--\s*doctest:(?P<rest>.*?)-->\s*$")
CONTAINER = re.compile(
    r'^(?P<indent> *)(?:(?P<tab>===\+?) +"(?P<tab_title>[^"]*)"'
    r'|(?P<marker>!!!|\?\?\?\+?) +(?P<kind>[\w-]+)(?P<classes>(?: +[\w-]+)*)'
    r'(?: +"(?P<title>[^"]*)")?)\s*$'
)
FIGURE_REF = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]*figures/[^)\s]+?\.svg)"
    r'(?:\s+"(?P<title>[^"\n]*)")?\)(?P<attrs>\{[^}\n]*\})?'
)
INCLUDE = re.compile(
    r"^(?P<indent>\s*)-{1,}8<-{1,}\s+(?P<quote>['\"])(?P<target>.+?)(?P=quote)\s*$"
)
API_DIRECTIVE = re.compile(r"^:::\s+(?P<identifier>\S+)\s*$")  # mkdocstrings' autodoc line
FENCE_OPENING = re.compile(r"^(?P<indent>\s*)(?P<marks>`{3,}|~{3,})\s*(?P<info>.*)$")
_MATH_FENCE = re.compile(r"^\s*\$\$\s*$")


class PageError(ValueError):
    """A page that cannot be read as the course's Markdown; names the file and line."""


# ---------------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Container:
    """An enclosing admonition, content tab or list item."""

    kind: str  # "admonition", "details", "tab" or "list"
    title: str
    line: int  # where it opens


@dataclass(eq=False)
class Block:
    """Lines ``start``..``end`` (1-based, inclusive) of a page, exactly as written."""

    start: int
    lines: list[str]
    containers: tuple[Container, ...] = ()

    @property
    def end(self) -> int:
        return self.start + len(self.lines) - 1

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def kind(self) -> str:
        return type(self).__name__


@dataclass(eq=False)
class FrontMatter(Block):
    pass


@dataclass(eq=False)
class Prose(Block):
    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


@dataclass(eq=False)
class ContainerMarker(Block):
    container: Container | None = None


@dataclass(eq=False)
class SkipDirective(Block):
    """``<!-- doctest: skip <reason> -->`` right above a python fence: not run."""

    reason: str = ""


@dataclass(eq=False)
class TimeLimitDirective(Block):
    """``<!-- doctest: time-limit <seconds> <reason> -->`` right above a python fence: it may
    run longer than the default limit."""

    seconds: float = 0.0
    reason: str = ""


@dataclass(frozen=True)
class Binding:
    """One part of a value directive: the number ``number`` (as written in the block above)
    is the value of ``expression``; or, with ``question``, that quiz question's numeric key
    is; or, with a ``reason`` and no expression, the number is not computed, and why."""

    line: int
    number: str = ""
    expression: str = ""
    question: int | None = None
    reason: str = ""
    count: int = 1  # how many times the number is written in the block


@dataclass(eq=False)
class ValueDirective(Block):
    """``<!-- doctest: 0.438 = p[0]; quiz 2 = ...; 1.2 not computed: <why> -->`` under the
    paragraph, table, math, figure or quiz that writes the numbers it binds (:mod:`coursekit.
    numbers`). ``target`` is that block and ``target_lines`` its paragraph's lines."""

    bindings: tuple[Binding, ...] = ()
    target: Block | None = None
    target_lines: tuple[int, int] = (0, 0)


@dataclass(eq=False)
class FigureRef(Block):
    alt: str = ""
    src: str = ""
    attrs: str = ""
    title: str = ""  # ![alt](src "title"): the figure's caption, if given
    written: str = ""  # the reference as written on its line

    @property
    def script(self) -> str | None:
        """``<slug>/<name>``, the figure script under ``figures/`` that draws it, when the
        reference is to one of the course's figures (``../figures/<slug>/<name>.svg``)."""
        found = _FIGURE_SCRIPT.search(self.src)
        if found is None or found[2].endswith(("-light", "-dark")):
            return None
        return f"{found[1]}/{found[2]}"


_FIGURE_SCRIPT = re.compile(r"(?:^|/)figures/([\w.-]+)/([\w.-]+)\.svg$")


def script_caption(script: Path) -> str:
    """A figure script's caption: its docstring's first paragraph, on one line (used where
    the page gives none, ``![alt](src "caption")``)."""
    doc = ast.get_docstring(ast.parse(script.read_text(encoding="utf8"))) or ""
    return " ".join(doc.split("\n\n", 1)[0].split())


@dataclass(eq=False)
class MathBlock(Block):
    @property
    def latex(self) -> str:
        return "\n".join(line.strip() for line in self.lines).strip().strip("$").strip()


@dataclass(eq=False)
class Include:
    """A ``--8<-- "file"`` line inside a fence."""

    line: int
    target: str

    @property
    def file(self) -> str:
        """The file part of the target (``chain_rule.py:forward`` -> ``chain_rule.py``)."""
        return re.split(r":(?=\d|[A-Za-z_]\w*$)", self.target, maxsplit=1)[0]


@dataclass(eq=False)
class ApiDirective(Block):
    """``::: nnref.neuron``: mkdocstrings fills the page from that object's docstrings."""

    identifier: str = ""


@dataclass(eq=False)
class IncludeLine(Block):
    """A ``--8<-- "file"`` line outside any fence (pymdownx.snippets expands it as Markdown)."""

    include: Include | None = None


@dataclass(eq=False)
class Fence(Block):
    language: str = ""
    options: tuple[str, ...] = ()
    info: str = ""
    content: str = ""  # the body, dedented as Markdown reads it
    indent: str = ""
    marks: str = "```"

    @property
    def opening_line(self) -> int:
        return self.start

    @property
    def closing_line(self) -> int:
        return self.end

    @property
    def first_content_line(self) -> int:
        return self.start + 1


@dataclass(eq=False)
class OutputFence(Fence):
    pass


@dataclass(eq=False)
class TraceFence(Fence):
    """The recorded trace of the traced python fence above it (and its output)."""


@dataclass(eq=False)
class CodeFence(Fence):
    """A fence the site highlights as Python: it runs in the doc-test layer."""

    skip_reason: str | None = None
    time_limit: float | None = None  # seconds, when the page raises the default
    time_limit_reason: str = ""
    output: OutputFence | None = None
    trace: TraceFence | None = None
    includes: list[Include] = field(default_factory=list)

    @property
    def traced(self) -> bool:
        return TRACE_OPTION in self.options


@dataclass(eq=False)
class QuizFence(Fence):
    def parse(self, where: str = "") -> quiz_syntax.Quiz:
        """The quiz; raises :class:`coursekit.quiz.QuizSyntaxError` naming ``where`` and
        the page line of a fault."""
        return quiz_syntax.parse_quiz(
            self.content, first_line=self.first_content_line, where=where,
            options=self.options,
        )


@dataclass(eq=False)
class MermaidFence(Fence):
    @property
    def source(self) -> str:
        """The diagram source as the superfences formatter receives it."""
        return self.content.strip("\n")


@dataclass(eq=False)
class WidgetFence(Fence):
    """An interactive figure (:mod:`coursekit.widgets`): its name and settings."""

    def parse(self, where: str = "") -> tuple[str, dict]:
        from coursekit.widgets import parse_widget

        return parse_widget(self.content.strip("\n"), self.first_content_line, where)


@dataclass(eq=False)
class OtherFence(Fence):
    pass


# ------------------------------------------------------------------------------ page


@dataclass(eq=False)
class Page:
    path: Path
    text: str
    blocks: list[Block]
    faults: list[tuple[int, str]] = field(default_factory=list)  # (line, what is wrong)

    def of_kind(self, kind: type[Block]) -> list:
        return [b for b in self.blocks if isinstance(b, kind)]

    @cached_property
    def fences(self) -> list[Fence]:
        return self.of_kind(Fence)

    @cached_property
    def code_fences(self) -> list[CodeFence]:
        return self.of_kind(CodeFence)

    @property
    def python_fences(self) -> list[CodeFence]:
        """The fences the doc-test layer runs (every code fence; ``notest`` is an error)."""
        return self.code_fences

    def code_fence_at(self, opening_line: int) -> CodeFence:
        for fence in self.code_fences:
            if fence.opening_line == opening_line:
                return fence
        raise LookupError(f"{self.path}: no python fence opens at line {opening_line}")

    @property
    def quizzes(self) -> list[QuizFence]:
        return self.of_kind(QuizFence)

    @property
    def diagrams(self) -> list[MermaidFence]:
        return self.of_kind(MermaidFence)

    @property
    def figures(self) -> list[FigureRef]:
        return self.of_kind(FigureRef)

    @property
    def includes(self) -> list[Include]:
        """Every ``--8<--`` include of the page, in fences and on lines of their own."""
        found = []
        for block in self.blocks:
            if isinstance(block, CodeFence):
                found += block.includes
            elif isinstance(block, IncludeLine) and block.include is not None:
                found.append(block.include)
        return found

    def where(self, line: int) -> str:
        return f"{shown_path(self.path)}:{line}"

    def problems(self) -> list[str]:
        """Structural faults, each naming its page and line: an output fence with no python
        fence right above it, a fence hidden from the parser, a bad directive or option."""
        found = [f"{self.where(line)}: {message}" for line, message in self.faults]
        paired = {id(f.output) for f in self.code_fences if f.output is not None}
        traces = {id(f.trace) for f in self.code_fences if f.trace is not None}
        for fence in self.fences:
            if isinstance(fence, TraceFence) and id(fence) not in traces:
                found.append(
                    f"{self.where(fence.start)}: trace fence with no traced python fence "
                    "(```python trace) right above it, or above its output fence"
                )
            if isinstance(fence, OutputFence) and id(fence) not in paired:
                found.append(
                    f"{self.where(fence.start)}: output fence with no python fence right "
                    "above it (nothing would check it)"
                )
            if isinstance(fence, CodeFence):
                found.extend(self._option_problems(fence))
        found.extend(message for _, message in self.fence_faults())
        return found

    def fence_faults(self) -> list[tuple[Fence, str]]:
        """The quiz and widget fences whose text cannot be read, each with its fault (the
        message names the page and line). The build reports them too: its fence formatters
        are not told where a fence is."""
        faults: list[tuple[Fence, str]] = []
        for fence in self.fences:
            if isinstance(fence, QuizFence | WidgetFence):
                try:
                    fence.parse(shown_path(self.path))
                except ValueError as error:  # QuizSyntaxError and WidgetError are ValueErrors
                    faults.append((fence, str(error)))
        return faults

    def _option_problems(self, fence: CodeFence) -> list[str]:
        found = []
        words = _plain_words(fence.info)
        if words and words != ["notest"]:
            found.append(
                f"{self.where(fence.start)}: the site shows no code block for ```{fence.info} "
                f"(superfences reads only key=\"value\" options after the language); write "
                f"```{{.{fence.language} {' '.join('.' + w for w in words)}}} instead"
            )
        for option in fence.options:
            if option == "notest":
                found.append(
                    f"{self.where(fence.start)}: 'notest' hides a fence without a reason; "
                    "write <!-- doctest: skip <reason> --> on the line above instead"
                )
            elif option.startswith("retry:"):
                found.append(
                    f"{self.where(fence.start)}: '{option}' would re-run a fence until its "
                    "output happens to match; the course's fences are deterministic, so "
                    "seed the randomness instead"
                )
            elif option.split(":", 1)[0] in ("continuation", "fixture", "runner"):
                found.append(
                    f"{self.where(fence.start)}: fence option '{option}' is not used by the "
                    "course (every fence of a page already shares one namespace, in order)"
                )
        return found


def directive_can_name(text: str) -> bool:
    """Can a value directive name a number written as ``text`` (``4.54e-5``, ``93.1%``; not
    math's ``4.54 \\times 10^{-5}``)?"""
    return re.fullmatch(_WRITTEN_NUMBER, text) is not None


def without_value_directives(text: str) -> str:
    r"""``text`` without the lines of its value directives (the site does not show them).

    >>> without_value_directives("Half is 0.5.\n<!-- doctest: 0.5 = 1 / 2 -->\nNext")
    'Half is 0.5.\nNext'
    """
    page = parse_text(text)
    drop = {b.start for b in page.blocks if isinstance(b, ValueDirective)}
    if not drop:
        return text
    return "\n".join(line for number, line in enumerate(text.split("\n"), start=1)
                     if number not in drop)


_SHOWN_DIRECTIVE = re.compile(r"<!--\s*doctest:\s*(?:[-+\u2212\d.]|quiz\s)")


def shows_value_directive(html: str) -> bool:
    """Does built HTML still hold a value directive (which the site should have left out)?"""
    return _SHOWN_DIRECTIVE.search(html) is not None


def shown_path(path: Path) -> str:
    """A path as messages show it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# ------------------------------------------------------------------------- parsing


def source_page(file: Any) -> Page | None:
    """The page model of a MkDocs file's Markdown source (``file.abs_src_path``), or None
    for a page with no Markdown source of its own (a generated or notebook page)."""
    if not file.abs_src_path or not file.src_uri.endswith(".md"):
        return None
    return read_page(Path(file.abs_src_path))


def read_page(path: Path) -> Page:
    """The page at ``path`` (cached on its text: an edited page is parsed again)."""
    path = Path(path).resolve()
    return parse_text(path.read_bytes().decode("utf8"), path)


def parse_text(text: str, path: Path = Path("<text>")) -> Page:
    """The page whose Markdown is ``text`` (``path`` names it in messages)."""
    blocks, faults = _parse(text)
    return Page(Path(path), text, blocks, faults)


@lru_cache(maxsize=256)
def _parse(text: str) -> tuple[list[Block], list[tuple[int, str]]]:
    """The blocks of a text, parsed once per process however many times it is asked for
    (the doc-test layer's collection, its runner and its structure check read each page)."""
    return _Parser(text).parse()


def fence_language(info: str) -> tuple[str, tuple[str, ...]]:
    """Language and options of a fence's info string, plain or superfences ``{.lang ...}``
    (where further classes are options too).

    >>> fence_language("{.python .trace title='x'}")
    ('python', ('trace', "title='x'"))
    >>> fence_language("py3 notest")
    ('py3', ('notest',))
    """
    info = info.strip()
    if info.startswith("{"):
        parts = info.strip("{}").split()
        classes = [p[1:] for p in parts if p.startswith(".")]
        language = classes[0] if classes else ""
        return language, (*classes[1:], *(p for p in parts if not p.startswith(".")))
    parts = info.split()
    return (parts[0] if parts else ""), tuple(parts[1:])


def _plain_words(info: str) -> list[str]:
    """Words after the language in a plain info string that superfences would not read as
    ``key="value"`` options: with them the site shows no code block at all."""
    info = info.strip()
    if info.startswith("{"):
        return []
    return [word for word in info.split()[1:] if "=" not in word]


def is_python(language: str) -> bool:
    return language.lower() in PYTHON_LANGUAGES


_FENCE_KINDS: dict[str, type[Fence]] = {
    OUTPUT_LANGUAGE: OutputFence, QUIZ_LANGUAGE: QuizFence, MERMAID_LANGUAGE: MermaidFence,
    TRACE_LANGUAGE: TraceFence, "widget": WidgetFence,
}


@lru_cache(maxsize=1)
def _markdown_it() -> MarkdownIt:
    """CommonMark's block structure: where fences and list items are. The page model reads
    no inline token, so inline parsing (half of the parse) is left out."""
    return MarkdownIt("commonmark").disable("inline")


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = text.split("\n")
        self.problems: list[tuple[int, str]] = []
        self.containers: list[tuple[Container, ...]] = []  # per line
        self.markers: dict[int, Container] = {}  # 0-based line -> container it opens

    def parse(self) -> tuple[list[Block], list[tuple[int, str]]]:
        unwrapped = self._unwrap_containers()
        fences = self._fences(unwrapped)
        blocks = self._blocks(fences)
        self._pair(blocks)
        self._check_hidden_fences(blocks)
        return blocks, self.problems

    # Material's containers: a marker line, then a body indented four more spaces. Read as
    # CommonMark that body would be an indented code block hiding its fences; unwrapped
    # (marker blanked, body dedented) every line stays where it is.
    def _unwrap_containers(self) -> str:
        open_: list[tuple[int, Container]] = []  # indent of each marker, and the container
        unwrapped = []
        in_fence: str | None = None
        for index, raw in enumerate(self.lines):
            line = raw.lstrip("\ufeff") if index == 0 else raw
            indent = len(line) - len(line.lstrip(" "))
            stripped = line.strip()
            if in_fence is None:
                while open_ and stripped and indent < open_[-1][0] + 4:
                    open_.pop()
            depth = 4 * len(open_)
            match = CONTAINER.match(line) if in_fence is None else None
            self.containers.append(tuple(c for _, c in open_))
            if match:
                container = _container(match, index + 1)
                self.markers[index] = container
                unwrapped.append("")
                open_.append((indent, container))
                continue
            body = line[min(depth, indent):]
            unwrapped.append(body)
            fence = FENCE_OPENING.match(body)
            if fence and in_fence is None:
                in_fence = fence["marks"]
            elif in_fence is not None and body.strip().startswith(in_fence) and \
                    set(body.strip()) == {in_fence[0]}:
                in_fence = None
        return "\n".join(unwrapped)

    def _fences(self, unwrapped: str) -> list[tuple[int, int, str, str, tuple[Container, ...]]]:
        """(first line, last line, info, content, list containers) of each fence, 0-based."""
        found = []
        lists: list[Container] = []
        for token in _markdown_it().parse(unwrapped):
            if token.type == "list_item_open" and token.map:
                lists.append(Container("list", "", token.map[0] + 1))
            elif token.type == "list_item_close" and lists:
                lists.pop()
            elif token.type == "fence" and token.map:
                found.append((token.map[0], token.map[1] - 1, token.info, token.content,
                              tuple(lists)))
        return found

    def _blocks(self, fences: list) -> list[Block]:
        blocks: list[Block] = []
        by_start = {first: (first, last, info, content, lists)
                    for first, last, info, content, lists in fences}
        index = 0
        prose: list[str] = []
        prose_start = 0

        def flush() -> None:
            nonlocal prose
            if prose:
                blocks.append(Prose(prose_start + 1, prose, self.containers[prose_start]))
                prose = []

        if self.lines and self.lines[0].lstrip("\ufeff") == "---":
            for end in range(1, len(self.lines)):
                if self.lines[end] in ("---", "..."):
                    blocks.append(FrontMatter(1, self.lines[: end + 1]))
                    index = end + 1
                    break
        while index < len(self.lines):
            line = self.lines[index].lstrip("\ufeff") if index == 0 else self.lines[index]
            containers = self.containers[index]
            if index in by_start:
                flush()
                first, last, info, content, lists = by_start[index]
                blocks.append(self._fence(first, last, info, content, containers + lists))
                index = last + 1
                continue
            if index in self.markers:
                flush()
                blocks.append(ContainerMarker(index + 1, [self.lines[index]], containers,
                                              self.markers[index]))
                index += 1
                continue
            directive = ANY_DIRECTIVE.match(line)
            if directive:
                flush()
                blocks.append(self._directive(index, directive, containers))
                index += 1
                continue
            api = API_DIRECTIVE.match(line)
            if api:
                flush()
                blocks.append(ApiDirective(index + 1, [self.lines[index]], containers,
                                           api["identifier"]))
                index += 1
                continue
            include = INCLUDE.match(line)
            if include:
                flush()
                blocks.append(IncludeLine(index + 1, [self.lines[index]], containers,
                                          Include(index + 1, include["target"])))
                index += 1
                continue
            if FIGURE_REF.search(line):
                flush()
                match = FIGURE_REF.search(line)
                blocks.append(FigureRef(index + 1, [self.lines[index]], containers,
                                        match["alt"], match["src"], match["attrs"] or "",
                                        match["title"] or "", match[0]))
                index += 1
                continue
            if _MATH_FENCE.match(line):
                end = next((j for j in range(index + 1, len(self.lines))
                            if _MATH_FENCE.match(self.lines[j])), None)
                if end is not None:
                    flush()
                    blocks.append(MathBlock(index + 1, self.lines[index : end + 1], containers))
                    index = end + 1
                    continue
            if not prose:
                prose_start = index
            prose.append(self.lines[index])
            index += 1
        flush()
        return blocks

    def _directive(self, index: int, match: re.Match[str], containers: tuple) -> Block:
        line = self.lines[index]
        skip = SKIP_DIRECTIVE.match(line)
        limit = TIME_LIMIT_DIRECTIVE.match(line)
        if skip is not None:
            if not skip["reason"]:
                self.problems.append((index + 1, "a skipped fence needs a reason: "
                                                 "<!-- doctest: skip <reason> -->"))
            return SkipDirective(index + 1, [line], containers, skip["reason"])
        if limit is not None:
            try:
                seconds = float(limit["seconds"])
            except ValueError:
                seconds = 0.0
            if not seconds > 0 or not limit["reason"]:
                self.problems.append((index + 1, "a time limit needs a number of seconds and "
                                      "a reason: <!-- doctest: time-limit 300 <reason> -->"))
            return TimeLimitDirective(index + 1, [line], containers, seconds, limit["reason"])
        bindings = _bindings(match["rest"], index + 1)
        if bindings is not None:
            return ValueDirective(index + 1, [line], containers, bindings)
        self.problems.append((index + 1,
            f"unknown doctest directive {match['rest'].strip()!r} (the directives are "
            "<!-- doctest: skip <reason> -->, <!-- doctest: time-limit <seconds> <reason> --> "
            "and value bindings, <!-- doctest: <number> = <expression>; <number> not computed: "
            "<reason>; quiz <question> = <expression> -->)"))
        return Prose(index + 1, [line], containers)

    def _fence(self, first: int, last: int, info: str, content: str,
               containers: tuple) -> Fence:
        opening = FENCE_OPENING.match(self.lines[first].lstrip("\ufeff"))
        language, options = fence_language(info)
        kind = CodeFence if is_python(language) else _FENCE_KINDS.get(language, OtherFence)
        fence = kind(
            first + 1, self.lines[first : last + 1], containers,
            language=language, options=options, info=info.strip(), content=content,
            indent=opening["indent"] if opening else "",
            marks=opening["marks"] if opening else "```",
        )
        if isinstance(fence, CodeFence):
            for offset, body_line in enumerate(content.split("\n")):
                include = INCLUDE.match(body_line)
                if include:
                    fence.includes.append(Include(first + 2 + offset, include["target"]))
        return fence

    def _pair(self, blocks: list[Block]) -> None:
        """Each output fence to the python fence right above it (blank lines between), and
        the directives right above a python fence to that fence."""
        previous: Block | None = None
        directives: list[Block] = []
        for block in blocks:
            if isinstance(block, Prose) and block.is_blank:
                continue
            if isinstance(block, ValueDirective):
                self._bind_to(block, previous)
                continue
            if isinstance(block, OutputFence) and isinstance(previous, CodeFence):
                previous.output = block
            if isinstance(block, TraceFence):
                owner = previous if isinstance(previous, CodeFence) else None
                if isinstance(previous, OutputFence):
                    owner = next((f for f in blocks if isinstance(f, CodeFence)
                                  and f.output is previous), None)
                if owner is not None and owner.traced:
                    owner.trace = block
            if isinstance(block, SkipDirective | TimeLimitDirective):
                directives.append(block)
            elif directives:
                for directive in directives:
                    if not isinstance(block, CodeFence):
                        self.problems.append((directive.start,
                            "a doctest directive must be right above the python fence it "
                            "applies to"))
                    elif isinstance(directive, SkipDirective):
                        block.skip_reason = directive.reason or None
                    elif isinstance(directive, TimeLimitDirective):
                        block.time_limit = directive.seconds or None
                        block.time_limit_reason = directive.reason
                directives = []
            previous = block
        for directive in directives:
            self.problems.append((directive.start, "a doctest directive must be right above "
                                                   "the python fence it applies to"))

    def _bind_to(self, directive: ValueDirective, above: Block | None) -> None:
        """A value directive binds numbers in the paragraph (or table, math, figure, quiz)
        right above it: for prose, the lines back to the blank line before them."""
        if above is None or isinstance(above, ValueDirective | SkipDirective |
                                       TimeLimitDirective | CodeFence | OutputFence):
            self.problems.append((directive.start, "a value directive must be right under the "
                                  "paragraph, table, math, figure or quiz whose numbers it binds"))
            return
        directive.target = above
        last = above.end
        while last > above.start and not self.lines[last - 1].strip():
            last -= 1
        first = last
        if isinstance(above, Prose):
            while first > above.start and self.lines[first - 2].strip():
                first -= 1
        else:
            first = above.start
        directive.target_lines = (first, last)
        if any(b.question is not None for b in directive.bindings) and not isinstance(
                above, QuizFence):
            self.problems.append((directive.start, "a quiz key (quiz <question> = ...) must be "
                                                   "in a directive right under its quiz"))

    def _check_hidden_fences(self, blocks: list[Block]) -> None:
        """A line that looks like a python or output fence but is not one to the parser (in
        an HTML block, say) would never be checked: a fault, not a silent skip."""
        inside = {n for b in blocks if isinstance(b, Fence) for n in range(b.start, b.end + 1)}
        for number, line in enumerate(self.lines, start=1):
            match = FENCE_OPENING.match(line.lstrip("\ufeff"))
            if match is None or number in inside:
                continue
            language = fence_language(match["info"])[0]
            if is_python(language) or language == OUTPUT_LANGUAGE:
                self.problems.append((number,
                    f"{language} fence not recognised by the parser "
                    "(inside an HTML block or a malformed block?); it would never be checked"
                ))


def _bindings(text: str, line: int) -> tuple[Binding, ...] | None:
    """The bindings of a value directive's text, or None if it is not one."""
    bindings = []
    for part in text.split(";"):
        value, quiz, cited = (pattern.match(part) for pattern in
                              (_VALUE_BINDING, _QUIZ_BINDING, _CITED_BINDING))
        if quiz is not None:
            bindings.append(Binding(line, expression=quiz["expression"],
                                    question=int(quiz["question"])))
        elif cited is not None:
            bindings.append(Binding(line, cited["number"].strip(), reason=cited["reason"],
                                    count=int(cited["count"] or 1)))
        elif value is not None:
            bindings.append(Binding(line, value["number"].strip(), value["expression"],
                                    count=int(value["count"] or 1)))
        else:
            return None
    return tuple(bindings)


def _container(match: re.Match[str], line: int) -> Container:
    if match["tab"]:
        return Container("tab", match["tab_title"], line)
    kind = "admonition" if match["marker"] == "!!!" else "details"
    title = match["title"] if match["title"] is not None else match["kind"].capitalize()
    return Container(kind, title, line)
