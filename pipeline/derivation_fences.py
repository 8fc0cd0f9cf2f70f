r"""Derivation fences as a Python-Markdown extension: checked and rendered inside the Markdown pipeline.

Any builder that runs Python-Markdown runs it (MkDocs, Zensical, a plain ``markdown.markdown``
call), so a wrong step stops every one of them with the page, the line, the step and the
values, and a checked fence shows the same HTML (checker/render.py) in each.

The checker reads the whole page: its front matter (symbols, shapes) and the line numbers
its messages quote are those of the file, not of the Markdown a builder hands over (front
matter cut, snippets included). ``_page`` is the one place that asks the builder which file
is being converted; with no builder, the Markdown given is the page.

This is the one path under MkDocs too. The report and the home page's counts are made by
pipeline/report_fences.py from the same checks (``checked``: once per page per build).

A preprocessor after pymdownx.snippets (32) and Python-Markdown's whitespace pass (30, which
would strip the placeholders), before pipeline.printed (29), pipeline.figures (28) and
superfences (25): each fence becomes a placeholder for its HTML in a paragraph of its own, at
its indentation, so a fence inside a content tab or an admonition stays there.
"""

from __future__ import annotations

from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from checker import cache, render
from checker.document import Block, CheckFailure, blocks

# kind -> renderer, where engineers add theirs (was in pipeline/hook.py, which only MkDocs loads).
_RENDER = {
    "derivation": render.checked,
    "derivation-rejected": render.rejected,
    "derivation-unreadable": render.unreadable,
    "numeric-check": render.numeric,
    "notation": render.notation,
}

try:  # under MkDocs a BuildError stops the build with its message and no traceback
    from mkdocs.exceptions import PluginError as _Failure
except ImportError:  # another builder (Zensical): a plain error
    _Failure = ValueError


class DerivationError(_Failure):
    """A derivation fence that failed the checker, or could not be put back in its page."""


def _shown(path: Path) -> str:
    # Relative to where the build runs, as a contributor would type it.
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _page(md) -> tuple[str, str] | None:
    """``(path, source)`` of the file being converted, as the builder says; None when no builder says."""
    # MkDocs: its own treeprocessor holds the page's File (MkDocs has no public way to ask).
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    file = getattr(relpath, "file", None)
    # A File whose content was set in memory (pipeline/notebook_serve.py does, to render it again) loses its
    # abs_src_path; its src_dir and src_uri still say where it came from.
    where = getattr(file, "abs_src_path", None) or (
        Path(file.src_dir) / file.src_uri if getattr(file, "src_dir", None) and getattr(file, "src_uri", None) else None
    )
    if where:
        return _shown(Path(where)), file.content_string
    # Zensical: its rendering_context preprocessor holds the page, its path under docs_dir.
    context = md.preprocessors["rendering_context"] if "rendering_context" in md.preprocessors else None
    page = getattr(context, "page", None)
    if page is not None and getattr(page, "path", None):
        path = Path(context.config.get("docs_dir") or "docs") / page.path
        return _shown(path), path.read_text(encoding="utf-8")
    return None


def _site(md) -> tuple[Path, list | None] | None:
    """``(docs folder, nav)`` of the site being built, as the builder holds them; None when no builder says.

    The nav as MkDocs holds it (mkdocs.yml's list; None when it has none) or as Zensical does (each
    item a dict with its "url" and "children"): pipeline/report_fences.py reads both.
    """
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    config = getattr(relpath, "config", None)
    if config is not None and config.get("docs_dir"):
        return Path(config["docs_dir"]), config.get("nav")
    context = md.preprocessors["rendering_context"] if "rendering_context" in md.preprocessors else None
    config = getattr(context, "config", None)
    if config is not None and config.get("docs_dir"):
        return Path(config["docs_dir"]), config.get("nav")
    return None


# Each page checked once per build (per server, under mkdocs serve): for itself, and for the report and the home
# page's counts (pipeline/report_fences.py). Keyed by path and cache folder; its last source decides, so a page
# saved under mkdocs serve is checked again. A failing page raises and is not kept: asked again, checked again.
_checked: dict[tuple[str, Path], tuple[str, list[Block]]] = {}


def checked(path: str, source: str, folder: Path) -> list[Block]:
    """``cache.check(path, source, folder)``, once per page and source in this process; CheckFailure as it raises."""
    key = (path, folder.resolve())
    kept = _checked.get(key)
    if kept is None or kept[0] != source:
        _checked[key] = (source, cache.check(path, source, folder))
    return _checked[key][1]


class _DerivationFences(Preprocessor):
    """Check the page's fences (checker/cache.py), then put each one's HTML where it was."""

    def __init__(self, md, folder: Path):
        super().__init__(md)
        self.folder = folder

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        path, source = _page(self.md) or ("<markdown>", text)
        try:
            found = checked(path, source, self.folder)
            shown = render.page(path, source, found, _RENDER)
            here = blocks(text)
        except CheckFailure as failure:
            raise DerivationError(f"derivation check failed: {failure}") from None
        if [b.raw for b in here] != [b.raw for b in found]:
            raise DerivationError(
                f"{path}: the Markdown to convert has {len(here)} checked fences, the file {len(found)}: "
                "a fence was changed between the file and the Markdown (by an include or another extension)"
            )
        at = 0
        for block, html in zip(found, shown, strict=True):
            raw = block.raw.rstrip("\n")
            at = text.index(raw, at)
            # A paragraph of its own at the fence's indentation: inside a tab or an admonition it stays there.
            token = f"\n{block.indent}{self.md.htmlStash.store(html.strip())}\n"
            text = text[:at] + token + text[at + len(raw) :]
            at += len(token)
        return text.split("\n")


class DerivationExtension(Extension):
    """Registers the derivation fences' check and HTML, after pymdownx.snippets, ahead of superfences."""

    def __init__(self, **kwargs):
        self.config = {"cache": [str(cache.FOLDER), "where passing pages' results are kept"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        """Between Python-Markdown's whitespace pass (30) and pipeline.printed (29)."""
        md.preprocessors.register(_DerivationFences(md, Path(self.getConfig("cache"))), "derivation_fences", 29.5)


def makeExtension(**kwargs):
    """The extension, as mkdocs.yml and ``markdown.markdown(extensions=[...])`` load it."""
    return DerivationExtension(**kwargs)
