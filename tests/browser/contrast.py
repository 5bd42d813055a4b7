"""Colour contrast as WCAG 2 defines it, for what the browser suite measures on a page."""

from __future__ import annotations

import re
from typing import Any

Colour = tuple[float, float, float, float]  # red, green, blue in 0-255, alpha in 0-1


def parse_colour(css: str) -> Colour:
    """A computed CSS colour, ``rgb(...)``, ``rgba(...)`` or ``#rrggbb``.

    >>> parse_colour("rgba(64, 81, 181, 0.5)")
    (64.0, 81.0, 181.0, 0.5)
    >>> parse_colour("#1f2328")
    (31.0, 35.0, 40.0, 1.0)
    """
    css = css.strip()
    if css.startswith("#") and len(css) == 7:
        return (*(float(int(css[i:i + 2], 16)) for i in (1, 3, 5)), 1.0)  # type: ignore[return-value]
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    if not css.startswith("rgb") or len(numbers) not in (3, 4):
        raise ValueError(f"expected rgb(), rgba() or #rrggbb, got {css!r}")
    return (numbers[0], numbers[1], numbers[2], numbers[3] if len(numbers) == 4 else 1.0)


def over(colour: Colour, background: Colour) -> Colour:
    """``colour`` drawn over an opaque ``background``."""
    alpha = colour[3]
    mixed = [alpha * c + (1 - alpha) * b for c, b in zip(colour[:3], background[:3], strict=True)]
    return (mixed[0], mixed[1], mixed[2], 1.0)


def luminance(colour: Colour) -> float:
    channels = []
    for value in colour[:3]:
        c = value / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]


def contrast(foreground: Colour, background: Colour) -> float:
    """WCAG contrast ratio of ``foreground`` (composited) over an opaque ``background``.

    >>> round(contrast(parse_colour("#000000"), parse_colour("#ffffff")), 1)
    21.0
    >>> round(contrast(parse_colour("#4051b5"), parse_colour("#ffffff")), 2)
    6.87
    """
    light, dark = sorted(
        (luminance(over(foreground, background)), luminance(background)), reverse=True
    )
    return (light + 0.05) / (dark + 0.05)


def effective_background(page: Any, locator: Any) -> Colour:
    """The opaque colour behind an element: its own and its ancestors' backgrounds,
    composited from the page's down."""
    layers = locator.evaluate("""el => {
        const found = [];
        for (let node = el; node; node = node.parentElement) {
            found.push(getComputedStyle(node).backgroundColor);
        }
        return found;
    }""")
    colour: Colour = (255.0, 255.0, 255.0, 1.0)  # the canvas behind everything
    for css in reversed(layers):
        colour = over(parse_colour(css), colour)
    return colour
