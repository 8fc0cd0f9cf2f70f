r"""MathJax typesets every formula when the site is built, into SVG.

An MkDocs hook page by page, and ``typeset()`` for any builder (pipeline/typeset_site.py
runs it over a built site, after Zensical).

Readers download no MathJax and run none: a page is readable as soon as its HTML
arrives, nothing shifts when math appears, and instant navigation has nothing to
redo. MathJax itself is the npm package pinned in package.json, run by Node
(pipeline/tex2svg.cjs). A formula MathJax cannot typeset (an undefined macro, an
unbalanced brace) stops the build with the page, line and formula.

Every formula must fit a phone. MathJax gives each SVG its width in ex; at the
site's text (Roboto, self-hosted by pipeline/fonts.py, 16 px) one ex is Roboto's
x-height, 1082/2048 em = 8.45 px. A formula wider than what it has on a 375 px
screen (the 343 px text column, less a list item's indent, an admonition's padding:
``INSETS``) is reported with its file, line and width, unless it sits in
an explicitly scrolling wrapper (``<div class="scrolls" tabindex="0" markdown>``,
which scrolls sideways with a cue: a wide matrix that cannot be split into aligned
rows, or inline math that cannot be broken). ``WIDE_FAILS`` makes the report a build
failure; while pages are being split it is a list printed at the end of the build.

Formulas are found as pymdownx.arithmatex writes them (``\(...\)`` in a span,
``\[...\]`` in a div, class "arithmatex"); notebook pages are Markdown
(pipeline/notebook_fences.py) and get the same markup. Typeset formulas are kept in ``.build-cache/math/``, keyed
by the lock file, the script and this hook, so a warm build starts no Node.
A page holds each glyph's outline once, in a hidden ``<svg>`` its formulas point to.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).with_name("tex2svg.cjs")
FOLDER = ROOT / ".build-cache" / "math"
_FORMULA = re.compile(
    r'(?P<open><(?P<tag>span|div) class="arithmatex">)'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])"
    r"(?P<close></(?P=tag)>)",
    re.S,
)
_TYPESET = re.compile(r'<(?:span|div) class="arithmatex" data-tex=')  # a formula once typeset
_DEFS = re.compile(r"<defs>(?P<paths>.*?)</defs>", re.S)
_GLYPH = re.compile(r'<path id="MJX-\d+-(?P<name>[^"]+)" d="(?P<d>[^"]*)"></path>')
_HREF = re.compile(r'xlink:href="#MJX-\d+-(?P<name>[^"]+)"')
# Attributes no reader and no script of the site uses: MathJax's node names and characters,
# namespaces (an <svg> in HTML is in SVG's), "focusable" (read by Internet Explorer only).
_UNUSED = re.compile(r' (?:data-mml-node|data-c|data-mjx-texclass|xmlns(?::xlink)?|focusable)="[^"]*"')
# Every formula's outer group draws in the text's colour: said once, in the stylesheet.
_INK = ' stroke="currentColor" fill="currentColor" stroke-width="0"'
INK_CSS = 'mjx-container[jax="SVG"] > svg > g { stroke: currentColor; fill: currentColor; stroke-width: 0; }\n'

_WIDTH = re.compile(r'<svg[^>]*?\swidth="(?P<ex>[\d.]+)ex"')
_BOX = re.compile(r'<(?P<close>/?)(?P<tag>div|li|details|table)\b(?:[^>]*?\sclass="(?P<cls>[^"]*)")?[^>]*>')

# One ex at the site's body text: Roboto's x-height (1082 of 2048 units) at 16 px.
EX_PX = 1082 / 2048 * 16
# A 375 px phone: Material pads the content by 0.8rem (16 px) each side; a list item
# is indented by another 0.625em + 1.25em (30 px).
DISPLAY_PX = 375 - 2 * 16
# What a box takes off the column, measured in chromium at 375 px: a list item's indent,
# an admonition's border and padding (a <div class="admonition ..."> or a <details> of
# one of Material's types), the quiet mark's list (step-check), a rejected line's box.
_TYPES = "note abstract summary tldr info todo tip hint important success check done question help faq"
_TYPES += " warning caution attention failure fail missing danger error bug example quote cite"
INSETS = {"li": 30, "admonition": 26, "step-check": 4, "wrong-line": 55} | dict.fromkeys(_TYPES.split(), 26)
# What scrolls sideways with a cue: a wrapper of this class, and a table (in its box).
SCROLLS = {"scrolls", "table"}
WIDE_FAILS = True  # True: a too-wide formula fails the build (file, line, width); False: only listed at its end


class _MathJax:
    """One Node process for the whole build (and for every rebuild under mkdocs serve)."""

    def __init__(self):
        self.process: subprocess.Popen | None = None

    def typeset(self, tex: str, display: bool) -> dict:
        if self.process is None or self.process.poll() is not None:
            if not (ROOT / "node_modules/mathjax-full/package.json").exists():
                raise PluginError(f"mathjax-full is not installed: run `npm ci` in {ROOT}")
            self.process = subprocess.Popen(
                ["node", str(SCRIPT)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
            )
        self.process.stdin.write(json.dumps({"tex": tex, "display": display}) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())


_mathjax = _MathJax()
_typeset: dict[str, str] = {}


def version() -> str:
    """What a typeset formula depends on besides its TeX: MathJax's exact install, the script, this hook."""
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]["node_modules/mathjax-full"]
    digest = hashlib.sha256(f"{lock['version']} {lock.get('integrity')}".encode())
    for source in (SCRIPT, Path(__file__)):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def on_pre_build(config):
    load_cache()


def load_cache() -> None:
    """Start a build: this build's report empty, the formulas typeset before read back."""
    _typeset.clear()
    _too_wide.clear()
    try:
        _typeset.update(json.loads((FOLDER / f"{version()}.json").read_text()))
    except (OSError, ValueError):
        pass  # a cold cache: every formula is typeset again


_css: dict[str, str] = {}  # by version(): mkdocs serve rebuilds without starting Node for it


STYLESHEET = "assets/stylesheets/mathjax-svg.css"  # where mkdocs.yml's extra_css expects it


def stylesheet() -> str:
    """The CSS MathJax's SVG output needs, and the formulas' ink."""
    if version() not in _css:
        command = ["node", str(SCRIPT), "--css"]
        _css[version()] = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout + INK_CSS
    return _css[version()]


def on_files(files, config):
    files.append(File.generated(config, STYLESHEET, content=stylesheet()))
    return files


def _line(source: str, tex: str) -> str:
    r"""The line of ``source`` a formula starts on; a block a fence wrote as \begin{aligned} by its first row."""
    first = tex.strip().removeprefix("\\begin{aligned}").split("\\\\")[0].replace("&", "")
    for candidate in (tex.strip(), first):
        # Spacing differs between the fence and the TeX made from it: match ignoring it.
        letters = [ch for ch in candidate if not ch.isspace()][:60]
        found = re.search(r"\s*".join(map(re.escape, letters)), source) if letters else None
        if found:
            return str(source.count("\n", 0, found.start()) + 1)
    return "?"


_too_wide: list[str] = []  # this build's report: "file:line: ... px"


def width_px(svg_html: str) -> float:
    """The rendered width of a typeset formula at the site's text size, from its SVG's width in ex."""
    found = _WIDTH.search(svg_html)
    if found is None:
        raise ValueError(f"no width in ex on the formula's <svg>: {svg_html[:120]!r}")
    return float(found["ex"]) * EX_PX


def boxes(output: str) -> tuple[list[int], list[tuple[int, bool]]]:
    """Where each formula sits: offsets in ``output``, and from each on (inset in px, inside something that scrolls).

    Read with ``box_at``. Every <div>, <li>, <details> and <table> is followed, nested ones counted.
    """
    offsets, states, stack = [0], [(0, False)], []
    for tag in _BOX.finditer(output):
        if tag["close"]:
            while stack and stack.pop()[0] != tag["tag"]:
                pass  # an element left open inside this one closes with it
        else:
            classes = set((tag["cls"] or "").split())
            # An admonition's type is among its classes: count its padding once.
            inset = INSETS.get(tag["tag"], 0) + max((INSETS.get(c, 0) for c in classes), default=0)
            stack.append((tag["tag"], inset, bool((classes | {tag["tag"]}) & SCROLLS)))
        offsets.append(tag.end())
        states.append((sum(box[1] for box in stack), any(box[2] for box in stack)))
    return offsets, states


def box_at(found: tuple[list[int], list[tuple[int, bool]]], offset: int) -> tuple[int, bool]:
    """The (inset, scrolls) of the boxes around ``offset``."""
    offsets, states = found
    return states[bisect.bisect_right(offsets, offset) - 1]


def too_wide(html_svg: str, display: bool, inset: int = 0, scrolls: bool = False) -> str | None:
    """Why a formula does not fit a phone, or None: its width against the column it sits in."""
    width = width_px(html_svg)
    limit = DISPLAY_PX - inset
    if width <= limit or scrolls:
        return None
    kind = "display formula" if display else "inline formula"
    return f"{kind} {width:.0f} px wide, wider than the {limit} px it has on a 375 px phone"


def _shared_glyphs(svg_html: str, glyphs: dict[str, tuple[str, str]], where) -> str:
    """A formula without its own copy of each glyph: it uses the page's one copy, kept in ``glyphs``.

    MathJax's "local" font cache puts every glyph a formula uses in that formula; a page
    with 200 formulas carried the same letters 200 times (layer-l: 1.2 MB of HTML).
    ``glyphs`` maps MathJax's name for a glyph to its id in the page and its outline.
    A <use> keeps ``xlink:href``: Material's instant navigation rewrites every ``[href]``
    of a page it loads, and a <use>'s ``href`` cannot be set. ``where()`` names the formula, for a message.
    """
    for glyph in _GLYPH.finditer("".join(m["paths"] for m in _DEFS.finditer(svg_html))):
        known = glyphs.setdefault(glyph["name"], (f"g{len(glyphs)}", glyph["d"]))
        if known[1] != glyph["d"]:
            # The name is MathJax's font, variant and character: one shape each, or the font changed.
            raise PluginError(f"{where()}: MathJax drew glyph {glyph['name']} two ways in one page")
    svg_html = _HREF.sub(lambda use: f'xlink:href="#{glyphs[use["name"]][0]}"', _DEFS.sub("", svg_html))
    return _UNUSED.sub("", svg_html.replace(_INK, "", 1))


class MathError(ValueError):
    """A formula MathJax cannot typeset, or one too wide for a phone: its file and line in the message."""


def on_post_page(output, page, config):
    # After the search plugin has indexed the page: it indexes the TeX, and does not
    # parse the SVG (which made it the slowest step of a build).
    try:
        return typeset(output, page.file.src_uri, lambda: page.file.content_string)
    except MathError as exc:
        raise PluginError(str(exc)) from None


def typeset(output: str, src_uri: str, source) -> str:
    """A built page's HTML with every formula typeset; ``source()`` gives its Markdown, read for a message only.

    Any builder's page: MkDocs' hook above, or ``pipeline/typeset_site.py`` over a built site.
    """
    found = boxes(output)
    wide: list[str] = []

    def replace(match: re.Match[str]) -> str:
        display = match["display"] is not None
        tex = html.unescape(match["display"] if display else match["inline"])
        key = f"{'D' if display else 'I'}{tex}"

        def where() -> str:
            # Looked up for a message only: one search of the source per formula was a third of a warm build (HC).
            return f"{src_uri}:{_line(source(), tex)}"

        if key not in _typeset:
            answer = _mathjax.typeset(tex, display)
            if "error" in answer:
                raise MathError(f"{where()}: MathJax cannot typeset {tex!r}: {answer['error']}")
            # A wide display formula scrolls in its own box; a keyboard reaches it by Tab.
            _typeset[key] = answer["html"].replace('display="true"', 'display="true" tabindex="0"', 1)
        problem = too_wide(_typeset[key], display, *box_at(found, match.start()))
        if problem:
            short = " ".join(tex.split())
            wide.append(f"{where()}: {problem}: {short[:70]}{'...' if len(short) > 70 else ''}")
        # Each glyph is drawn once per page (``_shared_glyphs``). The TeX stays on the element,
        # so what a step was checked with can be read back from the page.
        opening = match["open"].replace(">", f' data-tex="{html.escape(tex)}">', 1)
        return opening + _shared_glyphs(_typeset[key], glyphs, where) + match["close"]

    glyphs: dict[str, tuple[str, str]] = {}
    output = _FORMULA.sub(replace, output)
    if glyphs:
        paths = "".join(f'<path id="{id_}" d="{d}"></path>' for id_, d in glyphs.values())
        defs = f'<svg class="mjx-glyphs" aria-hidden="true" style="display:none"><defs>{paths}</defs></svg>'
        # Just before the first formula: inside the content, which instant navigation swaps
        # with the next page's (whatever the theme calls its containers).
        first = _TYPESET.search(output).start()
        output = output[:first] + defs + output[first:]
    if wide and WIDE_FAILS:
        raise MathError("formulas wider than a phone (split them into aligned rows):\n" + "\n".join(wide))
    _too_wide.extend(wide)
    return output


def report_too_wide(out=None) -> None:
    """Print this build's too-wide formulas, one "file:line: ... px" a line (nothing when all fit)."""
    if _too_wide:
        # Printed, not logged: under --strict a logged warning would fail the build already.
        heading = f"{len(_too_wide)} formulas are wider than a 375 px phone:"
        print(heading, *_too_wide, sep="\n  ", file=out or sys.stderr)


def on_post_build(config):
    report_too_wide()
    save_cache()


def save_cache() -> None:
    """Keep every formula typeset so far for the next build."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    target = FOLDER / f"{version()}.json"
    for old in FOLDER.glob("*.json"):
        if old != target:
            old.unlink(missing_ok=True)  # or another build has
    partial = target.with_suffix(f".{os.getpid()}.tmp")  # two builds at once write apart
    partial.write_text(json.dumps(_typeset))
    partial.replace(target)
