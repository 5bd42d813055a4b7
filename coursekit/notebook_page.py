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
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from coursekit.cache import digest

# ------------------------------------------------------------------------- style sheets

# A style element (its body: up to the first "</style>", written so as not to try every
# character of a 600 kB style sheet against the end tag)
_STYLE = re.compile(r"(<style\b[^>]*>)([^<]*(?:<(?!/style>)[^<]*)*)(</style>)", re.I)
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


@dataclass(frozen=True)
class _Rule:
    """A style rule: each selector with the classes it needs (those inside ``:not()`` do
    not count), each declaration with the custom property it sets (``None`` for any other
    property)."""

    selectors: tuple[tuple[str, frozenset[str]], ...]
    declarations: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class _Group:
    """A grouping at-rule (``@media`` and the like) and the items inside it."""

    prelude: str
    items: tuple[_Item, ...]


_Item = str | _Rule | _Group  # a string: kept as written (statements, ``@keyframes``, ...)


def _parse_items(css: str) -> tuple[_Item, ...]:
    """The items of a style sheet without comments, as :func:`prune_styles` prunes them;
    ``@charset`` is dropped (only valid first)."""
    parsed: list[_Item] = []
    for prelude, body in _items(css):
        if body is None:
            if not prelude.lower().startswith("@charset"):
                parsed.append(prelude)
        elif prelude.startswith(_GROUPING):
            parsed.append(_Group(prelude, _parse_items(body)))
        elif prelude.startswith("@"):
            parsed.append(f"{prelude}{{{body}}}")
        else:
            selectors = tuple((s, frozenset(_SELECTOR_CLASS.findall(_NEGATION.sub("", s))))
                              for s in _split(prelude, ","))
            declarations = tuple(
                (d, d.split(":", 1)[0].strip() if d.startswith("--") else None)
                for d in _split(body, ";")
            )
            parsed.append(_Rule(selectors, declarations))
    return tuple(parsed)


@lru_cache(maxsize=32)  # a site's notebook pages all inline the same five style sheets
def _style_sheet(css: str) -> tuple[_Item, ...]:
    return _parse_items(_without_comments(css))


def _pruned(items: tuple[_Item, ...], used: set[str], referenced: set[str] | None) -> str:
    """``items`` as CSS, keeping only the selectors whose classes are all in ``used`` (a
    rule with none left goes) and, unless ``referenced`` is None, only the custom
    properties named in it (a rule with no declaration left goes)."""
    kept = []
    for item in items:
        if isinstance(item, str):
            kept.append(item)
        elif isinstance(item, _Group):
            inner = _pruned(item.items, used, referenced)
            if inner:
                kept.append(f"{item.prelude}{{{inner}}}")
        else:
            selectors = [s for s, classes in item.selectors if classes <= used]
            declarations = [d for d, name in item.declarations
                            if name is None or referenced is None or name in referenced]
            if selectors and declarations:
                kept.append(f"{','.join(selectors)}{{{';'.join(declarations)}}}")
    return "".join(kept)


def prune_styles(page: str, cache_dir: Path | None = None) -> str:
    """``page`` with each ``<style>`` block cut to what the page's classes can use.

    A rule stays if one of its selectors names only classes the page uses (classes
    inside ``:not()`` do not count); at-rule blocks other than groupings, such as
    ``@keyframes``, stay whole. Then a custom property stays if a rule left, or the page
    itself, refers to it. With ``cache_dir``, the result for the same style sheets, classes
    and referred properties is kept there and found again (the page's text may differ).

    >>> prune_styles('<style>.a{color:red} /* Keyword.Namespace */ .k{color:green}'
    ...              '.b{color:blue}.a,.c{--x:1;--y:2;top:var(--x)}</style><p class="a k">')
    '<style>.a{color:red}.k{color:green}.a{--x:1;top:var(--x)}</style><p class="a k">'
    """
    matches = list(_STYLE.finditer(page))
    if not matches:
        return page
    outside = "".join(page[start:end] for start, end in zip(
        [0] + [m.end() for m in matches], [m.start() for m in matches] + [len(page)], strict=True))
    used = {name for value in _CLASS_ATTRIBUTE.findall(outside) for name in value.split()}
    own = set(_VAR.findall(outside))
    stored = None
    if cache_dir is not None:
        key = digest(Path(__file__), *(m[2] for m in matches), " ".join(sorted(used)),
                     " ".join(sorted(own)))
        stored = cache_dir / f"{key}.json"
        if stored.is_file():
            return _with_styles(page, matches, json.loads(stored.read_text(encoding="utf8")))
    sheets = [_style_sheet(m[2]) for m in matches]
    # Custom properties: those the page or a rule kept refers to, until no more go.
    referenced = own | {v for items in sheets for v in _VAR.findall(_pruned(items, used, None))}
    while True:
        blocks = [_pruned(items, used, referenced) for items in sheets]
        now = own | {v for css in blocks for v in _VAR.findall(css)}
        if now == referenced:
            break
        referenced = now
    if stored is not None:
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(blocks), encoding="utf8")
        partial.replace(stored)  # whole or not at all, should builds run side by side
    return _with_styles(page, matches, blocks)


def _with_styles(page: str, matches: list[re.Match[str]], blocks: list[str]) -> str:
    pieces, last = [], 0
    for match, css in zip(matches, blocks, strict=True):
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
