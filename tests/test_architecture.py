"""How the project's parts depend on each other, and one name per lesson.

- ``nnref`` (what learners import) depends on NumPy and the standard library alone;
- ``coursekit`` (the page model and what is built from pages) imports neither the hooks nor
  the tests; the hooks import ``coursekit``, never the tests;
- nothing edits ``sys.path``: everything imports by name;
- the course's Markdown is read by ``coursekit`` alone: no fence, include, container or
  figure pattern is written anywhere else;
- a lesson's page, snippet folder and figure folder share one slug.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from coursekit.project import DOCS, FIGURES, ROOT, SNIPPETS, lesson_pages, lesson_slug

PROJECT_DIRS = ("nnref", "coursekit", "hooks", "tests", "snippets", "figures")


def _python_files(*dirs: str) -> list[Path]:
    return sorted(p for d in dirs for p in (ROOT / d).rglob("*.py")) + (
        [ROOT / "conftest.py"] if not dirs or "tests" in dirs else []
    )


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize(("package", "allowed"), [
    ("nnref", {"nnref", "numpy"}),
    ("coursekit", None),  # anything but the hooks and the tests
    ("hooks", None),  # anything but the tests
])
def test_dependencies_point_one_way(package: str, allowed: set[str] | None) -> None:
    forbidden = {"nnref": {"coursekit", "hooks", "tests"}, "coursekit": {"hooks", "tests"},
                 "hooks": {"tests"}}[package]
    wrong = []
    for path in _python_files(package):
        if allowed is not None:
            # nnref.bench may use optional packages (PyTorch) when they are installed; they
            # are imported inside functions, guarded, never at the top level.
            top = {name.split(".")[0] for name in _top_level_imports(path)}
            bad = top - set(sys.stdlib_module_names) - allowed | (_imported_roots(path) & forbidden)
        else:
            bad = _imported_roots(path) & forbidden
        wrong += [f"{path.relative_to(ROOT)} imports {sorted(bad)}"] if bad else []
    assert not wrong, "\n".join(wrong)


def _top_level_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.parse(path.read_text(encoding="utf8")).body:
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_nothing_edits_sys_path() -> None:
    edits = []
    for path in _python_files(*PROJECT_DIRS):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
            target = node.func.value if isinstance(node, ast.Call) and isinstance(
                node.func, ast.Attribute) else None
            if target is not None and ast.unparse(target) == "sys.path":
                edits.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert not edits, "sys.path edited (import by name instead):\n" + "\n".join(edits)


# What only the page model may know how to recognise: fences, includes, Material's
# containers, figure references and doctest directives.
MARKDOWN_SYNTAX = ("```", "`{3", "~{3", "8<", "!!!", r"\?\?\?", "===", r"!\[", "doctest:", "^:::")
REGEX_FUNCTIONS = {"compile", "match", "fullmatch", "search", "sub", "subn", "finditer",
                   "findall", "split"}


def test_only_the_page_model_reads_course_markdown() -> None:
    found = []
    for path in _python_files("hooks", "tests", "nnref"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and ast.unparse(node.func.value) == "re"
                    and node.func.attr in REGEX_FUNCTIONS and node.args):
                continue
            pattern = node.args[0]
            if isinstance(pattern, ast.Constant) and isinstance(pattern.value, str):
                hits = [s for s in MARKDOWN_SYNTAX if s in pattern.value]
                if hits:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {hits}")
    assert not found, "Markdown parsed outside coursekit.pages:\n" + "\n".join(found)


def test_one_root_and_one_cache_root() -> None:
    """Where the repository and its caches are is said once, in ``coursekit.project``."""
    found = []
    for path in _python_files(*PROJECT_DIRS):
        if path in (ROOT / "coursekit" / "project.py", Path(__file__).resolve()):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf8"))):
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id in ("ROOT", "CACHE") for t in node.targets
            ):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
            if isinstance(node, ast.Constant) and node.value in (".cache", ".cache/site"):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found, "\n".join(found)


def test_a_lesson_has_one_name_for_its_page_snippets_and_figures() -> None:
    slugs = {lesson_slug(page) for page in lesson_pages()}
    pages = {path.stem for path in DOCS.rglob("*.md")}
    assert len(slugs) == len(lesson_pages()), "two lessons share a file name"
    strays = [
        f"{folder.relative_to(ROOT)}/ belongs to no page (name it after its page's file)"
        for parent in (SNIPPETS, FIGURES) for folder in sorted(parent.iterdir())
        if folder.is_dir() and not folder.name.startswith((".", "_")) and folder.name not in pages
    ]
    assert not strays, "\n".join(strays)
    missing = [slug for slug in sorted(slugs) if not (SNIPPETS / slug).is_dir()]
    assert not missing, f"lessons with no snippets/<slug>/ folder: {missing}"


def test_every_lesson_page_is_in_the_nav() -> None:
    on_disk = sorted(p.relative_to(DOCS).as_posix() for part in ("part1", "part2")
                     for p in (DOCS / part).glob("*.md"))
    assert sorted(lesson_pages()) == on_disk
