"""MkDocs hook: check every derivation fence of a page, then render it.

A hook rather than a superfences formatter: the check needs the page's file, its
line numbers and the definitions of earlier fences, and a formatter sees none of
them. A wrong step stops the build with file, line, step and values. Pages that
passed before, unchanged, are answered from the cache (snippets/derivation/cache.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

# MkDocs loads hooks by path; the package beside this file must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from snippets.derivation import cache, render
from snippets.derivation.document import CheckFailure


def _shown(path: str) -> str:
    # Relative to where the build runs, as a contributor would type it.
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return path


def on_page_markdown(markdown, page, config, files):
    try:
        folder = Path(config.config_file_path).parent / cache.FOLDER
        found = cache.check(_shown(page.file.abs_src_path), page.file.content_string, folder)
    except CheckFailure as failure:
        raise PluginError(f"derivation check failed: {failure}") from None
    at = 0
    for block in found:
        at = markdown.index(block.raw, at)
        html = render.checked(block) if block.kind == "derivation" else render.rejected(block)
        # A fence inside a content tab or an admonition keeps its indentation.
        html = "".join(block.indent + line if line.strip() else line for line in html.splitlines(True))
        markdown = markdown[:at] + html + markdown[at + len(block.raw) :]
        at += len(html)
    return markdown
