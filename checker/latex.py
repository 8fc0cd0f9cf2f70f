r"""Turn one side of a step, written in LaTeX, into a sympy expression.

sympy's LaTeX parser is close to what we need but not there: it reads ``a(1-a)``
as a call of a function ``a``, ``e`` as a symbol, and it cannot parse
``\frac{dL}{dw_1}``. Everything the parser needs help with is handled here, and
every expression the site shows goes through this one function.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.parsing.latex import LaTeXParsingError, parse_latex

from .binding import bind
from .canon import NOT_FUNCTIONS
from .notation import GREEK, SUPERSCRIPTED, NotationError, rewrite, superscripted_name


class StepError(ValueError):
    """A step that cannot be read or that is wrong; the message says why.

    ``reason``: "parse" (the text cannot be read), "differ" (the two sides differ at ``point``,
    where they are ``left`` and ``right``), "undefined" (a symbol or function the page does not
    define), "domain" (undefined on most of its domain), "shape" (matrices that do not fit) or
    "other". ``lhs`` and ``rhs`` are the LaTeX of the two sides, where there are two.
    """

    REASONS = ("parse", "differ", "undefined", "domain", "shape", "other")

    def __init__(
        self,
        message: str,
        reason: str = "other",
        point: list[tuple[str, object]] | None = None,
        left: object = None,
        right: object = None,
        lhs: str = "",
        rhs: str = "",
    ):
        if reason not in self.REASONS:
            raise ValueError(f"reason {reason!r} is not one of {self.REASONS}")
        super().__init__(message)
        self.reason, self.point, self.left, self.right = reason, list(point or []), left, right
        self.lhs, self.rhs = lhs, rhs

    def __reduce__(self):
        return (_step_error, (str(self), self.reason, self.point, self.left, self.right, self.lhs, self.rhs))


def _step_error(*args) -> StepError:
    return StepError(*args)


# Layout-only commands: they change spacing or size, never the value.
# \\ too: where a long side breaks onto the next row when shown (document.pieces).
_LAYOUT = re.compile(r"\\\\|\\(?:left|right|big|Big|bigg|Bigg)(?![a-zA-Z])|\\[,;:!]|\\quad|\\qquad")
_FUNCTIONS = {"max": sp.Max, "min": sp.Min}
# Commands the parser takes for a function name before (...), which are relations or arrows.
_RELATIONS = {"simeq", "approx", "sim", "equiv", "cong", "propto", "to", "rightarrow", "Rightarrow", "mapsto"}


@dataclass(frozen=True)
class Derivative:
    """dF/dx as written by a person: evaluated later, against the definitions.

    ``f`` is None for the course's shorthand (``dz``): the derivative of the page's cost.
    """

    f: sp.Symbol | None
    x: sp.Symbol
    order: int = 1
    written: str = ""


def parse(
    latex: str, symbols: dict[str, sp.Symbol], functions: set[str]
) -> tuple[sp.Expr, dict[sp.Symbol, Derivative]]:
    """Parse ``latex`` into sympy, with the page's declared symbols and functions.

    Returns the expression and the derivatives it contains, each stood in for by
    a placeholder symbol. Raises StepError naming what could not be read.
    """
    text = _LAYOUT.sub(" ", latex).replace(r"\times", r"\cdot").strip()
    if not text:
        raise StepError("empty expression", reason="parse")
    try:
        written = rewrite(text)
        written.text = bind(written.text, written.names, set(symbols), functions)
    except NotationError as exc:
        raise StepError(f"'{latex}': {exc}", reason=exc.reason) from None
    try:
        expr = _parse_latex(written.text)
    except (LaTeXParsingError, TypeError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise StepError(f"cannot parse LaTeX '{latex}': {first}", reason="parse") from None
    if isinstance(expr, sp.core.relational.Relational):
        raise StepError(f"expected an expression, found a relation in '{latex}'", reason="parse")
    if expr.has(sp.Sum, sp.Product):
        # x^{(i)} is one name (notation.py), so a sum over i of it would be that one name m times.
        raise StepError(
            f"'{latex}': a scalar line cannot sum over examples (L^{{(i)}} is one name, not the i-th of several): "
            "write the terms out (L_1 + L_2), or write it as a matrix line with declared shapes",
            reason="parse",
        )
    marks = {
        sp.Symbol(name): Derivative(
            None if f is None else symbols.get(f, sp.Symbol(f)), symbols.get(x, sp.Symbol(x)), order, spelled
        )
        for name, (f, x, order, spelled) in written.rates.items()
    }
    return _normalise(expr, symbols, functions, marks, written.names), marks


# A command, with the subscript that makes it a name of its own (\ell_1, \alpha_2).
_COMMAND = re.compile(r"\\([A-Za-z]+)(?:_(?:\{\s*([A-Za-z0-9]+)\s*\}|([A-Za-z0-9])))?")
_LETTER = re.compile(r"(?<![A-Za-z])([A-Za-z])(?:_(?:\{\s*([A-Za-z0-9]+)\s*\}|([A-Za-z0-9])))?")


def names_written(latex: str) -> set[str]:
    r"""The symbol names ``latex`` writes, read from the text: the parser drops some (q \cdot 0 is 0)."""
    written = rewrite(_LAYOUT.sub(" ", latex))
    text = re.sub(r"\\mathit\{(Q(?:name|rate)[A-K]+)\}", " ", written.text)
    found = set(written.names.values())
    found |= {m[1] + (f"_{{{m[2] or m[3]}}}" if m[2] or m[3] else "") for m in _COMMAND.finditer(text) if m[1] in GREEK}
    text = re.sub(r"\\(?:text|mathrm|operatorname)\s*\{[^{}]*\}|" + _COMMAND.pattern, " ", text)
    for m in _LETTER.finditer(text):
        sub = m[2] or m[3]
        found.add(m[1] + (f"_{{{sub}}}" if sub else ""))
    return found


# Parses of this process, and of earlier ones (cache.py loads and saves them):
# a pure function of the text, and the slowest part of a check.
PARSED: dict[str, sp.Basic] = {}


def _parse_latex(text: str) -> sp.Basic:
    if text not in PARSED:
        PARSED[text] = parse_latex(text, strict=True)
    return PARSED[text]


# One letter or a Greek command, with an optional subscript: w_1, x_{11}, \sigma.
_NAME = re.compile(
    r"^\s*(?:\\(?P<command>[A-Za-z]+)|(?P<letter>[A-Za-z]))"
    r"(?:_(?:\{(?P<braced>[A-Za-z0-9]+)\}|(?P<bare>[A-Za-z0-9])))?\s*$"
)


def symbol_name(latex: str) -> str:
    """The name the checker gives the symbol ``latex`` (w_1 -> 'w_{1}', a^{[1]}_2 -> 'a^{[1]}_{2}').

    Parsing is the slowest part of a check, and every declared symbol and every
    derivative's F and x is a name; other text goes to the parser.
    """
    layered = SUPERSCRIPTED.fullmatch(latex.strip())
    if layered and not layered["d"]:
        return superscripted_name(layered)
    match = _NAME.match(latex)
    if not match:
        return str(_parse_latex(latex))
    sub = match["braced"] or match["bare"]
    return (match["command"] or match["letter"]) + (f"_{{{sub}}}" if sub else "")


def _normalise(
    expr: sp.Basic,
    symbols: dict[str, sp.Symbol],
    functions: set[str],
    marks: dict[sp.Symbol, Derivative],
    names: dict[str, str],
) -> sp.Basic:
    """Give the parse tree the meaning a reader of the page would give it."""
    if isinstance(expr, sp.Symbol):
        if expr in marks:
            return expr
        name = names.get(expr.name, expr.name)
        if name in {"e", "pi"} and name not in symbols:
            return sp.E if name == "e" else sp.pi
        return symbols.get(name, sp.Symbol(name) if name != expr.name else expr)
    if isinstance(expr, sp.log) and len(expr.args) == 2 and expr.args[1] == sp.E:
        return sp.log(_normalise(expr.args[0], symbols, functions, marks, names))
    if isinstance(expr, sp.Float):
        return sp.Rational(str(expr))  # 0.01 as written, not the nearest binary float
    if not expr.args:
        return expr
    args = [_normalise(a, symbols, functions, marks, names) for a in expr.args]
    if isinstance(expr, AppliedUndef):
        name = names.get(type(expr).__name__, type(expr).__name__)
        if name in symbols or name in {"e", "pi"}:
            # binding.py writes a \cdot after a symbol before a bracket; a call of one is a spelling it missed,
            # and the tree no longer says whether a power after the bracket belonged to it or to the product.
            raise StepError(f"cannot tell what {name}(...) multiplies; write {name} \\cdot (...)", reason="parse")
        if name in _FUNCTIONS:
            return _FUNCTIONS[name](*args)
        if name in functions or name.rstrip("'") in functions:
            return sp.Function(name)(*args)
        if name in _RELATIONS:
            raise StepError(f"\\{name} is a relation, not a function: '{name}(...)' cannot be read", reason="parse")
        if name in NOT_FUNCTIONS:
            raise StepError(NOT_FUNCTIONS[name], reason="undefined")
        known = ", ".join(sorted(functions)) or "none"
        raise StepError(
            f"unknown function \\{name} (functions defined on this page: {known}); "
            f"a product is written {name} \\cdot (...)",
            reason="undefined",
        )
    if isinstance(expr, sp.Derivative):
        # d/dx written as an operator: differentiate later, with the definitions.
        return sp.Derivative(args[0], *args[1:], evaluate=False)
    return expr.func(*args)
