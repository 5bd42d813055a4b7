"""One notation on every page (#16 gap 5): each symbol a page's math uses is defined on the
Notation page or declared below as the page's own, and no formula breaks the conventions
the Notation page states (W^{[l]} upper-case, row vectors, sigma the sigmoid, i/j/k)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.notation import UNDEFINED, defined, drift, formulas, symbols
from coursekit.pages import parse_text, read_page
from coursekit.project import DOCS

NOTATION = DOCS / "notation.md"
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))

# What a page writes for itself, and why: a symbol for one argument of that page (which the
# Notation page leaves to it), or a formula that a convention would catch but that the page
# means (as the finding shows it). Keep it short: a symbol used on several pages for one
# thing belongs on the Notation page instead.
LOCAL: dict[str, dict[str, str]] = {
    "notation.md": {
        "W x": "the sentence that names the column-vector form the course does not use",
    },
    "part1/activations.md": {
        r"\alpha": "the negative slope of Leaky ReLU and PReLU and ELU's scale, in the "
                   "activation table that defines them",
        r"\lambda": "SELU's fixed scale, in the activation table",
        r"\Phi": "the standard normal CDF in GELU, said in the table",
        r"\delta": "the Kronecker delta of softmax's Jacobian",
    },
    "part1/initialisation.md": {
        "c": "the factor every weight is multiplied by, in the argument that relu(cz) = c relu(z)",
        "U": r"the uniform distribution U(-\ell, \ell) of Glorot's and He's uniform variants",
        r"\ell": "the limit of that uniform distribution",
    },
    "part1/representation.md": {
        r"\varepsilon": "the tolerance of the universal approximation theorem as stated",
        "M": "the bound on |f''| in the interpolation error M h^2 / 8",
        "T": "the tent map built from two ReLUs",
    },
    "part1/softmax.md": {
        "B": "the batch size; the Notation page writes it 'batch' (the page is being "
             "extended by another change: reported, not edited here)",
        "c": "the constant added to every logit (shift invariance)",
        "T": "the softmax temperature",
        "p_trueclass": "the probability of the true class, in the cross-entropy aside",
    },
    "part1/numpy.md": {
        "W X": r"the identity (X W^\top)^\top = W X^\top that relates the column-major "
               "layout to the course's: the column-major form is the point of that sentence",
    },
    "part2/gradient-descent.md": {
        r"\lambda": "an eigenvalue of the loss's curvature, in the learning-rate limit "
                    r"2 / \lambda_{\max}",
    },
    "part2/losses.md": {
        "L_MSE": "the loss named by its kind (mean squared error)",
        "L_BCE": "the loss named by its kind (binary cross-entropy)",
        "L_CE": "the loss named by its kind (cross-entropy)",
        "L_MAE": "the loss named by its kind (mean absolute error)",
        r"\delta": "the threshold of Huber's loss, in the sentence that names it",
        "p_trueclass": "the probability of the true class",
        "c": "the true class's index, in p_c and z_c",
    },
    "part2/training.md": {
        "c": "the factor by which each layer scales the signal, in the depth argument",
    },
}


@pytest.fixture(scope="module")
def known() -> frozenset[str]:
    return defined(read_page(NOTATION))


@pytest.mark.parametrize("page", PAGES)
def test_every_page_writes_the_notation_pages_symbols(page: str, known: frozenset[str]) -> None:
    found = drift(read_page(DOCS / page), known, LOCAL.get(page))
    assert not found, "notation drift:\n" + "\n".join(map(str, found))


def test_each_local_symbol_is_used_on_its_page_and_not_defined_globally(
        known: frozenset[str]) -> None:
    """A declaration that nothing needs would hide the next drift: each is still needed."""
    stale = []
    for page, local in LOCAL.items():
        assert page in PAGES, f"LOCAL names {page}, which is not a page under docs/"
        everything = drift(read_page(DOCS / page), known)
        needed = {found.symbol for found in everything}
        stale += [f"{page}: {symbol!r} is declared but not needed"
                  + (" (the Notation page defines it)" if symbol in known else "")
                  for symbol in local if symbol not in needed]
    assert not stale, "\n".join(stale)


def test_the_notation_page_defines_what_the_course_relies_on(known: frozenset[str]) -> None:
    for symbol in ("W", "x", "z", "a", r"\phi", r"\sigma", "n_in", "n_out", "i", "j", "k",
                   "s", r"\mathbb{E}", "h", "n"):
        assert symbol in known, f"{symbol!r} is not written in docs/notation.md's math"
    assert r"\alpha" not in known and "T" not in known  # left to the pages that use them


# --------------------------------------------------------------- the check can fail

KNOWN = frozenset({"W", "w", "x", "X", "z", "a", "b", "i", "j", "k", "l", "n_in", "n_out",
                   r"\sigma", r"\phi", "s", r"\mathbb{E}"})

# (a page's line, what the finding shows, what the Notation page says instead)
DRIFTS = [
    ("The output layer has $w^{[2]} = (0.4, 0.1)$.", "w^{[2]}", "the matrix W^{[l]}"),
    ("Two layers: $W^{[2]}(W^{[1]} x + b^{[1]})$.", "W^{[1]} x", "x W^\\top + b"),
    ("One layer is $Wx + b$.", "Wx", "row vectors"),
    ("A neuron: $z = \\mathbf{w}^\\top \\mathbf{x} + b$.", "\\mathbf{w}^\\top \\mathbf{x}",
     "w \\cdot x + b"),
    ("Merged bias $W^{[2]} b^{[1]}$.", "W^{[2]} b", "row vectors"),
    ("Weights of std $\\sigma_w$.", "\\sigma_w", "the weights' standard deviation is s_w"),
    ("Unit $i$: $z_i = \\sum_{j=1}^{n_{\\text{in}}} W_{ij} a_j$.", "W_{ij}",
     "W_{jk} is the weight from input k to unit j"),
    ("Unit $i$: $z_i = \\sum_{j=1}^{n_{\\text{in}}} W_{jk} a_k$.",
     "\\sum_{j=1}^{n_{\\text{in}}}", "runs over k"),
    ("Standardise: $x'_j = (x_j - m_j) / s_j$.", "x'_j", "indexed by k"),
    ("Feature $x_{ki}$.", "x_{ki}", "feature k of sample i"),
    ("Entry $z^{[1]}_{ji}$.", "z^{[1]}_{ji}", "unit j of sample i"),
]


@pytest.mark.parametrize(("text", "symbol", "instead"), DRIFTS, ids=[d[1] for d in DRIFTS])
def test_each_drift_is_named_with_its_line_and_what_the_notation_page_says(
        text: str, symbol: str, instead: str) -> None:
    page = parse_text(f"# A page\n\nSome prose.\n{text}\n")
    found = [str(d) for d in drift(page, KNOWN, path=Path("docs/part1/x.md"))]
    assert any(f.startswith(f"docs/part1/x.md:4: {symbol}: ") and instead in f
               for f in found), found


def test_an_undefined_symbol_is_named_once_per_formula_with_its_line() -> None:
    page = parse_text("# A page\n\n$$\nq = \\tau q + \\tau\n$$\n\nand $\\tau$ again.\n")
    found = [(d.line, d.symbol, d.instead) for d in drift(page, KNOWN)]
    assert found == [(4, "q", UNDEFINED), (4, r"\tau", UNDEFINED), (7, r"\tau", UNDEFINED)]


def test_a_symbol_declared_for_the_page_passes_and_the_rest_still_fail() -> None:
    page = parse_text("The temperature $T$ divides $z$, as in $W X$ and $q$.\n")
    found = [d.symbol for d in drift(page, KNOWN, {"T": "temperature", "W X": "identity"})]
    assert found == ["q"]


@pytest.mark.parametrize("text", [
    "A layer: $Z = X W^\\top + b$, or $z^{[l]} = a^{[l-1]} W^{[l]\\top} + b^{[l]}$.",
    "One unit: $z = w \\cdot x + b$, or $z_j = \\sum_k W_{jk} a_k + b_j$.",
    "Merged: $W = W^{[3]} W^{[2]} W^{[1]}$, $x_{ik}$, $z_{ij}$, $\\sigma(z)$, $dW = dZ^\\top a$.",
    "In code, `$W x$` is a string; a price of $5 and $6 is no math.",
])
def test_the_course_notation_passes(text: str) -> None:
    assert drift(parse_text(text + "\n"), KNOWN | {"d", "Z"}) == []


def test_math_is_found_in_blocks_tables_titles_quizzes_and_over_line_breaks() -> None:
    page = parse_text(
        "# T\n\n| a | $q_1$ |\n\n!!! note \"About $q_2$\"\n\n    Text $q_3 +\n    q_4$.\n\n"
        "$$\nq_5\n$$\n\n```quiz\n? What is $q_6$?\n- [x] $q_7$\n- [ ] no\n```\n"
    )
    assert [(f.line, "".join(symbols(f.latex))) for f in formulas(page)] == [
        (3, "q"), (5, "q"), (7, "qq"), (11, "q"), (15, "q"), (16, "q"),
    ]
