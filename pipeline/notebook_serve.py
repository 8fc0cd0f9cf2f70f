"""MkDocs hook, for ``make serve`` (``mkdocs serve --dirty``): a notebook page renders again when its run would change.

Under ``--dirty`` MkDocs renders only the pages whose Markdown was saved since the last
build. A notebook page's Markdown is one ```notebook fence, so a saved notebook, or a change
in the snippets/ it imports, would leave the page showing the old run. Here a page counts as
saved when one of its notebooks has no run kept for its present bytes and snippets/
(pipeline/notebook_run.py ``stored``): the fence then runs it, as in a full build.

A thin adapter for MkDocs' serve only: the page itself is made by the Markdown extension
(pipeline/notebook_fences.py), under any builder. Zensical keeps a page's HTML until a folder
listed in mkdocs.yml's ``watch:`` changes, so that list must hold docs/ and snippets/.
"""

from __future__ import annotations

import sys
from pathlib import Path

# MkDocs loads hooks by path; the package beside this file must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.notebook_fences import named
from pipeline.notebook_run import FOLDER, stored


def on_files(files, config):
    """Each notebook page whose notebook has no kept run for its present code is marked as saved."""
    folder = Path(config["mdx_configs"].get("pipeline.notebook_fences", {}).get("cache", FOLDER))
    for file in files.documentation_pages():
        notebooks = [Path(path) for path in named(file.content_string)]
        if any(path.is_file() and not stored(path, folder)[0].is_file() for path in notebooks):
            # MkDocs renders a File whose content was set in memory again, even under --dirty (File.is_modified).
            file.content_string = file.content_string
    return files
