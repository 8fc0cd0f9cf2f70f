r"""Find the derivation fences of a Markdown page and check them in page order.

````
```derivation
\frac{dL}{da} = -\frac{y}{a} + \frac{1-y}{1-a}
  = \frac{a-y}{a(1-a)}
```
````

A ``derivation-rejected`` fence holds a line that must fail (the corrections
page shows the original post's errors that way); if it passes, that is an error.
A ``numeric-check`` fence names functions that check a matrix result in numpy
(see numeric.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import yaml

from . import numeric
from .latex import StepError
from .steps import Page, Verdict, split_equals

_KINDS = r"derivation|derivation-rejected|numeric-check"
_OPEN = re.compile(rf"^(?P<indent>[ \t]*)(?P<fence>`{{3,}}|~{{3,}})[ \t]*(?P<kind>{_KINDS})[ \t]*$")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*(?:\{[^}]*#(?P<id>[\w-]+)[^}]*\})?\s*$")


@dataclass
class Block:
    """One fence: where it is, under which heading, and its lines of LaTeX."""

    kind: str
    line: int  # the opening fence, counting from 1
    step: str  # the heading id (or text) the fence sits under
    lines: list[tuple[int, str]]
    raw: str  # the fence as written, fences included
    indent: str = ""
    verdicts: list[tuple[int, Verdict]] = field(default_factory=list)
    rejection: str = ""  # for derivation-rejected: the checker's message
    results: list[numeric.Result] = field(default_factory=list)  # for numeric-check


class CheckFailure(Exception):
    """A step that failed, located: file, line, step."""

    def __init__(self, path: str, line: int, step: str, message: str):
        super().__init__(f"{path}:{line}: step '{step}': {message}")
        self.path, self.line, self.step, self.message = path, line, step, message


def front_matter(source: str) -> tuple[dict, int]:
    """The page's YAML front matter and the number of lines it takes."""
    match = re.match(r"^---[ \t]*\n(.*?\n)---[ \t]*\n", source, re.S)
    if not match:
        return {}, 0
    return yaml.safe_load(match[1]) or {}, match[0].count("\n")


def blocks(source: str) -> list[Block]:
    """Every derivation fence in ``source``, in order, with line numbers."""
    found, step, lines = [], "top of page", source.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        heading = _HEADING.match(lines[i])
        if heading:
            step = heading["id"] or heading["text"]
        opening = _OPEN.match(lines[i])
        if not opening:
            i += 1
            continue
        indent, fence = opening["indent"], opening["fence"]
        body, j = [], i + 1
        while j < len(lines) and not lines[j].strip().startswith(fence):
            text = lines[j][len(indent) :] if lines[j].startswith(indent) else lines[j]
            if text.strip():
                body.append((j + 1, text.strip()))
            j += 1
        if j == len(lines):
            raise CheckFailure("", i + 1, step, f"{opening['kind']} fence is never closed")
        found.append(Block(opening["kind"], i + 1, step, body, "".join(lines[i : j + 1]), indent))
        i = j + 1
    return found


def _check_lines(page: Page, block: Block) -> list[tuple[int, Verdict]]:
    verdicts, before = [], None
    for number, text in block.lines:
        try:
            if text.startswith("="):
                if before is None:
                    raise StepError("a line that starts with '=' needs a line above it")
                chain = [before, *split_equals(text[1:])]
                found = [page.claim(a, b) for a, b in pairwise(chain)]
            else:
                found = page.check(text)
        except StepError as exc:
            raise _Located(number, str(exc)) from None
        verdicts += [(number, v) for v in found]
        before = found[-1].rhs
    return verdicts


class _Located(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def check_source(path: str, source: str) -> list[Block]:
    """Check every fence of one page; raise CheckFailure at the first wrong step."""
    meta, _ = front_matter(source)
    try:
        page = Page(meta.get("symbols") or {})
    except ValueError as exc:
        raise CheckFailure(path, 1, "front matter", str(exc)) from None
    found = blocks(source)
    for block in found:
        if not block.lines:
            raise CheckFailure(path, block.line, block.step, "empty derivation fence")
        if block.kind == "numeric-check":
            continue  # run by check_numeric, on every build
        if block.kind == "derivation":
            try:
                block.verdicts = _check_lines(page, block)
            except _Located as exc:
                raise CheckFailure(path, exc.line, block.step, exc.message) from None
            continue
        # A rejected line is checked against the page so far, and defines nothing.
        try:
            _check_lines(page.copy(), block)
        except _Located as exc:
            block.rejection = str(CheckFailure(path, exc.line, block.step, exc.message))
        else:
            raise CheckFailure(
                path, block.line, block.step, "this derivation-rejected fence passes the checker; it is not wrong"
            )
    return found


def check_numeric(path: str, found: list[Block], folder: Path | None = None, version: str = "") -> list[Block]:
    """Run the functions every numeric-check fence names; raise CheckFailure at the first that fails.

    ``folder`` and ``version``: see numeric.run.
    """
    for block in found:
        if block.kind != "numeric-check":
            continue
        if not block.lines:
            raise CheckFailure(path, block.line, block.step, "empty numeric-check fence")
        block.results = []
        for line, target in block.lines:
            try:
                block.results.append(numeric.run(target, folder, version))
            except StepError as exc:
                raise CheckFailure(path, line, block.step, str(exc)) from None
    return found
