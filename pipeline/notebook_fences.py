"""A Markdown extension: a ```notebook fence becomes the notebook it names, run, as the page's own Markdown.

````md
```notebook
docs/notebooks/sigmoid-and-loss.py
```
````

The fence names a jupytext percent-format ``.py``, relative to where the build runs;
pipeline/notebook_run.py runs it (or reads the run it kept). Its cells become Markdown that
the rest of the page's pipeline reads like any other: a Markdown cell as it is (its ``$...$``
math goes through pymdownx.arithmatex, its links are checked by the builder), a code cell as
a ```python fence (a cell tagged ``remove_input`` shows its output only), text output as a
```text fence, a ``display(Markdown(...))`` as Markdown (in a ``<div markdown>``, so the page needs
md_in_html), and a plot as inline SVG drawn in the page's font and colours, named after its
section for a screen reader.

A Python-Markdown preprocessor, so MkDocs and Zensical (which runs no MkDocs plugin) both run
it: after Python-Markdown's whitespace pass (30, which would strip the plots' placeholders),
before the derivation fences (29.5, which then see that a notebook adds no checked fence),
pipeline.printed, pipeline.figures and superfences. Every other fence is left as it is.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from markdown import Extension
from markdown.preprocessors import Preprocessor

from checker import cache, display, reader_step
from pipeline import check_box
from pipeline.derivation_fences import _RENDER, _page
from pipeline.notebook_run import FOLDER, NotebookError, executed, shown
from pipeline.notebook_run import _where as where_cell

_NAMED = re.compile(r"^(`{3,}|~{3,})[ \t]*notebook[ \t]*\n[ \t]*(?P<path>[^\n]*?\.py)[ \t]*\n\1[ \t]*$", re.M)
_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*$")
# The fences the checker reads: in a notebook's Markdown cell they would reach the reader unchecked.
_KINDS = "|".join(sorted(map(re.escape, _RENDER), key=len, reverse=True))
_CHECKED = re.compile(rf"^[ \t]*(?:`{{3,}}|~{{3,}})[ \t]*({_KINDS})(?![\w-])", re.M)
_HEADING = re.compile(r"^#{1,6}[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$", re.M)
# matplotlib's colours for paper and ink, and what they become: the page's, in either scheme.
_SCHEME = {"#ffffff": "var(--md-default-bg-color)", "#000000": "var(--md-default-fg-color)"}
_GEOMETRY = re.compile(r'(\s(?:d|x|y|width|height|transform|points)=")([^"]*)')


def named(text: str) -> list[str]:
    """The paths of the notebooks that the ```notebook fences of a page's Markdown ``text`` name."""
    return [match["path"] for match in _NAMED.finditer(text)]


def _fence(info: str, text: str) -> str:
    """``text`` in a fence longer than any run of backticks in it."""
    ticks = "`" * max(3, 1 + max((len(run) for run in re.findall(r"`+", text)), default=0))
    return f"{ticks}{info}\n{text.rstrip()}\n{ticks}"


def _plain(text: str) -> str:
    """A heading's words without Markdown's marks: what a screen reader should say."""
    text = re.sub(r"\{[^}]*\}\s*$", "", text)  # an attribute list: { #anchor }
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link's words
    return " ".join(re.sub(r"[`*_$\\]", "", text).split())


def plot(svg: str, slug: str, label: str) -> str:
    """A matplotlib SVG made fit for a page: no prologue, ids its own, the page's font and colours, a name."""
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->|<metadata>.*?</metadata>", "", svg, flags=re.S).strip()
    if not svg.startswith("<svg") or "viewBox=" not in svg[: svg.index(">")]:
        raise ValueError("a plot must be one <svg ...> element with a viewBox")
    # Its one stylesheet would style the whole page: the two rules go on the root, where they inherit.
    svg = re.sub(r"<defs>\s*<style[^>]*>[^<]*</style>\s*</defs>", "", svg)
    # Ids: only those referred to stay, with the plot's own prefix, so two plots never share one.
    used = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))
    svg = re.sub(r'\sid="([^"]+)"', lambda m: f' id="{slug}-{m[1]}"' if m[1] in used else "", svg)
    svg = re.sub(r'(href="#|url\(#)([^")]+)', lambda m: f"{m[1]}{slug}-{m[2]}", svg)
    svg = re.sub(r"font-family: [^;\"]*", "font-family: var(--md-text-font-family)", svg)
    svg = re.sub(r"#ffffff\b|#000000\b", lambda m: _SCHEME[m[0]], svg)
    # Smaller: coordinates to 1/100, no line breaks or indentation between elements.
    svg = re.sub(_GEOMETRY, lambda m: m[1] + re.sub(r"(\.\d\d)\d+", r"\1", m[2]), svg)
    svg = re.sub(r">\s+<", "><", re.sub(r"\s*\n\s*", " ", svg))
    head = svg.index(">")
    tag = re.sub(r'\s(?:width|height)="[^"]*"', "", svg[:head])  # the viewBox scales it to the column
    name = html.escape(label, quote=True)
    # matplotlib writes no fill for black text: it inherits the page's text colour from the root, in either scheme.
    style = "stroke-linejoin: round; stroke-linecap: butt; fill: var(--md-default-fg-color)"
    tag += f' role="img" aria-label="{name}" style="{style}"'
    # Out of the search index (Material reads data-search-exclude): its tick labels are no sentence.
    return f'<figure class="notebook-plot" data-search-exclude>{tag}{svg[head:]}</figure>'


def _checked_math(source: str, index: int, page: dict | None) -> None:
    """Check a Markdown cell's math as the page's own would be, or refuse what cannot be checked here.

    The checker reads the page's file, where a notebook is one fence. An inline derivative claim
    is checked against the definitions of the notebook page's derivation fences (``page``, as
    check_box.data gives them), by the checker the reader's box runs. A display equation or a
    checked fence in a cell cannot be checked here: refused.
    """
    refused = [f"the display equation '{formula}'" for _, _, formula in display.unchecked_displays(source)]
    refused += [f"a ```{kind} fence" for kind in _CHECKED.findall(source)]
    if refused:
        raise CellError(index, f"holds {refused[0]}, which the build cannot check in a notebook: {_MOVE}")
    displayed = {formula for _, formula in display.prose_math(source)}
    for claim in sorted(displayed):
        if page is None:
            raise CellError(index, f"claims '{claim}', and the notebook's page has no derivation fence to check it by")
        answer = reader_step.check(page, claim)
        if answer["verdict"] != "correct":
            raise CellError(index, f"claims '{claim}': {' '.join(answer['answers'])}")


class CellError(ValueError):
    """What is wrong with the notebook's cell ``index`` (counted from 1), said without the cell."""

    def __init__(self, index: int, said: str):
        super().__init__(f"cell {index} {said}")
        self.index, self.said = index, said


def markdown(notebook, slug: str, stash, page: dict | None = None) -> str:
    """The run ``notebook`` as Markdown; each plot's HTML kept in ``stash`` (Python-Markdown's htmlStash).

    ``page``: the notebook page's definitions (check_box.data), which its cells' derivative claims are checked by.
    """
    parts, section, plots = [], "", 0
    for index, cell in enumerate(notebook.cells, 1):
        if cell.cell_type == "markdown":
            _checked_math(cell.source, index, page)
            parts.append(cell.source)
            headings = [m["text"] for m in _HEADING.finditer(cell.source)]
            section = _plain(headings[-1]) if headings else section
            continue
        if cell.cell_type != "code":
            raise ValueError(f"cell {index} is a {cell.cell_type} cell: a notebook page shows Markdown and code")
        if "remove_input" not in cell.metadata.get("tags", []) and cell.source.strip():
            parts.append(_fence("python", cell.source))
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if output.output_type == "stream":
                parts.append(_fence(" { .text .notebook-output }", output.text))
            elif "image/svg+xml" in data:
                plots += 1
                name = f"Plot: {section}" if section else "Plot"
                parts.append(stash.store(plot(data["image/svg+xml"], f"{slug}-plot-{plots}", name)))
            elif "text/markdown" in data:  # Markdown in a box of its own (md_in_html): its tables fit a phone
                parts.append(f'<div class="notebook-markdown" markdown>\n\n{data["text/markdown"].strip()}\n\n</div>')
            elif "text/plain" in data and not any(kind.startswith("image/") for kind in data):
                parts.append(_fence(" { .text .notebook-output }", data["text/plain"]))
            else:
                raise ValueError(f"cell {index} shows {', '.join(sorted(data))}: a page shows text, Markdown or SVG")
    return "\n\n".join(part.strip("\n") for part in parts if part.strip())


class _NotebookFences(Preprocessor):
    """Each ```notebook fence becomes its notebook's Markdown; every other fence is left as it is."""

    def __init__(self, md, folder: Path):
        super().__init__(md)
        self.folder = folder

    def run(self, lines: list[str]) -> list[str]:
        out, i = [], 0
        while i < len(lines):
            opening = _OPEN.match(lines[i])
            if not opening:
                out.append(lines[i])
                i += 1
                continue
            fence = opening["fence"]
            end = next((j for j in range(i + 1, len(lines)) if lines[j].strip().startswith(fence)), len(lines))
            if opening["info"] != "notebook":  # another fence (code that shows a notebook fence stays code)
                out += lines[i : end + 1]
                i = end + 1
                continue
            body = [line.strip() for line in lines[i + 1 : end] if line.strip()]
            out += self._notebook(opening["indent"], body, end == len(lines), i + 1).split("\n")
            i = end + 1
        return out

    def _definitions(self) -> dict | None:
        """The notebook page's symbols and definitions, from its derivation fences (None when it has none)."""
        page = _page(self.md)
        return check_box.data(*page, cache.FOLDER) if page else None

    def _notebook(self, indent: str, body: list[str], unclosed: bool, line: int) -> str:
        where = f"notebook fence at line {line}"
        if unclosed:
            raise NotebookError(f"{where}: never closed")
        if indent:
            raise NotebookError(f"{where}: a notebook fence stands at the top level of its page, not indented")
        if len(body) != 1 or not body[0].endswith(".py"):
            raise NotebookError(f"{where}: expected one line, the path of a .py notebook, got {body!r}")
        if "markdown_block" not in self.md.parser.blockprocessors:
            raise NotebookError(f"{where}: a notebook page needs the md_in_html extension (its Markdown outputs)")
        path = Path(body[0])
        if not path.is_file():
            raise NotebookError(f"{where}: {body[0]} is not a file (the path is relative to where the build runs)")
        notebook = executed(path, self.folder)
        try:
            return markdown(notebook, path.stem, self.md.htmlStash, self._definitions())
        except CellError as exc:  # file:line: cell n, as a failing cell is named
            raise NotebookError(f"{where_cell(path, len(notebook.cells), exc.index - 1)}: {exc.said}") from None
        except ValueError as exc:
            raise NotebookError(f"{shown(path)}: {exc}") from None


_MOVE = "put the step on a page, in a derivation fence, and link to it"


class NotebookExtension(Extension):
    """Registers the ```notebook fence after the whitespace pass, ahead of the checked fences and superfences."""

    def __init__(self, **kwargs):
        self.config = {"cache": [str(FOLDER), "where run notebooks are kept"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        """Between Python-Markdown's whitespace pass (30) and pipeline.derivation_fences (29.5)."""
        md.preprocessors.register(_NotebookFences(md, Path(self.getConfig("cache"))), "notebook_fences", 29.7)


def makeExtension(**kwargs):
    """The extension, as mkdocs.yml and ``markdown.markdown(extensions=[...])`` load it."""
    return NotebookExtension(**kwargs)
