"""Math typeset at build time as MathML (no script, nothing fetched).

Authors write LaTeX as usual, ``$z = w^\\top x + b$`` inline or ``$$ ... $$`` on lines of
their own. ``pymdownx.arithmatex`` (generic mode) wraps it in ``<span class="arithmatex">``
or ``<div class="arithmatex">``; this hook replaces the LaTeX inside with MathML from
``latex2mathml``, which browsers (Chromium, Firefox, Safari) render natively. The LaTeX is
kept in an ``<annotation>`` so that copying and screen readers still have it. Used by the
``mathml`` hook for pages and by the ``notebooks`` hook for notebook pages.
"""

from __future__ import annotations

import html
import logging
import re
from functools import cache

from latex2mathml.converter import convert

log = logging.getLogger("mkdocs.hooks.mathml")

_WRAPPED = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?P<body>.*?)</(?P=tag)>', re.DOTALL
)
_DELIMITERS = re.compile(r"^\s*(?:\\\((?P<inline>.*)\\\)|\\\[(?P<block>.*)\\\])\s*$", re.DOTALL)


@cache  # a pure function of its text: `mkdocs serve` rebuilds reuse every formula
def to_mathml(latex: str, display: str) -> str:
    """MathML for one formula, with its LaTeX source as an annotation."""
    mathml = convert(latex.strip(), display=display)
    tex = html.escape(latex.strip())
    annotation = f'<annotation encoding="application/x-tex">{tex}</annotation>'
    # <math ...>content</math> becomes
    # <math ...><semantics><mrow>content</mrow>annotation</semantics></math>
    opening, _, rest = mathml.partition(">")
    content = rest.removesuffix("</math>")
    return f"{opening}><semantics><mrow>{content}</mrow>{annotation}</semantics></math>"


def convert_page_math(content: str, where: str = "") -> str:
    def replace(match: re.Match[str]) -> str:
        found = _DELIMITERS.match(html.unescape(match["body"]))
        if found is None:
            return match[0]
        block = found["block"] is not None
        latex = found["block"] if block else found["inline"]
        try:
            mathml = to_mathml(latex, "block" if block else "inline")
        except Exception as error:  # latex2mathml raises many kinds; report them all alike
            log.warning("%s: cannot typeset $%s$: %s", where, latex.strip(), error)
            return match[0]
        return f'<{match["tag"]} class="arithmatex">{mathml}</{match["tag"]}>'

    return _WRAPPED.sub(replace, content)
