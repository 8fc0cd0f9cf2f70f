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

import logging
import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import yaml

from . import display, matrix, numeric
from .latex import StepError
from .steps import Page, Verdict, split_equals

_KINDS = r"derivation-rejected|derivation-unreadable|derivation|numeric-check|notation"
# An optional {#id} names the block for links (anchors.py).
_OPEN = re.compile(
    rf"^(?P<indent>[ \t]*)(?P<fence>`{{3,}}|~{{3,}})[ \t]*(?P<kind>{_KINDS})"
    r"[ \t]*(?:\{(?P<attrs>[^}]*)\})?[ \t]*$"
)
# Shown by mkdocs (build and serve) as INFO lines, not failures.
_FLAGS = logging.getLogger("mkdocs.plugins.derivation")
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
    rejection: str = ""  # for derivation-rejected and -unreadable: the checker's message
    error: StepError | None = None  # ... and the StepError itself (reason, point, left, right, lhs, rhs)
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


# Inside a line, ``\\`` breaks a long side onto the next row when shown, for phones; the checkers ignore it.
# Only outside an environment: in \begin{pmatrix} ... \end{pmatrix} it is TeX's own row separator.
BREAK = "\\\\"
_ENVIRONMENT = re.compile(r"\\(begin|end)\{[^}]*\}")


def pieces(line: str) -> list[str]:
    r"""``line`` cut at every ``\\`` outside an environment: the rows a long side is shown on."""
    out, depth, start, at = [], 0, 0, 0
    while at < len(line):
        environment = _ENVIRONMENT.match(line, at)
        if environment:
            depth += 1 if environment[1] == "begin" else -1
            at = environment.end()
        elif line.startswith(BREAK, at) and depth == 0:
            out.append(line[start:at].strip())
            at = start = at + len(BREAK)
        else:
            at += 2 if line[at] == "\\" else 1  # a command's backslash and its first letter together
    return [*out, line[start:].strip()]


def _check_lines(page: Page, block: Block, claims_only: bool = False) -> list[tuple[int, Verdict]]:
    """Check a fence's lines in order; ``claims_only``: every line is a claim, even ``L = ...``."""
    verdicts, before = [], None
    for number, shown in block.lines:
        text = " ".join(pieces(shown))  # where a long side breaks on the page; the math is the same
        try:
            if text.startswith("="):
                if before is None:
                    raise StepError("a line that starts with '=' needs a line above it", reason="parse")
                chain = [before, *split_equals(text[1:])]
                found = [page.claim(a, b) for a, b in pairwise(chain)]
            elif claims_only:
                chain = split_equals(text)
                if len(chain) < 2 or not all(chain):
                    raise StepError(f"expected 'left = right', got '{text}'", reason="parse")
                found = [page.claim(a, b) for a, b in pairwise(chain)]
            else:
                found = page.check(text)
        except StepError as exc:
            raise _Located(number, str(exc), exc) from None
        except Exception as exc:  # a checker's internal error is a failure of this line, never a traceback
            error = StepError(f"the checker cannot check '{text}': {type(exc).__name__}: {exc}")
            raise _Located(number, str(error), error) from None
        verdicts += [(number, v) for v in found]
        before = found[-1].rhs
    return verdicts


class _Located(Exception):
    def __init__(self, line: int, message: str, error: StepError | None = None):
        super().__init__(message)
        self.line, self.message, self.error = line, message, error


# Reasons that show a line is wrong. A line that cannot be read is not shown wrong by failing.
_WRONG = {"differ", "undefined", "domain", "shape"}  # shape: matrices that do not fit (matrix.py) are wrong math


def _check_rejected(path: str, page: Page, block: Block) -> None:
    """A rejected line must fail for a mathematical reason; an unreadable one must fail to parse.

    The line is checked as a claim against the page so far (a copy), so it defines nothing.
    """
    try:
        _check_lines(page.copy(), block, claims_only=True)
    except _Located as exc:
        reason = exc.error.reason if exc.error is not None else "other"
        if block.kind == "derivation-rejected" and reason not in _WRONG:
            raise CheckFailure(
                path,
                exc.line,
                block.step,
                f"this derivation-rejected line is not shown wrong: it fails for reason '{reason}', not for a "
                f"mathematical one ({exc.message}); if it cannot be read, put it in derivation-unreadable",
            ) from None
        if block.kind == "derivation-unreadable" and reason != "parse":
            raise CheckFailure(
                path,
                exc.line,
                block.step,
                "this line can be read; show it in derivation-rejected or derivation "
                f"(the checker says: {exc.message})",
            ) from None
        block.rejection = str(CheckFailure(path, exc.line, block.step, exc.message))
        block.error = exc.error
    else:
        says = "it is not wrong" if block.kind == "derivation-rejected" else "it can be read"
        raise CheckFailure(path, block.line, block.step, f"this {block.kind} fence passes the checker; {says}")


def _seed(path: str) -> str:
    """The page's random networks' seed: its path from the docs folder on, wherever the project is cloned."""
    parts = Path(path).parts
    return "/".join(parts[len(parts) - 1 - parts[::-1].index("docs") :]) if "docs" in parts else Path(path).name


def check_source(path: str, source: str) -> list[Block]:
    """Check every fence of one page; raise CheckFailure at the first wrong step."""
    meta, _ = front_matter(source)
    try:
        page = Page(meta.get("symbols") or {})
        if meta.get("shapes"):  # matrix lines go to matrix.py, the rest to steps.py
            page = display.Routed(page, matrix.MatrixPage(meta["shapes"], _seed(path)))
    except ValueError as exc:
        raise CheckFailure(path, 1, "front matter", str(exc)) from None
    found = blocks(source)
    for block in found:
        if not block.lines:
            raise CheckFailure(path, block.line, block.step, "empty derivation fence")
        if block.kind in ("numeric-check", "notation"):
            continue  # numeric-check: run by check_numeric, on every build; notation: shown, not a claim
        if block.kind == "derivation":
            try:
                block.verdicts = _check_lines(page, block)
            except _Located as exc:
                raise CheckFailure(path, exc.line, block.step, exc.message) from None
            continue
        _check_rejected(path, page, block)
    _no_unchecked_math(path, source, page)
    return found


def _no_unchecked_math(path: str, source: str, page: Page) -> None:
    """Fail on a display equation outside the fences, and on a wrong inline derivative claim (display.py)."""
    skip = front_matter(source)[1]
    for line, step, formula in display.unchecked_displays(source, skip):
        raise CheckFailure(path, line, step, display.message(formula))
    try:
        inline = display.inline_claims(source, page, skip)
    except StepError as exc:
        raise CheckFailure(path, exc.line, "inline formula", f"inline claim is wrong: {exc}") from None
    for line, formula, why in inline:
        if why:  # flagged, not failed: prose often writes a general index (a_i, dz^{(i)}) no fence defines
            _FLAGS.info("%s:%d: inline claim not checked, \\(%s\\): %s", path, line, formula, why)


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
