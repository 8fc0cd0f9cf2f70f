r"""The verification report and the home page's counts as a Python-Markdown extension: every builder makes them.

A page whose front matter says ``report: true`` gets the report of every page appended
(pipeline/report.py), and ``[[checks]]`` on a page (the home page's) becomes the counts in one
sentence, under MkDocs, Zensical (which runs no hooks) and a plain ``markdown.markdown`` call alike.

Every page: the ``.md`` files of the docs folder, those in the nav in its reading order, then
the others in path order (a page outside the nav is built and shown too, so it is counted).
The docs folder and the nav are the builder's (derivation_fences._site, where the builder is
asked), or this extension's ``docs`` and ``nav`` options when no builder says.

Each page is checked by derivation_fences.checked, the same call that renders its fences: once
per build, and answered from ``.build-cache/`` when it passed before, unchanged. A page that
fails its check is never reported as passing: its failure is raised here too, so the report page
and the home page are not made at all, and the build stops with that page's file, line, step
and values, the message its own conversion gives (a failing page is not kept, so it is checked
again at every build, never answered from the cache).

Zensical keeps a page's HTML while the page's own text and its configuration are unchanged, and
the report page's text does not change when another page does. mkdocs.yml's ``watch: [docs]``
puts every file of docs/ with its time of change into the configuration Zensical reads, so a
saved page has it convert every page again, the report and the home page included (under MkDocs,
``watch`` only adds docs/ to what ``mkdocs serve`` watches already).

A preprocessor after pipeline.derivation_fences (29.5), before pipeline.printed (29): the report
is Markdown (tables, links, headings with ids: the tables and attr_list extensions read it).
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from checker import cache
from checker.anchors import anchors
from checker.document import CheckFailure, front_matter
from pipeline import report
from pipeline.derivation_fences import DerivationError, _page, _shown, _site, checked


def _listed(nav) -> list[str]:
    """The page paths of ``nav`` in reading order: mkdocs.yml's shapes, or Zensical's dicts of "url" and "children"."""
    if nav is None:
        return []
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, list):
        return [src for item in nav for src in _listed(item)]
    if isinstance(nav, dict) and "children" in nav and "url" in nav:  # Zensical's form of one item
        return _listed(nav["url"]) + _listed(nav["children"])
    if isinstance(nav, dict):  # {title: path} or {title: [items]}
        return [src for value in nav.values() for src in _listed(value)]
    raise ValueError(f"nav: an item should be a path, a {{title: path}} or a {{title: [items]}}, not {nav!r}")


def reading_order(docs: Path, nav) -> list[str]:
    """Every ``.md`` page under ``docs`` (its path there): those in ``nav`` in its order, then the others by path.

    Files and folders whose name starts with a dot are not pages (MkDocs leaves them out, as Zensical does);
    a nav entry that is no Markdown page of ``docs`` (a notebook, a URL) is not one either.
    """
    if not docs.is_dir():
        raise ValueError(f"docs: {docs} is not a folder (the site's pages are read from it)")
    found = sorted(
        p.relative_to(docs).as_posix()
        for p in docs.rglob("*.md")
        if not any(part.startswith(".") for part in p.relative_to(docs).parts)
    )
    pages = set(found)
    listed = [src for src in dict.fromkeys(posixpath.normpath(s) for s in _listed(nav)) if src in pages]
    return listed + [src for src in found if src not in set(listed)]


def pages(docs: Path, nav, folder: Path) -> list[report.Checked]:
    """Every page of ``docs`` in ``reading_order``, checked (derivation_fences.checked, kept in ``folder``).

    Raises CheckFailure for the first page that fails its check: no report of a failing site.
    """
    out = []
    for src in reading_order(docs, nav):
        file = docs / src
        source = file.read_text(encoding="utf-8")
        path = _shown(file)  # as the page's own conversion names it: one check serves both
        found = checked(path, source, folder)
        title = front_matter(source)[0].get("title") or src
        out.append(report.Checked(title, src, found, anchors(path, source, found)))
    return out


def shows_report(source: str) -> bool:
    """Whether a page shows the report (``report: true``) or the counts (``[[checks]]``): it depends on every page."""
    return bool(front_matter(source)[0].get("report")) or report.PLACEHOLDER in source


class _Report(Preprocessor):
    """Append the report to a ``report: true`` page; put the counts where a page says ``[[checks]]``."""

    def __init__(self, md, docs: Path, nav, folder: Path):
        super().__init__(md)
        self.docs, self.nav, self.folder = docs, nav, folder

    def run(self, lines: list[str]) -> list[str]:
        if "derivation_fences" not in self.md.preprocessors:
            raise DerivationError(
                "markdown_extensions must list pipeline.derivation_fences (the fences' checker) "
                "where pipeline.report_fences is listed: the report counts the checks it makes"
            )
        text = "\n".join(lines)
        source = (_page(self.md) or ("", text))[1]  # the front matter: a builder hands the page without it
        wanted = bool(front_matter(source)[0].get("report"))
        if not wanted and report.PLACEHOLDER not in text:
            return lines
        docs, nav = _site(self.md) or (self.docs, self.nav)
        try:
            checked_pages = pages(docs, nav, self.folder)
        except CheckFailure as failure:
            raise DerivationError(f"derivation check failed: {failure}") from None
        if wanted:
            text += "\n\n" + report.markdown(checked_pages)
        if report.PLACEHOLDER in text:
            text = report.home(text, checked_pages)
        # Ended as Python-Markdown's whitespace pass ends it: a table that ends the page ends at a blank line.
        return (text.rstrip("\n") + "\n\n").split("\n")


class ReportExtension(Extension):
    """Registers the report and the counts, after pipeline.derivation_fences has rendered the page's fences."""

    def __init__(self, **kwargs):
        self.config = {
            "docs": ["docs", "the pages' folder, when no builder says"],
            "nav": [[], "the pages in reading order, as mkdocs.yml's nav, when no builder says"],
            "cache": [str(cache.FOLDER), "where passing pages' results are kept"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        """Between pipeline.derivation_fences (29.5) and pipeline.printed (29)."""
        options = self.getConfigs()
        report_ = _Report(md, Path(options["docs"]), options["nav"], Path(options["cache"]))
        md.preprocessors.register(report_, "report_fences", 29.4)


def makeExtension(**kwargs):
    """The extension, as mkdocs.yml and ``markdown.markdown(extensions=[...])`` load it."""
    return ReportExtension(**kwargs)
