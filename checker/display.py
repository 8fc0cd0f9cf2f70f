r"""Which checker reads a line, and the rule that no display equation goes unchecked.

A page with ``shapes:`` in its front matter has two checkers: matrix lines (a layer
superscript such as ``Z^{[l]}``, or a declared capital such as ``X`` or ``dZ``) go
to matrix.py, every other line to steps.py. ``Routed`` looks like one page to
document.py.

Display math outside the fences, in any syntax pymdownx.arithmatex typesets (``\[...\]``,
``$$...$$``, ``\begin{env}...\end{env}``), with ``=`` or an arrow (⟹, ⇔) is a claim no
checker saw: ``unchecked_displays`` finds each, and the page fails. A derivation fence
checks it; a notation fence shows it as notation. An inline formula (``\(...\)`` or
``$...$``) with a derivative and ``=`` is checked against the page's definitions where a
checker can read it (``inline_claims``).
"""

from __future__ import annotations

import re

from .latex import StepError
from .matrix import MatrixPage

_RELATION = re.compile(
    r"=|\\(?:Longrightarrow|Rightarrow|implies|iff|Leftrightarrow|Longleftrightarrow|longrightarrow|to)(?![a-zA-Z])|[⟹⇔⇒⟺]"
)
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# arithmatex's block syntaxes: square, dollar and begin (an environment outside inline math, which is blanked first).
_DISPLAY = re.compile(
    r"\\\[(?P<a>.*?)\\\]|\$\$(?P<b>.*?)\$\$|(?P<c>\\begin\{(?P<env>[A-Za-z]+\*?)\}.*?\\end\{(?P=env)\})", re.S
)
# arithmatex's inline syntaxes: round, and dollar (no space inside either end, not a $$).
_INLINE = re.compile(r"\\\((?P<math>.*?)\\\)|(?<![\\$])\$(?![\s$])(?P<dollar>[^$\n]*?[^\s\\$])\$(?!\$)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*(?:\{[^}]*#(?P<id>[\w-]+)[^}]*\})?\s*$")


class Routed:
    """The page's scalar checker and its matrix checker, as one: each line to the checker that reads it."""

    def __init__(self, scalars, matrices: MatrixPage):
        self.scalars, self.matrices = scalars, matrices

    def _for(self, *texts: str):
        return self.matrices if any(self.matrices.reads(t) for t in texts) else self.scalars

    def check(self, line: str):
        """Check one line with the checker that reads it."""
        return self._for(line).check(line)

    def claim(self, lhs: str, rhs: str):
        """A continuation: matrix if either side is matrix notation."""
        return self._for(lhs, rhs).claim(lhs, rhs)

    def copy(self) -> Routed:
        """Both checkers copied: a rejected line defines nothing on the page."""
        return Routed(self.scalars.copy(), self.matrices.copy())

    def __getattr__(self, name: str):
        return getattr(self.scalars, name)


def _prose(source: str) -> list[str]:
    """The page's lines with every fenced block and code span blanked (line numbers kept)."""
    lines, fence, out = source.splitlines(), None, []
    for text in lines:
        opening = _FENCE.match(text)
        if fence is None and opening:
            fence = opening[1]
            out.append("")
        elif fence is not None:
            if text.strip().startswith(fence[0] * len(fence)) and not text.strip().strip(fence[0]):
                fence = None
            out.append("")
        else:
            out.append(_CODE_SPAN.sub(lambda m: " " * len(m[0]), text))
    return out


def _step(lines: list[str], index: int) -> str:
    for text in reversed(lines[: index + 1]):
        heading = _HEADING.match(text)
        if heading:
            return heading["id"] or heading["text"]
    return "top of page"


def unchecked_displays(source: str, skip: int = 0) -> list[tuple[int, str, str]]:
    """(line, step, formula) of every display equation outside the fences; ``skip``: front matter lines."""
    lines = _prose(source)
    for i in range(min(skip, len(lines))):
        lines[i] = ""
    text = "\n".join(_INLINE.sub(lambda m: " " * len(m[0]), line) for line in lines)
    found = []
    for match in _DISPLAY.finditer(text):
        formula = next(part for part in (match["a"], match["b"], match["c"]) if part is not None)
        if _RELATION.search(formula):
            line = text.count("\n", 0, match.start()) + 1
            found.append((line, _step(lines, line - 1), " ".join(formula.split())))
    return found


def prose_math(source: str) -> list[tuple[int, str]]:
    """Every display equation and inline derivative claim outside the fences: part of cache.py's key."""
    found = [(line, formula) for line, _, formula in unchecked_displays(source)]
    for number, text in enumerate(_prose(source), 1):
        found += [(number, _math(m)) for m in _INLINE.finditer(text) if _is_inline_claim(_math(m))]
    return found


def _math(match: re.Match) -> str:
    """The formula of an inline match, whichever syntax it was written in."""
    return match["math"] if match["math"] is not None else match["dollar"]


def _is_inline_claim(formula: str) -> bool:
    return "=" in formula and bool(re.search(r"\\frac\s*\{\s*(?:d|\\partial)|\\partial", formula))


def message(formula: str) -> str:
    """What the contributor reads for an unchecked display equation."""
    return (
        f"display equation not checked: \\[{formula}\\]. Put it in a ```derivation fence (one equation a "
        "line, so the build checks it), or in a ```notation fence if it is notation, not a claim"
    )


def inline_claims(source: str, page, skip: int = 0) -> list[tuple[int, str, str]]:
    """Inline derivative claims: (line, formula, "") when checked, or (line, formula, why) when flagged.

    A claim that a checker reads and finds wrong raises StepError (with its line on ``.line``).
    """
    lines = _prose(source)
    found = []
    for number, text in enumerate(lines, 1):
        if number <= skip:
            continue
        for match in _INLINE.finditer(text):
            formula = _math(match).strip().rstrip(".,")
            if not _is_inline_claim(formula):
                continue
            try:
                page.copy().check(formula)
            except StepError as exc:
                if getattr(exc, "reason", "") == "differ":
                    exc.line = number
                    raise
                found.append((number, formula, str(exc)))
            else:
                found.append((number, formula, ""))
    return found
