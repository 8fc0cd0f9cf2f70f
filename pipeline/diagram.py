"""SVG by hand for figures (pipeline/figures.py): boxes, arrows and text with sub- and superscripts.

Coordinates are px of a drawing 340 wide, the width of a phone's text column, so 13 px
text stays 13 px there. Colours are the figure sentinels, which the page turns into the
scheme's colours. Text markup: ``w_1`` or ``w_{12}`` is a subscript, ``z^{[1]}`` a
superscript, as in the course's notation; a text holds no other markup.
"""

from __future__ import annotations

import html
import math
import re

from pipeline.figures import INK, PAPER

SIZE = 13  # px: node text; gradients and notes are 12
_SCRIPT = re.compile(r"([_^])(\{[^}]*\}|.)")
# Advance widths of Roboto in em, roughly: enough to size a box, not to set type.
_NARROW, _WIDE = set("il.,:;()[]|' ·"), set("mwMW=+−<>")


def number(value: float, digits: int = 3) -> str:
    """``value`` rounded to ``digits`` decimals, with a true minus sign and never a negative zero."""
    if not math.isfinite(value):
        raise ValueError(f"value must be a finite number, got {value!r}")
    shown = f"{value:.{digits}f}"
    return shown.replace("-", "−") if float(shown) != 0 else shown.lstrip("-")


def given(value: float) -> str:
    """A value as the example states it (1, 0.5, −0.25): the shortest form that reads back exactly."""
    return f"{value:g}".replace("-", "−")


def vector(values, digits: int | None = 3) -> str:
    """A column vector as the prose writes it, (0.525, −0.475); ``digits=None``: its entries as given, (1, 2)."""
    shown = [given(float(v)) if digits is None else number(float(v), digits) for v in values]
    return "(" + ", ".join(shown) + ")"


def width(text: str, size: float = SIZE) -> float:
    """The text's width in px, estimated from Roboto's advances (scripts at 0.75 of the size)."""
    total = 0.0
    for plain, script in _runs(text):
        for char in plain or script:
            em = 0.28 if char in _NARROW else 0.75 if char in _WIDE else 0.56
            total += em * size * (0.75 if script else 1.0)
    return total


def _runs(text: str) -> list[tuple[str, str]]:
    """``text`` as runs (plain, "") and ("", script), the script's braces removed."""
    runs, at = [], 0
    for match in _SCRIPT.finditer(text):
        if match.start() > at:
            runs.append((text[at : match.start()], ""))
        runs.append(("", match[1] + match[2].strip("{}")))
        at = match.end()
    return [*runs, (text[at:], "")] if at < len(text) else runs


def text(x: float, y: float, content: str, size: float = SIZE, colour: str = INK, anchor: str = "start") -> str:
    """A ``<text>`` at baseline ``y``, sub- and superscripts as raised or lowered ``<tspan>``s."""
    if anchor not in ("start", "middle", "end"):
        raise ValueError(f"anchor must be start, middle or end, got {anchor!r}")
    parts, shift = [], 0.0
    for plain, script in _runs(content):
        if plain:
            parts.append(f'<tspan dy="{-shift:g}">{html.escape(plain)}</tspan>' if shift else html.escape(plain))
            shift = 0.0
        else:
            move = size * (0.3 if script[0] == "_" else -0.4)
            parts.append(f'<tspan dy="{move:g}" style="font-size: {size * 0.75:g}px">{html.escape(script[1:])}</tspan>')
            shift = move
    if shift:
        parts.append(f'<tspan dy="{-shift:g}"></tspan>')
    style = f"font-size: {size:g}px; fill: {colour}; text-anchor: {anchor}"
    return f'<text x="{x:g}" y="{y:g}" style="{style}">{"".join(parts)}</text>'


def box(x: float, y: float, w: float, lines: list[str], size: float = SIZE, height: float | None = None) -> str:
    """A node: a rounded box at (x, y), ``w`` wide, its lines centred; as tall as they need, or ``height``."""
    h = box_height(lines, size) if height is None else height
    if h < box_height(lines, size):
        raise ValueError(f"height {h} is less than the {box_height(lines, size)} px that {len(lines)} lines need")
    rect = f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="6" style="fill: {PAPER}; stroke: {INK}"/>'
    first = y + (h - box_height(lines, size)) / 2 + 6 + size * 0.85 * 1.25  # the baseline of the first line
    rows = [text(x + w / 2, first + n * size * 1.25, line, size, anchor="middle") for n, line in enumerate(lines)]
    return rect + "".join(rows)


def box_height(lines: list[str], size: float = SIZE) -> float:
    """The height of a box of ``lines``: 1.25 lines of text each, and 6 px above and below."""
    return 12 + len(lines) * size * 1.25


def arrow(x1: float, y1: float, x2: float, y2: float, colour: str = INK) -> str:
    """A line from (x1, y1) with its head at (x2, y2), drawn as a path (no marker, no id)."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 8:
        raise ValueError(f"an arrow needs at least 8 px, got {length:.1f} from ({x1}, {y1}) to ({x2}, {y2})")
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    bx, by = x2 - 7 * ux, y2 - 7 * uy  # the head is 7 px long and 7 px wide
    head = f"M {x2:g} {y2:g} L {bx - 3.5 * uy:.2f} {by + 3.5 * ux:.2f} L {bx + 3.5 * uy:.2f} {by - 3.5 * ux:.2f} z"
    return (
        f'<path d="M {x1:g} {y1:g} L {bx:.2f} {by:.2f}" style="stroke: {colour}; stroke-width: 1.2; fill: none"/>'
        f'<path d="{head}" style="fill: {colour}"/>'
    )


def svg(w: float, h: float, parts: list[str]) -> str:
    """The drawing: ``parts`` in a ``w`` x ``h`` viewBox."""
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:g} {h:g}">{"".join(parts)}</svg>'
