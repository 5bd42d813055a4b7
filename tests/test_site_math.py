"""Math (coursekit/mathml.py and its hook): LaTeX in, MathML that browsers draw as TeX would.

Bad input must fail the strict build at its page and line; text in math must stay text.
How the MathML looks in a browser is checked in tests/browser/test_math_in_browser.py.
"""

from __future__ import annotations

import logging
import re
import textwrap
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from coursekit import mathml
from coursekit.project import ROOT

HOOK = ROOT / "hooks" / "mathml.py"
NS = "{http://www.w3.org/1998/Math/MathML}"


def page_html(source: str) -> str:
    """A page's HTML as MkDocs hands it to the hook: arithmatex in generic mode."""
    md = markdown.Markdown(
        extensions=["admonition", "pymdownx.arithmatex"],
        extension_configs={"pymdownx.arithmatex": {"generic": True}},
    )
    return md.convert(source)


def typeset_page(source: str, caplog: pytest.LogCaptureFixture) -> str:
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.mathml"):
        return mathml.convert_page_math(page_html(source), "lesson.md", source)


class _Elements(HTMLParser):
    """Every element an HTML parser (a browser's rules, roughly) would create, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(html_: str) -> _Elements:
    parser = _Elements()
    parser.feed(html_)
    parser.close()
    return parser


def tree(latex: str, display: str = "block") -> ET.Element:
    return ET.fromstring(mathml.to_mathml(latex, display))


def children(element: ET.Element) -> list[str]:
    return [child.tag.removeprefix(NS) for child in element]


# ---------------------------------------------------------------- text in math stays text


def test_text_in_math_is_shown_as_text(caplog: pytest.LogCaptureFixture) -> None:
    html_ = typeset_page(r"The token $\text{<pad>}$ fills the sequence.", caplog)
    found = elements(html_)
    assert "pad" not in found.tags, f"<pad> became an element: {html_}"
    visible = "".join(found.text)
    assert "<pad>" in visible, f"the text <pad> is not in the page's text: {visible!r}"
    assert "math" in found.tags and not caplog.records


def test_a_script_in_text_never_becomes_a_script(caplog: pytest.LogCaptureFixture) -> None:
    source = (
        r"Careful: $\text{<script>alert(1)</script>}$ and $\text{<img src=x onerror=alert(1)>}$"
    )
    html_ = typeset_page(source, caplog)
    found = elements(html_)
    assert "script" not in found.tags and "img" not in found.tags, html_
    assert "<script>alert(1)</script>" in "".join(found.text)


# ---------------------------------------------------------------- bad input fails, with its line


@pytest.mark.parametrize(
    ("latex", "why"),
    [
        (r"\sigam(z)", "Undefined control sequence"),  # unknown command
        (r"\frac{1}", "end of input"),  # missing argument
        (r"\left( x", "right"),  # unbalanced delimiters
        (r"x^", "Expected group"),  # nothing to raise
        (r"\href{javascript:alert(1)}{x}", r"\href is not allowed"),  # links stay out
        (r"\url{https://example.com}", r"\url is not allowed"),
        (r"\htmlClass{x}{y}", "HTML extension"),  # HTML stays out
        ("\\text{caf\u00e9} \u00e9", "unicodeTextInMathMode"),  # a letter TeX cannot set
    ],
)
def test_a_formula_that_cannot_be_typeset_raises(latex: str, why: str) -> None:
    with pytest.raises(mathml.MathError, match=re.escape(why)):
        mathml.to_mathml(latex, "inline")


def test_display_must_be_inline_or_block() -> None:
    with pytest.raises(ValueError, match="'inline' or 'block', not 'display'"):
        mathml.to_mathml("x", "display")


BAD_PAGE = textwrap.dedent(
    r"""
    # A page with two mistakes

    Fine: $z = w \cdot x + b$.

    The score is $\sigam(z)$, a typo.

    $$
    p = \frac{1}
    $$

    !!! note
        Inside an admonition, over
        two lines: $a +
        \sigam$.
    """
).lstrip()


def test_the_warning_names_the_page_and_the_line(caplog: pytest.LogCaptureFixture) -> None:
    html_ = typeset_page(BAD_PAGE, caplog)
    messages = [record.getMessage() for record in caplog.records]
    assert len(messages) == 3, messages
    assert messages[0].startswith("lesson.md:5: cannot typeset $\\sigam(z)$")
    assert messages[1].startswith("lesson.md:8: cannot typeset $p = \\frac{1}$")
    assert messages[2].startswith("lesson.md:13: cannot typeset $a +\n\\sigam$")
    # What cannot be typeset is left as its source, escaped, for `mkdocs serve`.
    assert "\\sigam(z)" in html_ and html_.count("<math") == 1


@pytest.mark.parametrize(
    ("latex", "line"),
    [
        ("z = w \\cdot x + b", 3),
        ("\\sigam(z)", 5),
        ("p = \\frac{1}", 8),
        ("a + \\sigam", 13),  # wrapped over two lines, indented
        ("not on the page", None),
        ("   ", None),
    ],
)
def test_source_line(latex: str, line: int | None) -> None:
    assert mathml.source_line(BAD_PAGE, latex) == line


def test_the_strict_build_fails_at_the_formula(tmp_path: Path) -> None:
    """The same page in a real MkDocs build with the hook: the strict build stops, and its
    log says where."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text(BAD_PAGE, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""
            site_name: math
            strict: true
            hooks: [{HOOK}]
            markdown_extensions:
              - admonition
              - pymdownx.arithmatex:
                  generic: true
            """
        ),
        encoding="utf-8",
    )
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
        with pytest.raises(Abort, match="warnings in strict mode"):
            build(config)
    finally:
        logger.removeHandler(handler)
    warned = [r.getMessage() for r in records if r.levelno >= logging.WARNING]
    for where in ("index.md:5: cannot typeset $\\sigam(z)$", "index.md:8: cannot typeset $p"):
        assert any(where in message for message in warned), warned


# ---------------------------------------------------------------- what browsers need spelled out


def test_aligned_is_a_table_with_its_columns_aligned() -> None:
    math = tree(r"\begin{aligned} a &= b + c, & d &= e \\ f &= g, & h &= i \end{aligned}")
    table = math.find(f".//{NS}mtable")
    assert table is not None
    rows = table.findall(f"{NS}mtr")
    assert [len(row) for row in rows] == [4, 4]
    styles = [cell.get("style", "") for cell in rows[1]]
    assert [re.search(r"text-align: (\w+)", s)[1] for s in styles] == [
        "right", "left", "right", "left"
    ]
    # No space between a name and its "=", 1em between the pairs, as TeX's aligned.
    assert [re.search(r"padding: .* (\S+)$", s)[1] for s in styles] == [
        "0em", "0em", "1em", "0em"
    ]
    assert not {"columnalign", "columnspacing", "rowspacing"} & set(table.attrib)
    assert "&" not in "".join(table.itertext())


def test_cases_drops_the_spacing_argument_and_aligns_left() -> None:
    math = tree(r"\begin{cases} 1 & z \ge 0, \\[1ex] 0 & z < 0. \end{cases}")
    text = "".join(math.find(f"{NS}semantics/{NS}mrow").itertext())
    assert "[1ex]" not in text and "1ex" not in text and "&" not in text
    cells = math.findall(f".//{NS}mtd")
    assert len(cells) == 4 and all("text-align: left" in c.get("style", "") for c in cells)
    assert math.find(f".//{NS}mo").text == "{"


def test_a_matrix_is_a_table_between_stretching_fences() -> None:
    math = tree(r"\begin{pmatrix} 0.1 & 0.2 \\ 0.3 & 0.4 \end{pmatrix}")
    row = math.find(f"{NS}semantics/{NS}mrow")
    assert children(row) == ["mo", "mtable", "mo"]
    assert [mo.text for mo in row.findall(f"{NS}mo")] == ["(", ")"]
    assert [len(r) for r in row.find(f"{NS}mtable")] == [2, 2]


@pytest.mark.parametrize(
    ("latex", "expected"),
    [
        # TeX's thin space on both sides of an operator name next to ordinary symbols
        (r"y \log p", ["mi", "mspace", "mi", "mo", "mspace", "mi"]),
        # none before an opening parenthesis, nor after an operator such as "-"
        (r"-\log(p)", ["mo", "mi", "mo", "mo", "mi", "mo"]),
        # a name with limits is one unit
        (r"\max_i x_i", ["msub", "mspace", "msub"]),
        (r"\operatorname{softmax} z", ["mi", "mo", "mspace", "mi"]),
    ],
)
def test_operator_names_are_spaced_as_in_tex(latex: str, expected: list[str]) -> None:
    row = tree(latex, "inline").find(f"{NS}semantics/{NS}mrow")
    assert children(row) == expected
    for space in row.findall(f"{NS}mspace"):
        assert space.get("width") == "0.1667em"


@pytest.mark.parametrize(
    ("latex", "marks"),
    [(r"\sigma'(z)", 1), (r"f''(x)", 2), (r"\tanh'(0)", 1), (r"x'_j", 1)],
)
def test_primes_follow_their_base_instead_of_a_superscript(latex: str, marks: int) -> None:
    math = tree(latex, "inline")
    for scripted in ("msup", "msubsup"):
        for element in math.iter(f"{NS}{scripted}"):
            assert "\u2032" not in "".join(element.itertext()), ET.tostring(element)
    primes = [mo for mo in math.iter(f"{NS}mo") if mo.text == "\u2032"]
    assert len(primes) == marks
    assert all(mo.get("lspace") == "0em" == mo.get("rspace") for mo in primes)


def test_a_sign_after_a_relation_or_parenthesis_is_unary() -> None:
    row = tree(r"d = -0.30 \cdot (-1, +2) - b", "inline").find(f"{NS}semantics/{NS}mrow")
    signs = [mo for mo in row.findall(f"{NS}mo") if mo.text in ("\u2212", "+")]
    assert [(mo.get("lspace"), mo.get("rspace")) for mo in signs] == [
        ("0em", "0em"), ("0em", "0em"), ("0em", "0em"), (None, None)
    ]


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\mathbb{R}^n", "\u211d"),
        (r"\mathbb{E}", "\U0001d53c"),
        (r"\mathbb{1}", "\U0001d7d9"),
        (r"\mathbf{w}", "\U0001d430"),
        (r"\mathcal{L}", "\u2112"),
    ],
)
def test_letter_variants_are_unicode_letters(latex: str, text: str) -> None:
    math = tree(latex, "inline")
    assert text in "".join(math.find(f"{NS}semantics/{NS}mrow").itertext())
    assert not [e for e in math.iter() if e.get("mathvariant") not in (None, "normal")]


def test_text_keeps_its_underscore_and_loses_the_backslash() -> None:
    math = tree(r"\sqrt{2 / \text{fan\_in}}", "inline")
    assert [mtext.text for mtext in math.iter(f"{NS}mtext")] == ["fan_in"]


def test_the_source_is_kept_as_an_annotation() -> None:
    math = tree(r"a < b \text{ \& } c", "inline")
    annotation = math.find(f"{NS}semantics/{NS}annotation")
    assert annotation.get("encoding") == "application/x-tex"
    assert annotation.text == r"a < b \text{ \& } c"
    # ...and is escaped in the HTML.
    assert r"a &lt; b \text{ \&amp; } c" in mathml.to_mathml(r"a < b \text{ \& } c", "inline")


def test_display_math_is_a_block() -> None:
    assert tree("x", "block").get("display") == "block"
    assert tree("x", "inline").get("display") is None
