"""The "Check your own step" box: at the end of every page with derivation fences, under any builder.

A Python-Markdown extension (MkDocs and Zensical both run it). Just before pipeline.derivation_fences,
it asks for the page's result (derivation_fences.checked: the page is checked once per build, whichever
of the two asks first) and appends a small form and, as JSON in the page, what the build read:
the front matter's symbols and shapes, the seed of the page's random networks, and every line
the checker verified as a definition, in page order (checker/reader_step.py builds the same
page from them in the reader's browser). The reader's browser fetches nothing for it until
the button is pressed (docs/javascripts/check-step.js); the download's size on the button is
written after the build (pipeline/browser_checker.py), which ships the checker.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from checker import cache
from checker.document import CheckFailure, _seed, front_matter
from pipeline.derivation_fences import DerivationError, _page, checked

# The field as wide as the text, in the code font (a stylesheet of its own would be a request on every page).
_FIELD = "box-sizing:border-box;width:100%;font-family:var(--md-code-font-family);font-size:.8rem"
# The button in the header's colours, in both schemes and when focused (Material's .md-button turns to the accent
# colour on focus, too light for white text), with the browser's own focus ring.
_BUTTON = (
    "margin:.6em 0;padding:.5em 1em;border:0;border-radius:.1rem;font:inherit;font-weight:700;cursor:pointer;"
    "background:var(--md-primary-fg-color);color:var(--md-primary-bg-color)"
)
# How long one check may run before the reader is told, and the checker started again.
TIMEOUT_MS = 20000


def data(path: str, source: str, folder: Path) -> dict | None:
    """What the box hands the browser's checker, or None for a page with no derivation fence."""
    found = [b for b in checked(path, source, folder) if b.kind == "derivation"]
    if not found:
        return None
    meta, _ = front_matter(source)
    definitions = [f"{v.lhs} = {v.rhs}" for b in found for _, v in b.verdicts if v.how == "definition"]
    claims = [f"{v.lhs} = {v.rhs}" for b in found for _, v in b.verdicts if v.how != "definition"]
    return {
        "symbols": meta.get("symbols") or {},
        "shapes": meta.get("shapes") or {},
        "seed": _seed(path),
        "definitions": definitions,
        "example": claims[0] if claims else "",
    }


def box(page: dict) -> str:
    """The box's HTML: a label, a text field, the button, where the answer goes, and the page's data."""
    example = page.pop("example")
    # An attribute, not a <script type="application/json">: instant navigation re-creates a page's inline
    # scripts without their attributes, and would run the JSON as JavaScript.
    payload = html.escape(json.dumps(page, ensure_ascii=False, separators=(",", ":")))
    hint = f' placeholder="{html.escape(example)}"' if example else ""
    return (
        f'<section class="check-step" data-search-exclude data-timeout-ms="{TIMEOUT_MS}" data-page="{payload}">'
        '<h2 id="check-your-step">Check your own step</h2>'
        '<p><label for="check-step-input">Type a step in LaTeX; the checker that built this page checks it '
        "after the page's definitions, in your browser.</label></p>"
        f'<textarea id="check-step-input" rows="3" spellcheck="false" autocapitalize="off" style="{_FIELD}"{hint}>'
        "</textarea>"
        f'<button type="button" style="{_BUTTON}" onclick="this.dataset.pressed=1">Check this step '
        '(downloads about <span class="check-step-mb">20</span> MB once)</button>'
        '<p class="check-step-answer" role="status"></p></section>'
    )


class _CheckBox(Preprocessor):
    def __init__(self, md, folder: Path):
        super().__init__(md)
        self.folder = folder

    def run(self, lines: list[str]) -> list[str]:
        path, source = _page(self.md) or ("<markdown>", "\n".join(lines))
        try:
            page = data(path, source, self.folder)
        except CheckFailure as failure:  # the message derivation_fences would give
            raise DerivationError(f"derivation check failed: {failure}") from None
        if page is None:
            return lines
        return [*lines, "", self.md.htmlStash.store(box(page)), ""]


class CheckBoxExtension(Extension):
    """Registers the box after Python-Markdown's whitespace pass (30), before pipeline.derivation_fences (29.5).

    Before: with no builder to name the file, the Markdown handed over is the page, fences and all.
    """

    def __init__(self, **kwargs):
        self.config = {"cache": [str(cache.FOLDER), "where passing pages' results are kept"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        """The box after the page's last line."""
        md.preprocessors.register(_CheckBox(md, Path(self.getConfig("cache"))), "check_box", 29.6)


def makeExtension(**kwargs):
    """The extension, as mkdocs.yml and ``markdown.markdown(extensions=[...])`` load it."""
    return CheckBoxExtension(**kwargs)
