r"""Check the equations of a page, in order, against what came before them.

A line ``L = ...`` whose left side has no value yet defines it; so does
``\sigma(z) = ...`` for a function. Any other line is a claim: its two sides must
be equal once every definition above it is substituted and every derivative
``\frac{dF}{dx}`` is worked out from the definition of F. A line that starts with
``=`` continues the line before, and must equal the right side above it.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass
from itertools import pairwise

import mpmath
import sympy as sp
from sympy.core.function import AppliedUndef

from .domain import Domain, parse_domain
from .latex import StepError, parse, symbol_name

POINTS = 24
DIGITS = 50
# Two sides agree when |left - right| <= TOLERANCE * max(1, |left|, |right|): 25 digits,
# with 25 more to spare for cancellation (1 - sigma(40) alone costs 17).
AGREE = 25
TOLERANCE = mpmath.mpf(10) ** -AGREE
# A difference this large is visible in the ten digits an error message prints.
CLEAR = mpmath.mpf(10) ** -6
_SYMBOL_LHS = re.compile(r"^\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?$")
_FUNCTION_LHS = re.compile(r"^\\?([A-Za-z]+)\s*\(\s*([A-Za-z](?:\s*,\s*[A-Za-z])*)\s*\)$")


@dataclass(frozen=True)
class Verdict:
    """How one equation was verified."""

    lhs: str
    rhs: str
    how: str  # "definition", "symbolic" or "numeric"
    points: int
    worst: float  # largest relative difference seen at the points

    def describe(self) -> str:
        """One line for a person: how this equation was verified."""
        if self.how == "definition":
            return f"definition, finite at {self.points} points"
        if self.how == "symbolic":
            return f"sympy proves it; {self.points} points agree (worst {self.worst:.0e})"
        return f"{self.points} points agree to {AGREE} digits (worst {self.worst:.0e}); sympy did not simplify it"


def split_equals(line: str) -> list[str]:
    """Split at every ``=`` outside braces and brackets."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(line):
        if ch in "{([":
            depth += 1
        elif ch in "})]":
            depth -= 1
        elif ch == "=" and depth == 0:
            parts.append(line[start:i].strip())
            start = i + 1
    parts.append(line[start:].strip())
    return parts


class Page:
    """The symbols, domains and definitions that the steps of one page share."""

    def __init__(self, symbols: dict[str, object]):
        self.symbols: dict[str, sp.Symbol] = {}
        self.domains: dict[sp.Symbol, Domain] = {}
        for name, domain_text in symbols.items():
            key = symbol_name(str(name))
            symbol = sp.Symbol(key, real=True)
            self.symbols[key] = symbol
            self.domains[symbol] = parse_domain(str(name), str(domain_text))
        self.values: dict[sp.Symbol, sp.Expr] = {}
        self.functions: dict[str, sp.Lambda] = {}

    def copy(self) -> Page:
        """A page that sees these definitions and adds its own without touching them."""
        other = Page({})
        other.symbols, other.domains = self.symbols, self.domains
        other.values, other.functions = dict(self.values), dict(self.functions)
        return other

    # -- reading ---------------------------------------------------------
    def _parse(self, latex: str, extra: set[str] = frozenset()) -> sp.Expr:
        expr, rates = parse(latex, self.symbols, set(self.functions) | set(extra))
        expr = expr.xreplace({mark: self._rate(r.f, r.x) for mark, r in rates.items()})
        expr = expr.replace(
            lambda e: isinstance(e, sp.Derivative),
            lambda e: sp.diff(self._expand(e.expr, set(e.variables)), *e.variables),
        )
        return expr

    def _rate(self, f: sp.Symbol, x: sp.Symbol) -> sp.Expr:
        """dF/dx from the definitions: F expanded down to x, then differentiated."""
        if f in self.values or f not in self.symbols.values():
            if f not in self.values:
                raise StepError(f"d{f}/d{x}: {f} is not defined above this step")
            return sp.diff(self._expand(f, {x}), x)
        x_of_f = self._expand(x, {f})
        if x_of_f != x and f in x_of_f.free_symbols:
            # x = g(f) gives df/dx = 1 / (dg/df): the inverse function's derivative.
            return 1 / sp.diff(x_of_f, f)
        return sp.diff(f, x)

    def _expand(self, expr: sp.Expr, keep: set[sp.Symbol]) -> sp.Expr:
        """Substitute definitions, except of the symbols in ``keep``, to a fixed point."""
        for _ in range(50):
            values = {s: v for s, v in self.values.items() if s not in keep}
            new = expr.xreplace(values).replace(
                lambda e: isinstance(e, AppliedUndef) and type(e).__name__.rstrip("'") in self.functions,
                self._apply,
            )
            if new == expr:
                return expr
            expr = new
        raise StepError("definitions refer to each other in a cycle")

    def _apply(self, call: AppliedUndef) -> sp.Expr:
        name = type(call).__name__
        base = name.rstrip("'")
        body, order = self.functions[base], len(name) - len(base)
        if order:
            if len(body.variables) != 1:
                raise StepError(f"{name} is a derivative, but {base} is a function of {len(body.variables)} variables")
            (t,) = body.variables
            # f''(x) is the second derivative; the body may itself call defined functions.
            body = sp.Lambda(t, sp.diff(self._expand(body.expr, set()), t, order))
        return body(*call.args)

    # -- checking --------------------------------------------------------
    def check(self, line: str) -> list[Verdict]:
        """Check one ``lhs = rhs [= rhs ...]`` line; define what it defines."""
        parts = split_equals(line)
        if len(parts) < 2 or not all(parts):
            raise StepError(f"expected 'left = right', got '{line}'")
        lhs, *rhs = parts
        verdicts = []
        defined = self._define(lhs, rhs[0])
        if defined:
            verdicts.append(defined)
        else:
            verdicts.append(self.claim(lhs, rhs[0]))
        for before, after in pairwise(rhs):
            verdicts.append(self.claim(before, after))
        return verdicts

    def _define(self, lhs: str, rhs: str) -> Verdict | None:
        function = _FUNCTION_LHS.match(lhs.strip())
        if function and function[1] not in self.symbols and function[1] not in self.functions:
            name = function[1]
            call = parse(lhs, self.symbols, {*self.functions, name})[0]
            if not isinstance(call, AppliedUndef):
                return None  # \log(a), \exp(z): functions the reader already knows
            params = [self.symbols.get(p.strip(), sp.Symbol(p.strip(), real=True)) for p in function[2].split(",")]
            body = self._parse(rhs)
            self.functions[name] = sp.Lambda(tuple(params), body)
            return Verdict(lhs, rhs, "definition", *self._finite(self._expand(body, set()), rhs))
        if not _SYMBOL_LHS.match(lhs.strip()):
            return None
        try:
            target, rates = parse(lhs, self.symbols, set(self.functions))
        except StepError:
            return None
        if not isinstance(target, sp.Symbol) or target in rates or target in self.values:
            return None
        value = self._parse(rhs)
        if target in self._expand(value, set()).free_symbols:
            raise StepError(f"{lhs} is defined in terms of itself")
        self.values[target] = value
        return Verdict(lhs, rhs, "definition", *self._finite(self._expand(value, set()), rhs))

    def claim(self, lhs: str, rhs: str) -> Verdict:
        """Check that ``lhs`` equals ``rhs``; raise StepError with a point if not."""
        left = self._expand(self._parse(lhs), set())
        right = self._expand(self._parse(rhs), set())
        worst = self._agree(left, right, lhs, rhs)
        difference = sp.cancel(sp.together(left - right))
        proved = difference == 0 or sp.simplify(left - right) == 0
        return Verdict(lhs, rhs, "symbolic" if proved else "numeric", POINTS, worst)

    # -- numbers ---------------------------------------------------------
    def _variables(self, *exprs: sp.Expr) -> list[sp.Symbol]:
        free = set().union(*(e.free_symbols for e in exprs))
        missing = sorted(str(s) for s in free if s not in self.domains)
        if missing:
            raise StepError(
                f"no domain for {', '.join(missing)}: declare it under 'symbols:' in the page's front matter, "
                "or define it in an earlier step"
            )
        undefined = {type(f).__name__ for e in exprs for f in e.atoms(AppliedUndef)}
        if undefined:
            raise StepError(f"function {', '.join(sorted(undefined))} has no definition on this page")
        return sorted(free, key=str)

    def _points(self, variables: list[sp.Symbol], text: str) -> list[tuple]:
        rng = random.Random(zlib.crc32(text.encode()))
        columns = [self.domains[v].sample(rng, POINTS) for v in variables]
        for column in columns:
            rng.shuffle(column)
        return list(zip(*columns, strict=True)) if columns else [()] * POINTS

    def _finite(self, expr: sp.Expr, text: str) -> tuple[int, float]:
        variables = self._variables(expr)
        f = _numeric(variables, expr)
        with mpmath.workdps(DIGITS):
            for point in self._points(variables, text):
                value = _value(f, point)
                if value is None:
                    raise StepError(f"{text} is undefined at {self._where(variables, point)}")
        return POINTS, 0.0

    def _agree(self, left: sp.Expr, right: sp.Expr, lhs: str, rhs: str) -> float:
        variables = self._variables(left, right)
        f = _numeric(variables, left)
        g = _numeric(variables, right)
        worst, failures = mpmath.mpf(0), []
        with mpmath.workdps(DIGITS):
            for point in self._points(variables, lhs + "=" + rhs):
                left_value, right_value = _value(f, point), _value(g, point)
                if left_value is None and right_value is None:
                    continue
                if left_value is None or right_value is None:
                    gap = mpmath.inf
                else:
                    gap = abs(left_value - right_value) / max(1, abs(left_value), abs(right_value))
                if gap > TOLERANCE:
                    failures.append(
                        (gap < CLEAR, max((abs(x) for x in point), default=0), point, left_value, right_value)
                    )
                worst = max(worst, gap)
            if failures:
                # Report the clearest failure nearest the middle of the domain: easiest to redo by hand.
                *_, point, left_value, right_value = min(failures, key=lambda failure: failure[:2])
                raise StepError(
                    f"the two sides differ at {self._where(variables, point)}: "
                    f"{lhs} = {_show(left_value)} but {rhs} = {_show(right_value)}"
                )
        return float(worst)

    def _where(self, variables: list[sp.Symbol], point: tuple) -> str:
        shown = [f"{v} = {mpmath.nstr(x, 6)}" for v, x in zip(variables, point, strict=True)]
        at = dict(zip(variables, point, strict=True))
        for symbol, value in self.values.items():
            if symbol in at:
                continue
            expanded = self._expand(value, set())
            if expanded.free_symbols and expanded.free_symbols <= set(variables):
                number = _value(_numeric(variables, expanded), point)
                if number is not None:
                    shown.append(f"{symbol} = {mpmath.nstr(number, 6)}")
        return ", ".join(shown)


def _numeric(variables: list[sp.Symbol], expr: sp.Expr):
    """An mpmath function of ``variables``.

    Names such as x_{11} are not Python identifiers, and lambdify would then rewrite
    the expression with subs, which costs more than all the rest of a check: rename
    the variables to plain identifiers first, with xreplace.
    """
    plain = [sp.Symbol(f"v{i}") for i in range(len(variables))]
    return sp.lambdify(plain, expr.xreplace(dict(zip(variables, plain, strict=True))), "mpmath", dummify=False)


def _value(f, point: tuple) -> mpmath.mpf | None:
    """F at the point, or None where it is undefined (a pole, a log of a negative)."""
    try:
        value = f(*point)
    except (ZeroDivisionError, ValueError, OverflowError):
        return None
    value = mpmath.mpmathify(value)
    if isinstance(value, mpmath.mpc):
        if abs(value.imag) > TOLERANCE * max(1, abs(value.real)):
            return None
        value = value.real
    if not mpmath.isfinite(value):
        return None
    return value


def _show(value: mpmath.mpf | None) -> str:
    return "undefined" if value is None else mpmath.nstr(value, 10)
