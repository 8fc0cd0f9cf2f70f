"""The ```figure fence as a Python-Markdown preprocessor: each fence becomes its figure's HTML (pipeline/figures.py).

It runs before superfences, so a figure works inside a content tab or an admonition, and
leaves every other fence alone (a code block that shows a figure fence stays code). A fence
that cannot be drawn stops the build with the page and the line of the fence, which MkDocs'
own treeprocessor tells (another builder: the line in the Markdown it was given).
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from pipeline.derivation_fences import _page
from pipeline.figures import FOLDER, FigureError, cached

_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")


class _FigureFences(Preprocessor):
    """Each ```figure fence becomes a placeholder for its figure's HTML; every other fence is left as it is."""

    def __init__(self, md, folder: Path):
        super().__init__(md)
        self.folder = folder

    def run(self, lines: list[str]) -> list[str]:
        out, i, seen = [], 0, {}
        while i < len(lines):
            opening = _OPEN.match(lines[i])
            if not opening:
                out.append(lines[i])
                i += 1
                continue
            fence = opening["fence"]
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(fence)), len(lines))
            if not re.match(r"figure\b", opening["info"]):  # another fence (code showing a figure fence stays code)
                out += lines[i : end + 1]
                i = end + 1
                continue
            body = [line.strip() for line in lines[i + 1 : end] if line.strip()]
            spec = body[0] if len(body) == 1 else " / ".join(body)
            seen[spec] = seen.get(spec, 0) + 1
            where = self._where(spec, seen[spec], i + 1)
            if opening["info"] != "figure":  # else superfences would show it as code, silently
                raise FigureError(f"{where}: a figure fence takes nothing after 'figure' (its id is its function's)")
            if end == len(lines):
                raise FigureError(f"{where}: figure fence is never closed")
            if seen[spec] > 1:
                raise FigureError(f"{where}: figure {spec} is already on this page: its ids would be there twice")
            try:
                shown = cached(spec, self.folder)
            except Exception as exc:  # the function's own error, located: never a traceback
                raise FigureError(f"{where}: figure {spec}: {type(exc).__name__}: {exc}") from None
            out += ["", opening["indent"] + self.md.htmlStash.store(shown), ""]
            i = end + 1
        return out

    def _where(self, spec: str, nth: int, line: int) -> str:
        """``page:line`` of the fence in its source file when the builder says which file; else the line here."""
        page = _page(self.md)  # derivation_fences: the one place that asks either builder
        if page is None:
            return f"line {line}"
        path, source = page
        lines = [n + 1 for n, text in enumerate(source.splitlines()) if text.strip() == spec]
        return f"{path}:{lines[nth - 1] if len(lines) >= nth else line}"


class FigureExtension(Extension):
    """Registers the ```figure fence ahead of superfences, so a figure inside a tab or an admonition works."""

    def __init__(self, **kwargs):
        self.config = {"cache": [str(FOLDER), "where drawn figures are kept"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        """Run before superfences (25) and after pymdownx.snippets (32), which may have included the fence."""
        md.preprocessors.register(_FigureFences(md, Path(self.getConfig("cache"))), "figure_fences", 28)
