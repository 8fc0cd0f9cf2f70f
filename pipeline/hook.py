r"""MkDocs hook: the verification report, which reads every page's checked fences.

The fences themselves are checked and rendered by a Markdown extension,
pipeline/derivation_fences.py, so that MkDocs and Zensical (which runs no hooks) do the
same: a wrong step stops the build with file, line, step and values. Pages that passed
before, unchanged, are answered from the cache (checker/cache.py).
A page whose front matter says ``report: true`` gets the verification report of
every page appended (pipeline/report.py); under ``mkdocs serve --dirty`` it, and the
home page's counts, are rendered again whenever the report changes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs loads hooks by path; the package beside this file must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker import cache, render
from checker.anchors import anchors
from checker.document import Block, CheckFailure, front_matter
from pipeline import report
from pipeline.rebuild import render_again

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


def on_config(config):
    # The fences are checked and rendered by the Markdown extension, under MkDocs as under Zensical.
    if "pipeline.derivation_fences" not in config.markdown_extensions:
        raise PluginError("mkdocs.yml: markdown_extensions must list pipeline.derivation_fences (the fences' checker)")


def on_page_markdown(markdown, page, config, files):
    # The fences themselves: pipeline/derivation_fences.py. Here only the report, which reads every page.
    if page.meta.get("report"):
        markdown += "\n" + report.markdown(_pages(config))
    if report.PLACEHOLDER in markdown:
        markdown = report.home(markdown, _pages(config))
    return markdown
