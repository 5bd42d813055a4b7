"""A newcomer following README's "Writing a lesson" adds a lesson that passes the tests and
the strict build at the first try.

The test takes the three templates from README itself (the snippet, the page and the nav
entry, each a fence titled with the file it goes in), applies them to a copy of the course
for a new slug, and runs there the two commands README gives: ``pytest`` on the page, and
``mkdocs build --strict``. A README step that goes stale fails here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from coursekit.cache import CACHE
from coursekit.pages import Fence, read_page
from coursekit.project import ROOT
from tests.site_build import BuiltSite

SLUG = "a-new-lesson"
PART = "part2"
COPIED = ("docs", "snippets", "figures", "nnref", "coursekit", "hooks", "tests",
          "mkdocs.yml", "pyproject.toml", "conftest.py", "README.md")


def _templates() -> dict[str, Fence]:
    """README's fences titled with a file name, by that name."""
    found = {}
    for fence in read_page(ROOT / "README.md").fences:
        for option in fence.options:
            if match := re.fullmatch(r'title="(?P<file>[^"]+)"', option):
                found[match["file"]] = fence
    return found


def _filled(text: str) -> str:
    return text.replace("<slug>", SLUG).replace("<part>", PART)


def _add_to_nav(mkdocs_yml: Path, entry: str) -> None:
    """Step 3: the page goes under its part, after the part's last lesson."""
    lines = mkdocs_yml.read_text(encoding="utf8").split("\n")
    last = max(i for i, line in enumerate(lines) if line.strip().startswith(f"- {PART}/"))
    indent = lines[last][: len(lines[last]) - len(lines[last].lstrip())]
    lines.insert(last + 1, indent + entry.strip())
    mkdocs_yml.write_text("\n".join(lines), encoding="utf8")


def test_a_lesson_written_as_readme_says_passes_the_tests_and_the_strict_build(
    tmp_path: Path, built_site: BuiltSite
) -> None:
    # (``built_site``: run after the site is built, so the copy starts from its caches.)
    templates = _templates()
    snippet = templates["snippets/<slug>/first_step.py"]
    page = templates["docs/<part>/<slug>.md"]
    nav = templates["mkdocs.yml"]
    course = tmp_path / "course"
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, course / name,
                            ignore=shutil.ignore_patterns("__pycache__", "fixtures"))
        else:
            shutil.copy(source, course / name)
    if CACHE.is_dir():
        shutil.copytree(CACHE, course / CACHE.relative_to(ROOT))

    (course / "snippets" / SLUG).mkdir()
    (course / "snippets" / SLUG / "first_step.py").write_text(_filled(snippet.content))
    (course / "docs" / PART / f"{SLUG}.md").write_text(_filled(page.content))
    _add_to_nav(course / "mkdocs.yml", _filled(nav.content).strip().split("\n")[-1])

    # The copy's own packages, not this checkout's (PYTHONPATH comes before the editable
    # install's path entry).
    env = {**os.environ, "PYTHONPATH": str(course), "NO_MKDOCS_2_WARNING": "1"}
    env.pop("PYTEST_XDIST_WORKER", None)
    page_path = f"docs/{PART}/{SLUG}.md"
    # The two commands are independent (the page's tests write nothing the build reads), so
    # they run at once: the build does not wait for the tests' start-up.
    with tempfile.TemporaryFile("w+") as tests_out, tempfile.TemporaryFile("w+") as build_out:
        commands = {
            f"pytest {page_path}": (
                [sys.executable, "-m", "pytest", page_path, "-n0", "-q", "-p", "no:randomly"],
                tests_out, 300),
            "the strict build": (
                [sys.executable, "-m", "mkdocs", "build", "--strict",
                 "--site-dir", str(tmp_path / "site")],
                build_out, 600),
        }
        running = {what: subprocess.Popen(command, cwd=course, env=env, text=True,
                                          stdin=subprocess.DEVNULL, stdout=out,
                                          stderr=subprocess.STDOUT)
                   for what, (command, out, _) in commands.items()}
        try:
            status = {what: process.wait(timeout=commands[what][2])
                      for what, process in running.items()}
        finally:
            for process in running.values():
                if process.poll() is None:
                    process.kill()
                    process.wait()
        output = {}
        for what, (_, out, _) in commands.items():
            out.seek(0)
            output[what] = out.read()
    tests = f"pytest {page_path}"
    assert status[tests] == 0, f"{tests} failed:\n{output[tests][-4000:]}"
    assert "python fences: 1 verified" in output[tests], output[tests][-2000:]
    build = "the strict build"
    assert status[build] == 0, f"{build} failed:\n{output[build][-4000:]}"
    built = (tmp_path / "site" / PART / SLUG / "index.html").read_text(encoding="utf8")
    assert "Follow one input through a neuron" in built
    assert "z = 0.20, sigmoid(z) = 0.550" in built
