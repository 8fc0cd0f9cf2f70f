r"""MkDocs hook: MathJax typesets every formula when the site is built, into SVG.

Readers download no MathJax and run none: a page is readable as soon as its HTML
arrives, nothing shifts when math appears, and instant navigation has nothing to
redo. MathJax itself is the npm package pinned in package.json, run by Node
(snippets/tex2svg.cjs). A formula MathJax cannot typeset (an undefined macro, an
unbalanced brace) stops the build with the page, line and formula.

Formulas are found as pymdownx.arithmatex writes them (``\(...\)`` in a span,
``\[...\]`` in a div, class "arithmatex"); notebook pages get the same markup
from snippets/notebooks.py. Typeset formulas are kept in ``.cache/math/``, keyed
by the lock file, the script and this hook, so a warm build starts no Node.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = Path(__file__).with_name("tex2svg.cjs")
FOLDER = ROOT / ".cache" / "math"
_FORMULA = re.compile(
    r'(?P<open><(?P<tag>span|div) class="arithmatex">)'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])"
    r"(?P<close></(?P=tag)>)",
    re.S,
)
_ID = re.compile(r"MJX-\d+-")


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
    _typeset.clear()
    try:
        _typeset.update(json.loads((FOLDER / f"{version()}.json").read_text()))
    except (OSError, ValueError):
        pass  # a cold cache: every formula is typeset again


_css: dict[str, str] = {}  # by version(): mkdocs serve rebuilds without starting Node for it


def on_files(files, config):
    if version() not in _css:
        command = ["node", str(SCRIPT), "--css"]
        _css[version()] = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    files.append(File.generated(config, "assets/stylesheets/mathjax-svg.css", content=_css[version()]))
    return files


def _line(source: str, tex: str) -> str:
    at = source.find(tex.strip())
    return str(source.count("\n", 0, at) + 1) if at >= 0 else "?"


def on_post_page(output, page, config):
    # After the search plugin has indexed the page: it indexes the TeX, and does not
    # parse the SVG (which made it the slowest step of a build).
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        display = match["display"] is not None
        tex = html.unescape(match["display"] if display else match["inline"])
        key = f"{'D' if display else 'I'}{tex}"
        if key not in _typeset:
            answer = _mathjax.typeset(tex, display)
            if "error" in answer:
                where = f"{page.file.src_uri}:{_line(page.file.content_string, tex)}"
                raise PluginError(f"{where}: MathJax cannot typeset {tex!r}: {answer['error']}")
            # A wide display formula scrolls in its own box; a keyboard reaches it by Tab.
            _typeset[key] = answer["html"].replace('display="true"', 'display="true" tabindex="0"', 1)
        count += 1
        # Glyph ids are unique within the page: the n-th formula gets MJX-n-. The TeX stays
        # on the element, so what a step was checked with can be read back from the page.
        opening = match["open"].replace(">", f' data-tex="{html.escape(tex)}">', 1)
        return opening + _ID.sub(f"MJX-{count}-", _typeset[key]) + match["close"]

    return _FORMULA.sub(replace, output)


def on_post_build(config):
    FOLDER.mkdir(parents=True, exist_ok=True)
    target = FOLDER / f"{version()}.json"
    for old in FOLDER.glob("*.json"):
        if old != target:
            old.unlink()
    partial = target.with_suffix(".tmp")
    partial.write_text(json.dumps(_typeset))
    partial.replace(target)
