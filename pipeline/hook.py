"""MkDocs hook: what only ``mkdocs serve --dirty`` needs of the report, and a check of mkdocs.yml.

The fences are checked and rendered by pipeline/derivation_fences.py, the report and the home
page's counts made by pipeline/report_fences.py: Markdown extensions, which MkDocs and Zensical
both run. A full build needs nothing of this hook.

Under ``--dirty`` MkDocs renders only the pages saved since the last build, but the report and
the home page's counts read every page: when a saved page changes the report (a check, its
lines), the pages that show it are rendered again too (pipeline/rebuild.render_again). The
report is made by the extension's own ``pages``, with the same checks, so the pages are not
checked twice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs loads hooks by path; the package beside this file must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker import cache
from checker.document import CheckFailure
from pipeline import report, report_fences
from pipeline.rebuild import render_again

_EXTENSIONS = {
    "pipeline.derivation_fences": "the fences' checker",
    "pipeline.report_fences": "the verification report and the home page's counts",
}
_dirty: list[bool] = [False]
_report: list[str] = []  # the report the last build made, under --dirty


def on_startup(command, dirty):
    _dirty[0] = dirty


def on_config(config):
    # Without them the fences would be published as plain code, the report page empty.
    for name, what in _EXTENSIONS.items():
        if name not in config.markdown_extensions:
            raise PluginError(f"mkdocs.yml: markdown_extensions must list {name} ({what})")


def on_nav(nav, config, files):
    # Under --dirty: the report's pages rendered again when the report changed, not at every save.
    if not _dirty[0]:
        return
    try:
        # The folder as the extension is given it (relative to where the build runs): one check per page.
        shown = report.markdown(report_fences.pages(Path(config.docs_dir), config.nav, cache.FOLDER))
    except CheckFailure as failure:
        raise PluginError(f"derivation check failed: {failure}") from None
    if _report and _report[0] != shown:
        for file in files.documentation_pages():
            if file.src_uri.endswith(".md") and report_fences.shows_report(file.content_string):
                render_again(file)
    _report[:] = [shown]
