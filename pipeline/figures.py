"""A Markdown extension: a ```figure fence names a function that draws an SVG, put in the page inline.

````md
```figure
snippets.pages.graphs:figure_logistic
```
````

The function takes no argument and returns a ``Figure``: the ``<svg>``, a one-line
title (the caption, and the figure's accessible name) and a description (its text
alternative, for a screen reader: what it shows, the numbers in order). It computes
what it draws with the site's checked code, so a figure cannot disagree with the page.
A Python-Markdown extension (pipeline/figure_fences.py), not an MkDocs hook: Zensical
runs Markdown extensions and no hooks. A function that raises, or returns anything
else, fails the build with the page, the line and its error.

Colours are the sentinels below (``INK``, ``MUTED``, ``PAPER``, ``SERIES``), written
into the SVG as CSS variables (docs/stylesheets/derivations.css), so a figure follows
the light and dark schemes; any other colour fails the build. Text is set in the
page's font. Drawn figures are kept in ``.build-cache/figures/``, keyed by the fence, every
module of ``snippets/`` and the versions of numpy and matplotlib.
"""

from __future__ import annotations

import hashlib
import html
import importlib
import json
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

try:  # under MkDocs a BuildError stops the build with its message and no traceback
    from mkdocs.exceptions import PluginError as _Failure
except ImportError:  # another builder (Zensical): a plain error
    _Failure = ValueError

# The colours a figure may use, and the CSS each becomes in the page.
INK = "#000001"  # text, axes, strokes: the page's text colour
MUTED = "#000002"  # grid lines, secondary text
PAPER = "#000003"  # the page's background (a box that hides the lines behind it)
SERIES = ("#000011", "#000012", "#000013", "#000014")  # one colour per curve, chosen for each scheme
CSS = {
    INK: "var(--figure-ink)",
    MUTED: "var(--figure-muted)",
    PAPER: "var(--figure-paper)",
    **{colour: f"var(--figure-{n})" for n, colour in enumerate(SERIES, start=1)},
}
_SPEC = re.compile(r"^(?P<module>snippets\.pages\.[a-z_][a-z0-9_]*):(?P<name>figure_[a-z0-9_]+)$")
FOLDER = Path(".build-cache") / "figures"  # where drawn figures are kept, below the folder the build runs in
_GEOMETRY = re.compile(r'(\s(?:d|x|y|x1|x2|y1|y2|cx|cy|r|transform|points)=")([^"]*)')


class FigureError(_Failure):
    """A figure fence that could not be drawn: the page, the line, the function and why."""


@dataclass(frozen=True)
class Figure:
    """What a figure function returns: an ``<svg>`` element, its caption, and its text alternative."""

    svg: str  # an <svg ...> element with a viewBox, coloured with the sentinels above
    title: str  # one line: the caption and the accessible name
    description: str  # the text alternative: what the figure shows, its numbers in order


def render(spec: str) -> str:
    """The HTML of the figure ``spec`` (``snippets.pages.<module>:figure_<name>``), or a ValueError saying why."""
    match = _SPEC.match(spec)
    if not match:
        raise ValueError(f"expected one line 'snippets.pages.<module>:figure_<name>', got {spec!r}")
    module = importlib.import_module(match["module"])
    function = getattr(module, match["name"], None)
    if not callable(function):
        raise ValueError(f"{match['module']} has no function {match['name']}")
    figure = function()
    if not isinstance(figure, Figure):
        raise ValueError(f"{spec} must return pipeline.figures.Figure, got {type(figure).__name__}")
    for field in ("title", "description"):
        text = getattr(figure, field)
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"{spec} returned an empty {field}: a figure needs a caption and a text alternative")
    slug = f"figure-{match['module'].rsplit('.', 1)[1]}-{match['name'][len('figure_') :]}".replace("_", "-")
    return _html(slug, _svg(slug, figure.svg), figure.title, figure.description)


def _svg(slug: str, svg: str) -> str:
    """``svg`` made fit for a page: no XML prologue, its ids the figure's own, colours as CSS variables."""
    if not isinstance(svg, str):
        raise ValueError(f"svg must be a string, got {type(svg).__name__}")
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->|<metadata>.*?</metadata>", "", svg, flags=re.S).strip()
    if not svg.startswith("<svg") or not svg.endswith("</svg>") or "viewBox=" not in svg[: svg.index(">")]:
        raise ValueError("svg must be one <svg ...>...</svg> element with a viewBox (it scales to the column)")
    if re.search(r"<style|<script|<foreignObject", svg):
        raise ValueError("svg must not hold <style>, <script> or <foreignObject>: a <style> in a page styles the page")
    # Ids: only those referred to stay, prefixed with the figure's own name, so two figures never share one.
    used = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))
    svg = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{slug}-{m[1]}"' if m[1] in used else "", svg)
    svg = re.sub(r'(href="#|url\(#)([^")]+)', lambda m: f"{m[1]}{slug}-{m[2]}", svg)
    # Colours: each sentinel becomes its variable; any other colour would be wrong in one of the schemes.
    svg = re.sub(r"#0000(?:0[123]|1[1-4])\b", lambda m: CSS[m[0]], svg)
    other = sorted(set(re.findall(r"#[0-9a-fA-F]{3,8}\b|\brgba?\(", svg)) - {"#"})
    if other:
        raise ValueError(f"svg uses colours {other}: draw with pipeline.figures INK, MUTED, PAPER and SERIES")
    if re.search(r'(?:fill|stroke)="var\(', svg):
        raise ValueError('write a colour as style="fill: ...", not as an attribute: attributes cannot hold var()')
    # Text in the page's font (matplotlib names its own); the size stays in the drawing's units.
    svg = re.sub(r"font-family: [^;\"]*", "font-family: var(--md-text-font-family)", svg)
    # Smaller: coordinates to 1/100 px, and no line breaks or indentation between elements.
    svg = re.sub(_GEOMETRY, lambda m: m[1] + re.sub(r"(\.\d\d)\d+", r"\1", m[2]), svg)
    svg = re.sub(r">\s+<", "><", re.sub(r"\s*\n\s*", " ", svg))
    head = svg.index(">")
    tag = re.sub(r'\s(?:width|height)="[^"]*"', "", svg[:head])  # the viewBox scales it to the column
    return tag + svg[head:]


def _html(slug: str, svg: str, title: str, description: str) -> str:
    """The ``<figure>``: the SVG named by its caption and described by its text alternative."""
    # Out of the search index (Material's search reads data-search-exclude): its caption stays in, its labels not.
    accessible = (
        f' role="img" aria-labelledby="{slug}-caption" aria-describedby="{slug}-description" data-search-exclude="1">'
        f'<desc id="{slug}-description">{html.escape(description.strip())}</desc>'
    )
    head = svg.index(">")
    return (
        f'<figure class="figure" id="{slug}">{svg[:head]}{accessible}{svg[head + 1 :]}'
        f'<figcaption id="{slug}-caption">{html.escape(title.strip())}</figcaption></figure>'
    )


# Plots: matplotlib at a phone's width, deterministic, text as text in the page's font.
_RC = {
    "svg.fonttype": "none",  # text stays <text>, set in the page's Roboto, not drawn as paths
    "svg.hashsalt": "pipeline.figures",  # the same ids at every build
    "font.size": 12,
    "axes.labelsize": 12,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
    "legend.fontsize": 12,
    "text.color": INK,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "grid.color": MUTED,
    "legend.edgecolor": MUTED,
    "legend.facecolor": PAPER,
    "figure.facecolor": "none",
    "axes.facecolor": "none",
    "savefig.facecolor": "none",
    "savefig.edgecolor": "none",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "lines.linewidth": 2,
}


@contextmanager
def plot(width: int = 340, height: int = 220):
    """``with plot() as (figure, axes):`` a matplotlib figure ``width`` x ``height`` px, 12 px text (a phone's).

    Draw inside the ``with`` (the colours and sizes hold there), with the sentinel colours
    (curves cycle through ``SERIES``), and return ``Figure(svg(figure), title, description)``.
    matplotlib is imported here, not when a page's module is.
    """
    import matplotlib
    from cycler import cycler
    from matplotlib.figure import Figure as Canvas

    for name, value in (("width", width), ("height", height)):
        if isinstance(value, bool) or not isinstance(value, int) or not 100 <= value <= 1200:
            raise ValueError(f"{name} must be a whole number of px from 100 to 1200, got {value!r}")
    with matplotlib.rc_context({**_RC, "axes.prop_cycle": cycler(color=list(SERIES))}):
        figure = Canvas(figsize=(width / 72, height / 72), layout="constrained")  # 1 px = 1 pt = 1/72 in
        yield figure, figure.add_subplot()


def svg(figure) -> str:
    """The SVG of a matplotlib figure from ``plot``: no date or version in it, so a build is reproducible."""
    import io

    import matplotlib

    with matplotlib.rc_context(_RC):
        out = io.StringIO()
        figure.savefig(out, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    # matplotlib's stylesheet would style the whole page: its two rules go on the root, where they inherit.
    text = re.sub(r"<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>", "", out.getvalue())
    return text.replace("<svg ", '<svg style="stroke-linejoin: round; stroke-linecap: butt" ', 1)


_seen: dict[tuple, str] = {}  # the last fingerprint, by the modules' sizes and times: a build reads them once


def _fingerprint() -> str:
    """A hash of what a figure computes and draws with: snippets/, this drawing code, the libraries' versions."""
    here = Path(__file__).resolve().parent
    paths = [*sorted((here.parent / "snippets").rglob("*.py")), here / "figures.py", here / "diagram.py"]
    root = here.parent
    stamp = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in paths)
    if stamp not in _seen:
        digest = hashlib.sha256()
        for path in paths:
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
        for package in ("numpy", "matplotlib"):
            digest.update(f"{package} {metadata.version(package)}\0".encode())
        _seen.clear()
        _seen[stamp] = digest.hexdigest()
    return _seen[stamp]


def cached(spec: str, folder: Path = FOLDER) -> str:
    """``render(spec)``, kept in ``folder`` until a module of snippets/ or a library changes."""
    key = hashlib.sha256(f"{spec}\0{_fingerprint()}".encode()).hexdigest()[:32]
    path = folder / f"{key}.json"
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if kept.get("spec") == spec and isinstance(kept.get("html"), str):
            return kept["html"]
    except (OSError, ValueError, AttributeError):
        pass  # not kept yet, or a file that is not one of ours: draw it again
    shown = render(spec)
    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.tmp")  # one per process: two builds may draw it at once
    partial.write_text(json.dumps({"spec": spec, "html": shown}), encoding="utf-8")
    partial.replace(path)  # whole or not at all: another build may read it at once
    return shown


def makeExtension(**kwargs):
    """The extension, as ``- pipeline.figures`` in mkdocs.yml's markdown_extensions (pipeline/figure_fences.py)."""
    from pipeline.figure_fences import FigureExtension  # here: that module reads this one

    return FigureExtension(**kwargs)
