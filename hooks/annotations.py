"""MkDocs hook: code annotations that work with the doc-test layout.

A code fence that prints is followed by its ``output`` fence, so an annotation list written
after the code (Material attaches the list that directly follows a code block) has to come
after the output fence::

    ```python
    score = neuron(x, w, b)  # (1)!
    print(f"{score:.3f}")
    ```

    ```output
    0.931
    ```

    1.  What the marked line does.

Material would leave that list where it is and show ``# (1)!`` as a plain comment. This hook
moves the list, in the page's HTML, to directly after the code block that carries the
markers, so that each marker becomes a clickable annotation; the output block follows.
Only a list after the output fence of a code block with ``(N)!`` markers is moved.
"""

from __future__ import annotations

import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_BLOCK = r'<div class="language-{lang} highlight">(?:(?!<div\b).)*?</code></pre></div>'
_CODE = _BLOCK.format(lang=r"(?!output)[\w-]+")
_OUTPUT = _BLOCK.format(lang="output")
_ANNOTATED_THEN_OUTPUT = re.compile(
    rf"(?P<code>{_CODE})(?P<gap1>\s*)(?P<output>{_OUTPUT})(?P<gap2>\s*)(?P<list><ol>.*?</ol>)",
    re.DOTALL,
)
# Material's marker: a number in parentheses followed by "!" in a code comment.
_MARKER = re.compile(r'<span class="c[^"]*">[^<]*\(\d+\)!')


def attach_annotation_lists(html_: str) -> str:
    """Put each annotation list written after an output block right after its code block.

    >>> code = ('<div class="language-python highlight"><pre><code>'
    ...         '<span class="c1"># (1)!</span></code></pre></div>')
    >>> out = '<div class="language-output highlight"><pre><code>1</code></pre></div>'
    >>> attach_annotation_lists(code + "\\n" + out + "\\n<ol><li>note</li></ol>") == (
    ...     code + "\\n<ol><li>note</li></ol>\\n" + out)
    True
    >>> plain = code.replace("# (1)!", "# a comment")  # no marker: an ordinary list stays
    >>> attach_annotation_lists(plain + out + "<ol><li>step</li></ol>") == (
    ...     plain + out + "<ol><li>step</li></ol>")
    True
    """

    def move(match: re.Match[str]) -> str:
        if not _MARKER.search(match["code"]):
            return match[0]
        return match["code"] + match["gap1"] + match["list"] + match["gap2"] + match["output"]

    return _ANNOTATED_THEN_OUTPUT.sub(move, html_)


def on_page_content(html_: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return attach_annotation_lists(html_)
