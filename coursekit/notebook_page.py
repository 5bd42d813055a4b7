"""What the site makes of a notebook page that mkdocs-jupyter rendered (HTML in, HTML out).

- ``prune_styles``: mkdocs-jupyter inlines JupyterLab's whole style sheet (about 590 kB) in
  every notebook page, for a page that uses some thirty of its classes. Each ``<style>``
  block keeps only the rules whose selectors can match the page, and then only the custom
  properties those rules use.
- ``figures_by_palette``: a notebook embeds the light figure (its one image); the site
  shows the reader's palette instead, as lesson pages do, with the ``#only-light`` /
  ``#only-dark`` images the site already serves, in place of the inlined copy.
- ``toc_tokens``: the table of contents from the page's own headings, ids and text as
  rendered (mkdocs-jupyter reads them again from a Markdown conversion that drops inline
  code: "The same neuron from `nnref`" became "The same neuron from", with an anchor that
  is not on the page).
"""

from __future__ import annotations

import base64
import binascii
import html
import re
from collections.abc import Callable

# ------------------------------------------------------------------------- style sheets

_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.DOTALL | re.I)
_CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
_SELECTOR_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_NEGATION = re.compile(r":not\([^()]*\)")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_GROUPING = ("@media", "@supports", "@layer", "@container")


def _without_comments(css: str) -> str:
    """``css`` without its comments (a comment's words would read as class names)."""
    kept, quote, i, start = [], "", 0, 0
    while i < len(css):
        char = css[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif css.startswith("/*", i):
            kept.append(css[start:i])
            end = css.find("*/", i + 2)
            i = start = len(css) if end == -1 else end + 2
            continue
        i += 1
    kept.append(css[start:])
    return "".join(kept)


def _items(css: str) -> list[tuple[str, str | None]]:
    """The top-level items of a style sheet without comments: ``(prelude, body)`` for a
    block, ``(statement, None)`` for an at-rule statement. Strings are skipped over."""
    items: list[tuple[str, str | None]] = []
    depth, start, opening, quote, i = 0, 0, 0, "", 0
    while i < len(css):
        char = css[i]
        if quote:
            if char == "\\":
                i += 1
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "{":
            if depth == 0:
                opening = i
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0:
                items.append((css[start:opening].strip(), css[opening + 1:i]))
                start = i + 1
        elif char == ";" and depth == 0:
            items.append((css[start:i + 1].strip(), None))
            start = i + 1
        i += 1
    return items


def _split(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside brackets, parentheses and strings."""
    parts, depth, quote, current = [], 0, "", []
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [p.strip() for p in parts if p.strip()]


def _keep_rules(css: str, used: set[str]) -> str:
    """The rules of ``css`` with at least one selector whose classes are all in ``used``
    (classes inside ``:not()`` do not count); at-rule blocks other than groupings, such
    as ``@keyframes``, are kept whole; ``@charset`` is dropped (only valid first)."""
    kept = []
    for prelude, body in _items(css):
        if body is None:
            if not prelude.lower().startswith("@charset"):
                kept.append(prelude)
        elif prelude.startswith(_GROUPING):
            inner = _keep_rules(body, used)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{body}}}")
        else:
            selectors = [
                s for s in _split(prelude, ",")
                if set(_SELECTOR_CLASS.findall(_NEGATION.sub("", s))) <= used
            ]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(kept)


def _drop_unused_properties(css: str, referenced: set[str]) -> str:
    kept = []
    for prelude, body in _items(css):
        if body is None or (prelude.startswith("@") and not prelude.startswith(_GROUPING)):
            kept.append(prelude if body is None else f"{prelude}{{{body}}}")
        elif prelude.startswith(_GROUPING):
            inner = _drop_unused_properties(body, referenced)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        else:
            declarations = [
                d for d in _split(body, ";")
                if not d.startswith("--") or d.split(":", 1)[0].strip() in referenced
            ]
            if declarations:
                kept.append(f"{prelude}{{{';'.join(declarations)}}}")
    return "".join(kept)


def prune_styles(page: str) -> str:
    """``page`` with each ``<style>`` block cut to what the page's classes can use.

    >>> prune_styles('<style>.a{color:red} /* Keyword.Namespace */ .k{color:green}'
    ...              '.b{color:blue}.a,.c{--x:1;--y:2;top:var(--x)}</style><p class="a k">')
    '<style>.a{color:red}.k{color:green}.a{--x:1;top:var(--x)}</style><p class="a k">'
    """
    outside = _STYLE.sub("", page)
    used = {name for value in _CLASS_ATTRIBUTE.findall(outside) for name in value.split()}
    blocks = [(m, _keep_rules(_without_comments(m[2]), used)) for m in _STYLE.finditer(page)]
    # A custom property stays if any rule left, or the page itself, refers to it.
    referenced = set(_VAR.findall(outside)) | {v for _, css in blocks for v in _VAR.findall(css)}
    while True:
        pruned = [(m, _drop_unused_properties(css, referenced)) for m, css in blocks]
        now = {v for _, css in pruned for v in _VAR.findall(css)} | set(_VAR.findall(outside))
        blocks = pruned
        if now == referenced:
            break
        referenced = now
    pieces, last = [], 0
    for match, css in blocks:
        pieces.append(page[last:match.start()])
        if css.strip():
            pieces.append(match[1] + css + match[3])
        last = match.end()
    pieces.append(page[last:])
    return "".join(pieces)


# ------------------------------------------------------------------------------ figures

_DATA_IMAGE = re.compile(
    r'<img\b(?P<before>[^>]*?)\bsrc="data:image/svg\+xml;base64,(?P<data>[A-Za-z0-9+/=]+)"'
    r'(?P<after>[^>]*)>'
)
_ALT = re.compile(r'\balt="([^"]*)"')


def figures_by_palette(page: str, figure_url: Callable[[bytes], str | None]) -> str:
    """Each embedded figure replaced by the site's two palette variants.

    ``figure_url(svg)`` names the figure an embedded SVG is (its URL without
    ``-light.svg``), or ``None`` to keep the embedded image.

    >>> svg = base64.b64encode(b"<svg/>").decode()
    >>> figures_by_palette(f'<img alt="A curve" src="data:image/svg+xml;base64,{svg}">',
    ...                    lambda data: "../f/curve" if data == b"<svg/>" else None)
    ... # doctest: +NORMALIZE_WHITESPACE
    '<img alt="A curve" class="nn-figure" src="../f/curve-light.svg#only-light"
          loading="lazy" /><img alt="A curve" class="nn-figure"
          src="../f/curve-dark.svg#only-dark" loading="lazy" />'
    """
    def variants(match: re.Match[str]) -> str:
        try:
            url = figure_url(base64.b64decode(match["data"], validate=True))
        except binascii.Error:
            url = None
        if url is None:
            return match[0]
        alt = _ALT.search(match["before"] + match["after"])
        alt_text = alt[1] if alt else ""
        return "".join(
            f'<img alt="{alt_text}" class="nn-figure" src="{url}-{v}.svg#only-{v}" '
            'loading="lazy" />'
            for v in ("light", "dark")
        )

    return _DATA_IMAGE.sub(variants, page)


# ---------------------------------------------------------------------- table of contents

_HEADING = re.compile(
    r'<h(?P<level>[1-6])\b[^>]*\bid="(?P<id>[^"]+)"[^>]*>(?P<inner>.*?)</h(?P=level)>',
    re.DOTALL,
)
_ANCHOR_LINK = re.compile(r'<a class="anchor-link"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def toc_tokens(page: str) -> list[dict]:
    """The page's headings as MkDocs' table-of-contents tokens (nested by level); a
    heading's text keeps its inline code as text, as a lesson page's contents show it.

    >>> toc_tokens('<h1 id="t">T</h1><h2 id="a">A <code>x</code><a class="anchor-link" '
    ...            'href="#a">¶</a></h2><h3 id="b">B</h3><h2 id="c">C</h2>')
    ... # doctest: +NORMALIZE_WHITESPACE
    [{'level': 1, 'id': 't', 'name': 'T', 'children': [{'level': 2, 'id': 'a', 'name': 'A x',
      'children': [{'level': 3, 'id': 'b', 'name': 'B', 'children': []}]},
      {'level': 2, 'id': 'c', 'name': 'C', 'children': []}]}]
    """
    root: list[dict] = []
    open_: list[dict] = []
    for match in _HEADING.finditer(page):
        text = _TAG.sub("", _ANCHOR_LINK.sub("", match["inner"]))
        token = {"level": int(match["level"]), "id": match["id"],
                 "name": html.escape(html.unescape(" ".join(text.split())), quote=False),
                 "children": []}
        while open_ and open_[-1]["level"] >= token["level"]:
            open_.pop()
        (open_[-1]["children"] if open_ else root).append(token)
        open_.append(token)
    return root
