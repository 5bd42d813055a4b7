"""The page model (``coursekit.pages``): every page parses, blocks give the page back, and
each kind of block is found where the site finds it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from coursekit import pages
from coursekit.pages import (
    ContainerMarker,
    FigureRef,
    MathBlock,
    MermaidFence,
    OutputFence,
    Prose,
    QuizFence,
    SkipDirective,
    parse_text,
    read_page,
)
from coursekit.project import DOCS, ROOT
from coursekit.quiz import QuizSyntaxError

PAGES = sorted(DOCS.rglob("*.md"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(DOCS).as_posix())
def test_every_page_parses_and_its_blocks_give_back_its_lines(path: Path) -> None:
    page = read_page(path)
    assert "\n".join(line for block in page.blocks for line in block.lines) == page.text
    starts = [block.start for block in page.blocks]
    assert starts == sorted(starts) and starts[0] == 1
    for block, following in zip(page.blocks, page.blocks[1:], strict=False):
        assert following.start == block.end + 1, f"{path}:{block.end}: lines skipped"
    assert page.problems() == []


def test_a_page_is_parsed_once_per_text() -> None:
    text = (DOCS / "about.md").read_text(encoding="utf8")
    pages._parse.cache_clear()
    first, second = parse_text(text, Path("a.md")), parse_text(text, Path("b.md"))
    assert first.blocks is second.blocks
    assert pages._parse.cache_info().misses == 1
    assert parse_text(text + "\nmore", Path("a.md")).blocks is not first.blocks


SAMPLE = textwrap.dedent('''\
    # A page

    Some prose with $x$.

    ```python
    print(1)
    ```

    ```output
    1
    ```

    !!! note "Worth knowing"

        ```python
        --8<-- "lesson/step.py"
        ```

    ??? success "Solution"

        === "NumPy"

            ```py3
            y = 2
            ```

    1. A list item

        ```Python
        z = 3
        ```

    <!-- doctest: skip needs a display -->
    ```python
    show()
    ```

    ![A curve](../figures/lesson/curve.svg){ width="80%" }

    $$
    \\sigma(z) = \\frac{1}{1 + e^{-z}}
    $$

    ```mermaid
    flowchart LR
        a --> b
    ```

    ```{.quiz pass="80"}
    ? Which?
    - [ ] this
    - [x] that
      and more
    > Because.
    ```
    ''')


def test_each_kind_of_block_is_found_with_its_lines_and_containers() -> None:
    page = parse_text(SAMPLE, Path("sample.md"))
    kinds = [b.kind for b in page.blocks if not (isinstance(b, Prose) and b.is_blank)]
    assert kinds == [
        "Prose", "CodeFence", "OutputFence", "ContainerMarker", "CodeFence",
        "ContainerMarker", "ContainerMarker", "CodeFence", "Prose", "CodeFence",
        "SkipDirective", "CodeFence", "FigureRef", "MathBlock", "MermaidFence", "QuizFence",
    ]
    code = page.code_fences
    assert [f.start for f in code] == [5, 15, 23, 29, 34]
    assert code[0].output is page.of_kind(OutputFence)[0] and code[1].output is None
    assert [[c.kind for c in f.containers] for f in code] == [
        [], ["admonition"], ["details", "tab"], ["list"], [],
    ]
    assert [c.title for c in code[2].containers] == ["Solution", "NumPy"]
    assert [f.language for f in code] == ["python", "python", "py3", "Python", "python"]
    assert [(i.line, i.file) for i in code[1].includes] == [(16, "lesson/step.py")]
    assert code[4].skip_reason == "needs a display"
    assert page.of_kind(SkipDirective)[0].start == 33
    [figure] = page.of_kind(FigureRef)
    assert (figure.start, figure.alt, figure.src) == (38, "A curve", "../figures/lesson/curve.svg")
    assert page.of_kind(MathBlock)[0].latex == "\\sigma(z) = \\frac{1}{1 + e^{-z}}"
    assert page.of_kind(MermaidFence)[0].source == "flowchart LR\n    a --> b"
    assert [m.container.title for m in page.of_kind(ContainerMarker)] == [
        "Worth knowing", "Solution", "NumPy",
    ]
    quiz = page.of_kind(QuizFence)[0].parse("sample.md")
    assert quiz.pass_mark == 80
    [question] = quiz.questions
    assert [(o.text, o.correct, o.line) for o in question.options] == [
        ("this", False, 51), ("that and more", True, 52),
    ]
    assert question.explanation == "Because."
    assert page.problems() == []


def test_a_fence_the_site_would_not_show_as_code_is_a_fault() -> None:
    """superfences shows ```python trace as a paragraph, not as code."""
    page = parse_text("# T\n\n```python trace\nx = 1\n```\n", Path("p.md"))
    assert page.problems() == [
        'p.md:3: the site shows no code block for ```python trace (superfences reads only '
        'key="value" options after the language); write ```{.python .trace} instead'
    ]
    assert parse_text("```{.python .trace}\nx = 1\n```\n").code_fences[0].traced


@pytest.mark.parametrize("info", ["Python", "py3", "PY", "python3", "{.python title='x'}"])
def test_every_fence_the_site_highlights_as_python_is_a_code_fence(info: str) -> None:
    page = parse_text(f"# T\n\n```{info}\nx = 1\n```\n")
    assert len(page.code_fences) == 1


def test_a_fence_on_the_first_line_after_a_byte_order_mark_is_found() -> None:
    page = parse_text("\ufeff```python\nprint(1)\n```\n\n```output\n1\n```\n")
    assert [f.start for f in page.code_fences] == [1]
    assert page.code_fences[0].output is not None
    assert "\n".join(line for b in page.blocks for line in b.lines).startswith("\ufeff")


@pytest.mark.parametrize(("option", "message"), [
    ("retry:3", "'retry:3' would re-run a fence until its output happens to match"),
    ("continuation", "fence option 'continuation' is not used by the course"),
    ("notest", "'notest' hides a fence without a reason"),
])
def test_fence_options_the_course_does_not_use_are_refused(option: str, message: str) -> None:
    page = parse_text(f"# T\n\n```python {option}\nx = 1\n```\n", Path("p.md"))
    assert any(p.startswith(f"p.md:3: {message}") for p in page.problems()), page.problems()


def test_a_skip_directive_needs_a_reason_and_a_fence_under_it() -> None:
    page = parse_text("<!-- doctest: skip -->\n```python\nx = 1\n```\n\n"
                      "<!-- doctest: skip why -->\n\ntext\n", Path("p.md"))
    assert page.problems() == [
        "p.md:1: a skipped fence needs a reason: <!-- doctest: skip <reason> -->",
        "p.md:6: a doctest directive must be right above the python fence it applies to",
    ]


def test_a_time_limit_directive_raises_a_fences_limit_with_a_reason() -> None:
    page = parse_text("<!-- doctest: time-limit 300 trains three networks -->\n"
                      "<!-- doctest: skip needs a display -->\n```python\nx = 1\n```\n\n"
                      "<!-- doctest: time-limit soon -->\n```python\ny = 2\n```\n",
                      Path("p.md"))
    first, second = page.code_fences
    assert (first.time_limit, first.time_limit_reason) == (300.0, "trains three networks")
    assert first.skip_reason == "needs a display"
    assert second.time_limit is None
    assert page.problems() == [
        "p.md:7: a time limit needs a number of seconds and a reason: "
        "<!-- doctest: time-limit 300 <reason> -->",
    ]


QUIZ = "```quiz\n? Which?\n- [ ] a\n{option}\n- [x] c\n```\n"


@pytest.mark.parametrize("option", ["* [ ] b", "- [] b", "[x] b", "+ [ ] b", "-[ ] b"])
def test_a_quiz_option_written_wrongly_is_an_error_at_its_line(option: str) -> None:
    page = parse_text("# Quiz\n\n" + QUIZ.format(option=option), Path("q.md"))
    with pytest.raises(QuizSyntaxError, match=r"^q\.md:6: .* looks like an option"):
        page.quizzes[0].parse("q.md")
    assert page.problems() == [f"q.md:6: {option!r} looks like an option: write '- [ ] text' "
                               "or '- [x] text'"]


@pytest.mark.parametrize(("body", "line", "message"), [
    ("- [x] a\n", 2, r"expected '\? question' first"),
    ("? Q\n- [x] a\n", 2, "question 1 needs at least two options"),
    ("? Q\n- [ ] a\n- [ ] b\n", 2, "question 1 has no correct option"),
])
def test_quiz_faults_name_their_line(body: str, line: int, message: str) -> None:
    page = parse_text(f"```quiz\n{body}```\n", Path("q.md"))
    with pytest.raises(QuizSyntaxError, match=rf"^q\.md:{line}: {message}"):
        page.quizzes[0].parse("q.md")


def test_a_quiz_pass_mark_out_of_range_is_an_error() -> None:
    page = parse_text('```{.quiz pass="120"}\n? Q\n- [x] a\n- [ ] b\n```\n', Path("q.md"))
    with pytest.raises(QuizSyntaxError, match=r"q\.md:1: unknown quiz option"):
        page.quizzes[0].parse("q.md")


def test_code_fence_lookup_names_the_page() -> None:
    page = parse_text("# T\n", ROOT / "x.md")
    with pytest.raises(LookupError, match=r"x\.md: no python fence opens at line 3"):
        page.code_fence_at(3)



@pytest.mark.parametrize(("body", "message"), [
    ("neuron-playgroud\n", "p.md:2: no widget called 'neuron-playgroud'"),
    ("neuron-playground\nbias: low\n", "p.md:3: bias: could not convert string to float"),
    ("neuron-playground\ninputs: 1, 2, 3\n", "p.md:3: inputs: expected 2 number(s), got 3"),
    ("neuron-playground\ncolour: red\n", "p.md:3: neuron-playground has no setting 'colour'"),
])
def test_a_widget_fence_with_a_fault_names_its_line(body: str, message: str) -> None:
    problems = parse_text(f"```widget\n{body}```\n", Path("p.md")).problems()
    assert len(problems) == 1 and problems[0].startswith(message), problems


def test_the_training_frames_are_one_uninterrupted_training_run() -> None:
    """Pausing at each listed epoch changes nothing: the last frame is what one call of
    nnref.train for all the epochs gives."""
    import numpy as np

    from coursekit.widgets import SPIRALS, WIDGETS, training_frames
    from nnref import Adam, Network, spirals, train

    settings = dict(WIDGETS["training-frames"].defaults, epochs=[0.0, 40.0, 100.0])
    last = training_frames(settings)["frames"][-1]
    X, y = spirals(SPIRALS["n_samples"], noise=SPIRALS["noise"], rng=SPIRALS["rng"])
    network = Network.from_sizes([2, 32, 32, 32, 1], output_activation="sigmoid", rng=0)
    train(network, X, y, "binary_cross_entropy_with_logits", Adam(lr=0.01), epochs=100,
          batch_size=len(X), rng=np.random.default_rng(0))
    assert last["epoch"] == 100
    assert last["accuracy"] == float(np.mean(network.classify(X) == y))
