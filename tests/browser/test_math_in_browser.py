"""Math as readers see it: every page at phone width, and the course's constructs laid out.

The constructs are compared with how TeX lays them out, by measuring the boxes Chromium
draws (an ``=`` in the same column of every row of ``aligned``, a prime touching its base, a
thin space after ``\\log``, limits above and below a sum). Measured geometry, unlike a
committed screenshot, does not change with the machine's fonts or anti-aliasing, and a
failure says which construct broke and by how much.
"""

from __future__ import annotations

import io
import re
import statistics
from typing import Any

import pytest

from tests.browser.conftest import PHONE, Visits, on_page, open_context, same_worker_as
from tests.browser.test_site_in_browser import PAGES, goto

# The text every formula of a page draws, and how its display boxes behave. A browser
# draws a <semantics> element's first child, never its annotation; innerText would say the
# same for a formula on screen, but gives all the text of one in a closed tab or solution.
_PAGE_MATH = """() => {
  const drawn = math => (math.querySelector('semantics > :first-child') ?? math).textContent;
  const texts = [...document.querySelectorAll('.arithmatex')].map(wrapper => {
    const math = wrapper.querySelector('math');
    return [math ? drawn(math) : wrapper.textContent,
            wrapper.querySelector('annotation')?.textContent ?? wrapper.textContent];
  });
  const boxes = [...document.querySelectorAll('div.arithmatex')].map(box => ({
    tex: box.querySelector('annotation')?.textContent ?? box.textContent,
    overflows: box.scrollWidth > box.clientWidth + 1,
    overflowX: getComputedStyle(box).overflowX,
    shadows: (getComputedStyle(box).backgroundImage.match(/radial-gradient/g) || []).length,
  }));
  return {width: document.documentElement.scrollWidth, texts, boxes,
          raw: document.querySelectorAll('.arithmatex:not(:has(math))').length};
}"""

TEX_LEFT_OVER = [
    (r"\\\S", "a TeX command (a backslash: \\name, \\_)"),
    (r"&", "a column separator &"),
    (r"\[\s*-?[\d.]+\s*(?:em|ex|pt|mu|px|cm|mm)\s*\]", "a spacing argument"),
]


@pytest.mark.parametrize(
    ("drawn", "found"),
    [
        ("\u03c3(z)=1/(1+e\u2212z)", []),
        ("2/fan\\_in", ["a TeX command"]),  # what latex2mathml drew for \text{fan\_in}
        ("\\sigam(z)", ["a TeX command"]),
        ("m_t&=\u03b2_1", ["a column separator &"]),  # aligned drawn as one line
        ("z\u22650,[1ex]", ["a spacing argument"]),  # cases' \\[1ex]
    ],
)
def test_what_counts_as_tex_left_over(drawn: str, found: list[str]) -> None:
    assert [what.split(" (")[0] for pattern, what in TEX_LEFT_OVER
            if re.search(pattern, drawn)] == found


@pytest.mark.parametrize("path", on_page(PAGES))
def test_page_at_phone_width(visits: Visits, path: str) -> None:
    """At 390 px no page scrolls sideways; a display equation wider than the screen scrolls
    in its own box, which shows shadows; no math shows TeX source."""
    visit = visits(path, "phone")
    found = visit.in_scheme("light").evaluate(_PAGE_MATH)
    problems = []
    if found["width"] > PHONE["width"]:
        problems.append(f"the page is {found['width']} px wide at {PHONE['width']} px")
    for text, tex in found["texts"]:
        for pattern, what in TEX_LEFT_OVER:
            if re.search(pattern, text):
                problems.append(f"math shows {what}: {text!r} (from {tex!r})")
    for box in found["boxes"]:
        if box["overflowX"] != "auto" or box["shadows"] != 2:
            problems.append(f"display math box is not a scroll box with shadows: {box}")
    if found["raw"]:
        problems.append(f"{found['raw']} formulas were not typeset")
    assert not problems, "\n".join(problems)
    assert not visit.problems(), "\n".join(visit.problems())


def _edge_contrast(png: bytes, background: tuple[int, int, int]) -> tuple[float, float]:
    """How far the leftmost and rightmost 4 px of an element's picture are from the page's
    background: the median over rows, so that a glyph cut by the edge does not count."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    pixels = image.load()

    def strip(columns: range) -> float:
        rows = []
        for y in range(height):
            rows.append(max(
                sum(abs(a - b) for a, b in zip(pixels[x, y], background, strict=True))
                for x in columns
            ))
        return statistics.median(rows)

    return strip(range(0, 4)), strip(range(width - 4, width))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_long_equation_scrolls_in_its_box_with_a_visible_cue(
    browser: Any, site_url: str, scheme: str
) -> None:
    """Adam's equations at 390 px: a shadow shows on the side where more of the equation
    is, and moves to the other side when the box is scrolled to its end."""
    context, watch = open_context(browser, scheme)
    try:
        tab = context.new_page()
        tab.set_viewport_size(PHONE)
        goto(tab, site_url + "part2/gradient-descent/")
        box = tab.locator("div.arithmatex", has=tab.locator("mtable")).first
        box.scroll_into_view_if_needed()
        sizes = box.evaluate("b => [b.scrollWidth, b.clientWidth]")
        assert sizes[0] > sizes[1] + 50, f"the Adam equations fit at 390 px: {sizes}"
        background = tuple(int(v) for v in tab.evaluate(
            "() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3)"
        ))
        start = _edge_contrast(box.screenshot(), background)
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        end = _edge_contrast(box.screenshot(), background)
    finally:
        context.close()
    assert not watch.problems(), "\n".join(watch.problems())
    # (left, right): a shadow differs from the background by tens of levels; none, by ~0
    assert start[1] > 30 and start[0] < 10, f"no shadow on the right at the start: {start}"
    assert end[0] > 30 and end[1] < 10, f"no shadow on the left at the end: {end}"


# ---------------------------------------------------------------- the course's constructs

# The boxes of a formula's parts: the formula is the first whose TeX contains ``needle``.
_PARTS = """([needle, selector]) => {
  const math = [...document.querySelectorAll('.arithmatex math')].find(
    m => (m.querySelector('annotation')?.textContent ?? '').includes(needle));
  if (!math) return null;
  const box = e => { const r = e.getBoundingClientRect();
                     return {x: r.left, y: r.top, w: r.width, h: r.height, r: r.right,
                             b: r.bottom, text: e.textContent, tag: e.localName}; };
  return {math: box(math), font: parseFloat(getComputedStyle(math).fontSize),
          parts: [...math.querySelectorAll(selector)].map(box),
          rows: [...math.querySelectorAll('mtr')].map(
            row => [...row.children].map(cell => [...cell.querySelectorAll('mo')]
              .filter(mo => mo.textContent === '=').map(box)))};
}"""


def parts(visits: Visits, path: str, needle: str, selector: str) -> dict:
    found = visits(path).tab.evaluate(_PARTS, [needle, selector])
    assert found is not None, f"no formula containing {needle!r} on {path}"
    return found


def _near(a: float, b: float, tolerance: float = 1.0) -> bool:
    return abs(a - b) <= tolerance


def check_aligned(found: dict) -> None:
    rows = found["rows"]
    assert len(rows) == 3 and len(rows[0]) == 4, f"not 3 rows of 4 columns: {rows}"
    for column, count in ((1, 3), (3, 2)):
        equals = [row[column][0]["x"] for row in rows if len(row) > column and row[column]]
        assert len(equals) == count and all(_near(x, equals[0]) for x in equals), (
            f"the '=' of column {column + 1} is not aligned: x = {equals}"
        )
    assert found["math"]["h"] > 3 * found["font"], "the rows are on one line"


def check_cases(found: dict) -> None:
    brace = next(p for p in found["parts"] if p["text"] == "{")
    assert brace["h"] > 0.8 * found["math"]["h"], f"the brace does not span the cases: {brace}"
    assert len(found["rows"]) == 2


def check_matrix(found: dict) -> None:
    fences = [p for p in found["parts"] if p["text"] in ("(", ")")]
    cells = [p for p in found["parts"] if p["tag"] == "mn"]
    assert len(cells) >= 4 and len(fences) >= 2
    assert fences[0]["h"] > 1.8 * cells[0]["h"], f"the parenthesis does not stretch: {fences}"
    # 0.1 above 0.3, 0.2 above 0.4
    assert _near(cells[0]["x"], cells[2]["x"]) and cells[2]["y"] > cells[0]["b"] - 2


def check_operator_name(found: dict) -> None:
    texts = [p["text"] for p in found["parts"]]
    assert "log" in texts, texts
    name = found["parts"][texts.index("log")]
    after = found["parts"][texts.index("log") + 1]
    gap = after["x"] - name["r"]
    assert gap >= 0.12 * found["font"], f"no space after log: {gap:.1f} px"


def check_prime(found: dict) -> None:
    texts = [p["text"] for p in found["parts"]]
    assert "\u2032" in texts and "\u03c3" in texts, texts
    base, prime = found["parts"][texts.index("\u03c3")], found["parts"][texts.index("\u2032")]
    # TeX sets the prime so that it touches the top of a small letter's box; raised as a
    # superscript it floated about 0.25 em above it.
    gap = base["y"] - prime["b"]
    assert gap <= 0.08 * found["font"], f"the prime floats {gap:.1f} px above: {base} {prime}"
    assert prime["x"] - base["r"] < 0.15 * found["font"], f"the prime is far: {base} {prime}"


def check_text(found: dict) -> None:
    assert [p["text"] for p in found["parts"]] == ["fan_in"]


def check_fraction(found: dict) -> None:
    fraction = found["parts"][0]
    assert fraction["h"] > 1.6 * found["font"], f"the fraction is flat: {fraction}"


def check_sum_limits(found: dict) -> None:
    sigma, below, above = found["parts"][:3]
    assert sigma["text"] == "\u2211", found["parts"]
    assert below["y"] >= sigma["b"] - 2 and above["b"] <= sigma["y"] + 2, (
        f"the limits are not below and above the sum: {found['parts'][:3]}"
    )
    for limit in (below, above):
        centre = limit["x"] + limit["w"] / 2
        assert _near(centre, sigma["x"] + sigma["w"] / 2, 3), f"limit off centre: {limit}"


def check_hat(found: dict) -> None:
    base, hat = found["parts"][:2]
    assert hat["text"] == "^"
    assert hat["b"] <= base["y"] + 0.5 * base["h"], f"the hat is not above: {base} {hat}"
    assert _near(hat["x"] + hat["w"] / 2, base["x"] + base["w"] / 2, 3)


def check_norm(found: dict) -> None:
    bars = [p for p in found["parts"] if p["text"] in ("\u2016", "\u2225")]
    assert len(bars) >= 2 and bars[1]["x"] > bars[0]["r"], found["parts"]
    assert bars[0]["h"] >= 0.8 * found["font"], f"the norm's bars are short: {bars[0]}"


def check_blackboard(found: dict) -> None:
    texts = [p["text"] for p in found["parts"]]
    assert "\u211d" in texts and "R" not in texts, texts


CONSTRUCTS = [
    # (name, page, TeX in the formula, parts measured, check)
    ("aligned", "part2/gradient-descent/", r"\begin{aligned}", "mo", check_aligned),
    ("cases", "part1/input-scale/", r"\begin{cases}", "mo", check_cases),
    ("matrix", "part1/dense-layers/", r"\begin{pmatrix} 0.3 & -0.1", "mo, mtable mn",
     check_matrix),
    ("log", "part2/losses/", r"\log p_k = z_k", "mi, msub", check_operator_name),
    ("prime", "part2/training/", r"\sigma'(z) = \sigma(z)", "mi, mo", check_prime),
    ("text", "part2/training/", r"\text{fan\_in}", "mtext", check_text),
    ("fraction", "part2/losses/", r"L_{\text{MSE}}", "mfrac", check_fraction),
    ("sum limits", "part2/losses/", r"L_{\text{MSE}}",
     "munderover > :nth-child(1), munderover > :nth-child(2), munderover > :nth-child(3)",
     check_sum_limits),
    ("hat", "part2/losses/", r"L_{\text{MSE}}",
     "mover > :nth-child(1), mover > :nth-child(2)", check_hat),
    ("norm", "part2/backpropagation/", r"\lVert g - \tilde g \rVert", "mo", check_norm),
    ("blackboard bold", "part2/gradient-descent/", r"w \in \mathbb{R}^{2}", "mi",
     check_blackboard),
]


@pytest.mark.parametrize(
    ("path", "needle", "selector", "check"),
    [pytest.param(*construct[1:], id=construct[0], marks=same_worker_as(construct[1]))
     for construct in CONSTRUCTS],
)
def test_a_construct_is_laid_out_as_tex_would(
    visits: Visits, path: str, needle: str, selector: str, check: Any,
) -> None:
    check(parts(visits, path, needle, selector))
    problems = visits(path).problems()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", on_page(["part2/losses/"]))
def test_quiz_math_is_typeset(visits: Visits, path: str) -> None:
    """Quizzes render their text apart from the page (coursekit/quiz_html.py); their math must come
    out as MathML all the same."""
    counts = visits(path).tab.evaluate("""() => [
        document.querySelectorAll('.nn-quiz .arithmatex math').length,
        document.querySelectorAll('.nn-quiz .arithmatex:not(:has(math))').length]""")
    assert counts[0] >= 5 and counts[1] == 0, f"quiz math (typeset, not): {counts}"
