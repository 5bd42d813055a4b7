"""The MkDocs hooks report a fault in a page with its page and line, and refuse an include
that leads out of the snippet directories."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace

import pytest

from coursekit import includes
from coursekit.pages import read_page, shows_value_directive
from coursekit.project import DOCS
from hooks import diagrams as diagrams_hook
from hooks import includes as includes_hook
from hooks import quiz as quiz_hook
from hooks import widgets as widgets_hook
from tests.site_build import BuiltSite

QUIZ_PAGE = """# A page

Some text.

```quiz
? Which?
- [ ] a
* [ ] b
- [x] c
```
"""


def _page(path: Path) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(abs_src_path=str(path), src_uri=path.name))


def test_a_malformed_quiz_is_reported_with_its_page_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """``* [ ] b`` used to be merged silently into the option above it."""
    page = tmp_path / "quiz.md"
    page.write_text(QUIZ_PAGE)
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.quiz"):
        quiz_hook.on_page_markdown(QUIZ_PAGE, _page(page), None, None)
    assert "quiz.md:8: '* [ ] b' looks like an option" in caplog.text


def test_a_malformed_widget_is_reported_with_its_page_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = "# A page\n\n```widget\nneuron-playground\ncolour: red\n```\n"
    page = tmp_path / "widget.md"
    page.write_text(text)
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.widgets"):
        widgets_hook.on_page_markdown(text, _page(page), None, None)
    assert "widget.md:5: neuron-playground has no setting 'colour'" in caplog.text


def test_a_broken_diagram_is_reported_with_its_page_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = "# A page\n\n```mermaid\nflowchart LR\n    a -->\n```\n"
    page = tmp_path / "diagram.md"
    page.write_text(text)
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.diagrams"):
        diagrams_hook.on_page_markdown(text, _page(page), None, None)
    assert "diagram.md:3: mermaid diagram failed to render" in caplog.text


@pytest.fixture
def linked_snippets(tmp_path: Path) -> Path:
    """A course whose snippets/ holds a link to a file outside it."""
    secret = tmp_path / "outside.txt"
    secret.write_text("not for the page\n")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "inside.py").write_text("print('inside')\n")
    (tmp_path / "snippets" / "leak.py").symlink_to(secret)
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
        "      base_path: [snippets]\n      check_paths: true\n"
    )
    return tmp_path


def test_an_include_through_a_link_out_of_the_snippets_is_refused(linked_snippets: Path) -> None:
    page_path = linked_snippets / "page.md"
    page_path.write_text('# P\n\n```python\n--8<-- "inside.py"\n--8<-- "leak.py"\n```\n')
    fence = read_page(page_path).code_fences[0]
    with pytest.raises(includes.SnippetError, match=r"page\.md:5: snippet 'leak\.py' resolves "
                                                    r"to .*outside\.txt, outside the snippet"):
        includes.expand(fence, page_path, linked_snippets / "mkdocs.yml")


def test_the_build_leaves_such_an_include_out_and_fails(
    linked_snippets: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = '# P\n\n--8<-- "leak.py"\n\n```python\n--8<-- "inside.py"\n```\n'
    page_path = linked_snippets / "page.md"
    page_path.write_text(text)
    config = SimpleNamespace(config_file_path=str(linked_snippets / "mkdocs.yml"))
    with caplog.at_level(logging.ERROR, logger="mkdocs.hooks.includes"):
        out = includes_hook.on_page_markdown(text, _page(page_path), config, None)
    assert "page.md:3: snippet 'leak.py' resolves to" in caplog.text
    assert '--8<-- "leak.py"' not in out and '--8<-- "inside.py"' in out


def test_a_notebook_is_remade_only_when_what_it_is_made_from_changes(tmp_path: Path) -> None:
    """A notebook's key is its own: the same while its inputs are, another for another
    lesson or an edited page (every notebook used to be regenerated after any figure was
    redrawn, because all of them shared one key)."""
    from coursekit.project import DOCS
    from hooks.notebooks import _inputs_key

    lesson, other = DOCS / "part1" / "one-neuron.md", DOCS / "part1" / "numpy.md"
    key = _inputs_key(lesson, DOCS)
    assert _inputs_key(lesson, DOCS) == key
    assert _inputs_key(other, DOCS) != key
    copy = tmp_path / "docs" / "part1" / "one-neuron.md"
    copy.parent.mkdir(parents=True)
    copy.write_text(lesson.read_text() + "\nOne more line.\n")
    assert _inputs_key(copy, tmp_path / "docs") != key


def test_no_value_directive_reaches_the_site(built_site: BuiltSite) -> None:
    """Value directives are for the tests (hooks/directives.py leaves them out): no built
    page holds one, while the pages' sources hold many."""
    assert sum("<!-- doctest: 0." in page.read_text() for page in DOCS.rglob("*.md")) > 0
    shown = [page.relative_to(built_site.path) for page in built_site.path.rglob("*.html")
             if shows_value_directive(page.read_text())]
    assert shown == []
