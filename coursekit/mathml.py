"""Math typeset at build time as MathML (no script, no font, nothing fetched).

Authors write LaTeX as usual, ``$z = w^\\top x + b$`` inline or ``$$ ... $$`` on lines of
their own. ``pymdownx.arithmatex`` (generic mode) wraps it in ``<span class="arithmatex">``
or ``<div class="arithmatex">``; :func:`convert_page_math` replaces the LaTeX inside with
the MathML that KaTeX makes of it. KaTeX runs here, in the embedded JavaScript engine that
the ``pykatex`` package ships with it; browsers (Chromium, Firefox, Safari) draw MathML
themselves. The LaTeX is kept in an ``<annotation>`` so that copying and screen readers
still have it. Used by the ``mathml`` hook for pages (quizzes included) and by the
``notebooks`` hook for notebook pages.

A formula KaTeX cannot typeset (an unknown command, a missing argument, a command that would
put a link or HTML in the page) is a warning naming the page and the line of the formula in
its Markdown source, so the strict build fails on it.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pykatex

from coursekit.cache import digest

log = logging.getLogger("mkdocs.hooks.mathml")

_WRAPPED = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.DOTALL
)
_DELIMITERS = re.compile(r"^\s*(?:\\\((?P<inline>.*)\\\)|\\\[(?P<block>.*)\\\])\s*$", re.DOTALL)
_MATH = re.compile(r"<math\b.*</math>", re.DOTALL)

# KaTeX draws a command it refuses without raising (\href, \url, \includegraphics: they
# would put a link or a request in the page) as its name in ``errorColor``. No formula of
# the course asks for this colour, so seeing it in the output means such a refusal.
_REFUSED = "#c0ffee"


class MathError(ValueError):
    """A formula that cannot be typeset; the message says why."""


# Formulas typeset so far: (display, LaTeX) -> MathML. A pure function of its text, so
# `mkdocs serve` rebuilds reuse every formula, and a build reuses the last one's through
# the file that `load_typeset` and `save_typeset` keep.
_typeset: dict[tuple[str, str], str] = {}
_saved: set[tuple[str, str]] = set()


def to_mathml(latex: str, display: str) -> str:
    """MathML for one formula (``display`` is ``"inline"`` or ``"block"``), with its LaTeX
    source as an annotation. Raises :class:`MathError` on anything KaTeX would not typeset
    as LaTeX would: unknown commands, malformed input, Unicode letters in math mode."""
    found = _typeset.get((display, latex))
    if found is None:
        found = _typeset[(display, latex)] = _typeset_now(latex, display)
    return found


def _store(directory: Path) -> Path:
    """The file of formulas typeset by this module's code and this KaTeX: a change to
    either names another file, so that nothing stale is read."""
    return directory / f"{digest(Path(__file__), version('pykatex'))[:16]}.json"


def load_typeset(directory: Path) -> None:
    """Take the formulas typeset by an earlier build from ``directory``."""
    path = _store(directory)
    try:
        entries = json.loads(path.read_text(encoding="utf8"))
    except (OSError, ValueError):
        return  # none yet, or unreadable: typeset again
    for display, latex, mathml in entries:
        _typeset.setdefault((display, latex), mathml)
        _saved.add((display, latex))


def save_typeset(directory: Path) -> None:
    """Keep every formula typeset so far in ``directory``, if any is new (written whole,
    so that builds side by side never read half a file)."""
    if _saved >= _typeset.keys():
        return
    path = _store(directory)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    partial.write_text(json.dumps(sorted([d, t, m] for (d, t), m in _typeset.items()),
                                  ensure_ascii=False), encoding="utf8")
    partial.replace(path)
    _saved.update(_typeset)


def _typeset_now(latex: str, display: str) -> str:
    if display not in ("inline", "block"):
        raise ValueError(f"display must be 'inline' or 'block', not {display!r}")
    try:
        rendered = pykatex.renderToString(
            latex.strip(),
            output="mathml",
            displayMode=display == "block",
            throwOnError=True,
            strict="error",
            trust=False,
            errorColor=_REFUSED,
        )
    except Exception as error:  # pykatex.ParseError, and whatever else the engine raises
        raise MathError(str(error)) from None
    if _REFUSED in rendered:
        command = re.search(r"<mtext>(\\[A-Za-z]+)</mtext>", rendered)
        name = command[1] if command else "a command"
        raise MathError(f"{name} is not allowed in the course's math (no links or HTML)")
    found = _MATH.search(rendered)
    if found is None:
        raise MathError(f"KaTeX gave no <math> element: {rendered[:200]!r}")
    # KaTeX wraps the element in <span class="katex">, a hook for its own style sheet,
    # which the site does not load: the bare element is all a browser needs.
    return _for_browsers(found[0])


# What MathML Core (the part of MathML that browsers draw) leaves out, and KaTeX's MathML
# relies on, is written out below: the columns of a table, TeX's space around operator
# names, primes. Each is tested in tests/test_site_math.py and tests/browser/.
_NS = "http://www.w3.org/1998/Math/MathML"
ET.register_namespace("", _NS)
_THIN = "0.1667em"  # TeX's \, (3 mu)
_SCRIPTED = {
    f"{{{_NS}}}{tag}" for tag in ("msub", "msup", "msubsup", "munder", "mover", "munderover")
}
_CLOSING = set(")]}|\u2016\u27e9\u230b\u2309")
_PRIMES = set("\u2032\u2033\u2034\u2057")


def _tag(element: ET.Element) -> str:
    return element.tag.removeprefix(f"{{{_NS}}}")


def _for_browsers(mathml: str) -> str:
    root = ET.fromstring(mathml)
    _attach_primes(root)
    parents = {child: parent for parent in root.iter() for child in parent}
    _space_operator_names(root, parents)
    _unary_signs(root)
    for element in root.iter():
        _apply_variant(element)
    for table in root.iter(f"{{{_NS}}}mtable"):
        _lay_out_columns(table)
    return ET.tostring(root, encoding="unicode", short_empty_elements=False)


def _attach_primes(root: ET.Element) -> None:
    """``x'`` is ``<msup><mi>x</mi><mo>&#x2032;</mo></msup>`` in KaTeX's MathML. The prime of
    a font already sits at superscript height, so browsers, which do not swap in a script
    variant of it, draw it raised twice and detached. A superscript made only of primes is
    written after its base instead, where the glyph's own height places it as TeX would."""
    for scripted in list(root.iter()):
        if _tag(scripted) not in ("msup", "msubsup"):
            continue
        script = scripted[-1]
        marks = [script] if _tag(script) == "mo" else list(script)
        if not marks or any(
            _tag(mark) != "mo" or not set(mark.text or "") <= _PRIMES for mark in marks
        ):
            continue
        for mark in marks:
            mark.attrib = {"lspace": "0em", "rspace": "0em"}
        scripted.remove(script)
        if _tag(scripted) == "msup":  # x' is x followed by the prime
            scripted.tag = f"{{{_NS}}}mrow"
            scripted.extend(marks)
        else:  # x'_j is (x followed by the prime) with the subscript j
            base = scripted[0]
            primed = ET.Element(f"{{{_NS}}}mrow")
            primed.append(base)
            primed.extend(marks)
            scripted.remove(base)
            scripted.insert(0, primed)
            scripted.tag = f"{{{_NS}}}msub"


def _is_mo(element: ET.Element | None, characters: set[str] | None = None) -> bool:
    if element is None or _tag(element) != "mo":
        return False
    return characters is None or (element.text or "") in characters


def _space_operator_names(root: ET.Element, parents: dict[ET.Element, ET.Element]) -> None:
    """TeX puts a thin space between an operator name (``\\log``, ``\\max``,
    ``\\operatorname``) and an ordinary symbol on either side of it: ``y \\log p`` reads
    "y log p". KaTeX marks the name with U+2061 (function application), which browsers
    give no width; an ``<mspace>`` is put where TeX would put the space. Operators and
    fences (``<mo>``) bring their own spacing, so none is added next to them."""
    for apply in [mo for mo in root.iter(f"{{{_NS}}}mo") if mo.text == "\u2061"]:
        unit, parent = apply, parents[apply]
        siblings = list(parent)
        if siblings.index(apply) == 0:
            continue
        name = siblings[siblings.index(apply) - 1]
        # The name and its scripts (\max_i, \log_2) are one unit: climb out of the rows
        # and script elements that end with it.
        while parent is not root:
            holder = parents.get(parent)
            if holder is None:
                break
            children = list(parent)
            if _tag(parent) == "mrow" and children[-1] is unit and children[0] is name:
                unit = name = parent
            elif parent.tag in _SCRIPTED and children[0] is unit:
                unit = name = parent
            else:
                break
            parent = holder
        siblings = list(parent)
        after = siblings.index(unit) + 1
        if after < len(siblings) and not _is_mo(siblings[after]):
            parent.insert(after, ET.Element(f"{{{_NS}}}mspace", width=_THIN))
        before = siblings.index(name) - 1
        if before >= 0 and (not _is_mo(siblings[before]) or _is_mo(siblings[before], _CLOSING)):
            parent.insert(before + 1, ET.Element(f"{{{_NS}}}mspace", width=_THIN))


# mathvariant is not in MathML Core either (but for "normal" on <mi>): \\mathbb{R} would be
# an italic R. Unicode has the letters themselves, in blocks of 26 (capitals, then small
# letters) and 10 digits; a few were encoded earlier, elsewhere, and are holes in the blocks.
_ALPHABETS = {  # variant: (A, a, 0 or None)
    "bold": (0x1D400, 0x1D41A, 0x1D7CE),
    "italic": (0x1D434, 0x1D44E, None),
    "bold-italic": (0x1D468, 0x1D482, None),
    "script": (0x1D49C, 0x1D4B6, None),
    "double-struck": (0x1D538, 0x1D552, 0x1D7D8),
    "fraktur": (0x1D504, 0x1D51E, None),
    "sans-serif": (0x1D5A0, 0x1D5BA, 0x1D7E2),
    "bold-sans-serif": (0x1D5D4, 0x1D5EE, 0x1D7EC),
    "monospace": (0x1D670, 0x1D68A, 0x1D7F6),
}
_HOLES = {
    "italic": {"h": "\u210e"},
    "script": dict(
        zip("BEFHILMRego", "\u212c\u2130\u2131\u210b\u2110\u2112\u2133\u211b\u212f\u210a\u2134",
            strict=True)
    ),
    "double-struck": dict(
        zip("CHNPQRZ", "\u2102\u210d\u2115\u2119\u211a\u211d\u2124", strict=True)
    ),
    "fraktur": dict(zip("CHIRZ", "\u212d\u210c\u2111\u211c\u2128", strict=True)),
}
_FALLBACK_STYLE = {"bold": "font-weight: bold", "italic": "font-style: italic",
                   "bold-italic": "font-weight: bold; font-style: italic"}


def _variant_character(character: str, variant: str) -> str | None:
    capital, small, digit = _ALPHABETS[variant]
    if character in _HOLES.get(variant, {}):
        return _HOLES[variant][character]
    if "A" <= character <= "Z":
        return chr(capital + ord(character) - ord("A"))
    if "a" <= character <= "z":
        return chr(small + ord(character) - ord("a"))
    if "0" <= character <= "9" and digit is not None:
        return chr(digit + ord(character) - ord("0"))
    return None


def _apply_variant(element: ET.Element) -> None:
    """Writes ``mathvariant`` (``\\mathbb``, ``\\mathbf``, ...) as the characters it
    means, or as CSS where Unicode has none (bold Greek, bold text)."""
    variant = element.get("mathvariant")
    if variant is None or (variant == "normal" and _tag(element) == "mi"):
        return
    del element.attrib["mathvariant"]
    if variant == "normal":
        return
    text = element.text or ""
    if variant in _ALPHABETS and text and len(element) == 0:
        mapped = [_variant_character(character, variant) for character in text]
        if all(mapped):
            element.text = "".join(mapped)  # type: ignore[arg-type]
            if _tag(element) == "mi" and len(text) == 1:
                element.set("mathvariant", "normal")  # already styled: no auto-italic
            return
    style = _FALLBACK_STYLE.get(variant)
    if style:
        element.set("style", style)


_SIGNS = set("\u2212+\u00b1\u2213")
_AFTER_WHICH_A_SIGN_IS_BINARY = _CLOSING | _PRIMES | {"!", "\u2061"}


def _unary_signs(root: ET.Element) -> None:
    """A sign after an operator, a relation, an opening fence or a comma is unary in TeX,
    set close to what follows: ``= -0.30`` and ``(-0.09, ...)``. Browsers decide by position
    alone (first in its row or not) and space it like a binary minus: ``= &#x2212; 0.30``."""
    for row in root.iter():
        previous: ET.Element | None = None
        for child in row:
            if (
                _is_mo(child, _SIGNS)
                and _is_mo(previous)
                and not _is_mo(previous, _AFTER_WHICH_A_SIGN_IS_BINARY)
            ):
                child.set("lspace", "0em")
                child.set("rspace", "0em")
            previous = child


def _lay_out_columns(table: ET.Element) -> None:
    """``columnalign``, ``columnspacing`` and ``rowspacing`` are not in MathML Core:
    browsers centre every cell of KaTeX's ``aligned``, ``cases`` and matrices, and space
    them alike. They become each cell's CSS (text alignment and padding)."""
    aligns = table.attrib.pop("columnalign", "center").split()
    spacings = table.attrib.pop("columnspacing", "0em").split()
    rowspacing = table.attrib.pop("rowspacing", "0em").split()
    for row_index, row in enumerate(table):
        for column, cell in enumerate(row):
            align = aligns[min(column, len(aligns) - 1)]
            left = spacings[min(column - 1, len(spacings) - 1)] if column else "0em"
            # Browsers pad every cell by 0.5ex above and below; KaTeX's row spacing comes
            # on top of that, between rows.
            gap = rowspacing[min(row_index - 1, len(rowspacing) - 1)] if row_index else "0em"
            cell.set(
                "style",
                f"text-align: {align}; padding: calc(0.5ex + {gap}) 0 0.5ex {left}",
            )


def source_line(markdown: str, latex: str) -> int | None:
    """The line (from 1) of ``markdown`` on which the formula ``latex`` starts, or None.

    The formula is looked for as written, except that any run of white space in it may be
    any run of white space in the source: inline math can wrap over lines, and math inside
    an admonition or a quiz is indented there."""
    words = latex.split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(word) for word in words)
    found = re.search(pattern, markdown)
    if found is None:
        return None
    return markdown.count("\n", 0, found.start()) + 1


def convert_page_math(
    content: str, where: str = "", source: str | Callable[[], str] = ""
) -> str:
    """Every arithmatex formula of a page's HTML as MathML. A formula that cannot be
    typeset is left as its LaTeX and logged as a warning naming ``where`` and its line in
    ``source``, the page's Markdown (or a function that reads it, called only then)."""

    def replace(match: re.Match[str]) -> str:
        found = _DELIMITERS.match(html.unescape(match["body"]))
        if found is None:
            return match[0]
        block = found["block"] is not None
        latex = found["block"] if block else found["inline"]
        try:
            mathml = to_mathml(latex, "block" if block else "inline")
        except MathError as error:
            markdown = source() if callable(source) else source
            line = source_line(markdown, latex)
            at = f"{where}:{line}" if line is not None else f"{where} (line not found)"
            log.warning("%s: cannot typeset $%s$: %s", at, latex.strip(), error)
            return match[0]
        return f'<{match["tag"]} class="arithmatex">{mathml}</{match["tag"]}>'

    return _WRAPPED.sub(replace, content)
