r"""MkDocs hook: check every derivation fence of a page, then render it.

A hook rather than a superfences formatter: the check needs the page's file, its
line numbers and the definitions of earlier fences, and a formatter sees none of
them. A wrong step stops the build with file, line, step and values. Pages that
passed before, unchanged, are answered from the cache (snippets/derivation/cache.py).
A page whose front matter says ``report: true`` gets the verification report of
every page appended (snippets/report.py); under ``mkdocs serve --dirty`` it, and the
home page's counts, are rendered again whenever the report changes.

A block's HTML goes into the page after Markdown has run, in place of a token
paragraph: Markdown reads raw HTML only at the top level of a page, so a block
inside an admonition or a content tab would be read as text (its ``\[`` losing
the backslash, and no formula typeset).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs loads hooks by path; the package beside this file must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from snippets import report
from snippets.derivation import cache, render
from snippets.derivation.anchors import anchors
from snippets.derivation.document import Block, CheckFailure, front_matter
from snippets.rebuild import render_again

_RENDER = {
    "derivation": render.checked,
    "derivation-rejected": render.rejected,
    "derivation-unreadable": render.unreadable,
    "numeric-check": render.numeric,
    "notation": render.notation,
}
# One build checks each page once, whether for the page itself or for the report (by path: its text, its blocks).
# Under mkdocs serve they are kept between rebuilds: the checker's code is imported once, so a page's result
# is a function of its text.
_checked: dict[str, tuple[str, list[Block]]] = {}
_serving: list[bool] = [False]
_nav: list = []  # the site's pages in reading order, then those outside the nav, for the report
_listed: list[report.Checked] = []  # this build's _pages
_report: list[str] = []  # the report the last build wrote
_html: dict[str, list[str]] = {}  # by page: each block's HTML, put in by on_page_content


def _token(n: int) -> str:
    # Letters and digits only: Markdown leaves them as they are, in a paragraph of their own.
    return f"XDERIVATIONBLOCK{n}X"


def _shown(path: str) -> str:
    # Relative to where the build runs, as a contributor would type it.
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def _check(file, config) -> list[Block]:
    source = file.content_string
    if _checked.get(file.abs_src_path, ("",))[0] != source:
        folder = Path(config.config_file_path).parent / cache.FOLDER
        try:
            _checked[file.abs_src_path] = (source, cache.check(_shown(file.abs_src_path), source, folder))
        except CheckFailure as failure:
            raise PluginError(f"derivation check failed: {failure}") from None
    return _checked[file.abs_src_path][1]


def on_startup(command, dirty):
    _serving[0] = command == "serve"


def on_pre_build(config):
    if not _serving[0]:
        _checked.clear()
    _listed.clear()


def on_nav(nav, config, files):
    # Pages outside the nav are built and shown too: they follow, in path order, so every page is counted.
    listed = [page.file for page in nav.pages]
    rest = sorted((f for f in files.documentation_pages() if f not in listed), key=lambda f: f.src_uri)
    _nav[:] = listed + rest
    # The report and the home page's counts are made from every page: under `mkdocs serve --dirty`
    # they are rendered again when the report changes (a page's checks, or their lines), not at every save.
    shown = report.markdown(_pages(config))
    if _report and _report[0] != shown:
        for file in _nav:
            meta = front_matter(file.content_string)[0] if file.src_uri.endswith(".md") else {}
            if meta.get("report") or report.PLACEHOLDER in file.content_string:
                render_again(file)
    _report[:] = [shown]


def _pages(config) -> list[report.Checked]:
    if not _listed:
        for file in _nav:
            if file.src_uri.endswith(".md"):
                title = front_matter(file.content_string)[0].get("title") or file.src_uri
                found = _check(file, config)
                ids = anchors(_shown(file.abs_src_path), file.content_string, found)
                _listed.append(report.Checked(title, file.src_uri, found, ids))
    return _listed


def on_page_markdown(markdown, page, config, files):
    found = _check(page.file, config)
    try:
        shown = render.page(_shown(page.file.abs_src_path), page.file.content_string, found, _RENDER)
    except CheckFailure as failure:
        raise PluginError(f"derivation check failed: {failure}") from None
    at = 0
    for n, block in enumerate(found):
        at = markdown.index(block.raw, at)
        # A fence inside a content tab or an admonition keeps its indentation.
        token = f"\n{block.indent}{_token(n)}\n\n"
        markdown = markdown[:at] + token + markdown[at + len(block.raw) :]
        at += len(token)
    _html[page.file.src_uri] = shown
    if page.meta.get("report"):
        markdown += "\n" + report.markdown(_pages(config))
    if report.PLACEHOLDER in markdown:
        markdown = report.home(markdown, _pages(config))
    return markdown


def on_page_content(html, page, config, files):
    for n, block in enumerate(_html.pop(page.file.src_uri, [])):
        html, found = re.subn(rf"<p>{_token(n)}</p>", lambda _, block=block: block, html)
        if found != 1:
            raise PluginError(f"{page.file.src_uri}: checked block {n + 1} was not placed in the page ({found} places)")
    return html
