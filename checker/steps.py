r"""Check the equations of a page, in order, against what came before them.

A line ``L = ...`` whose left side has no value yet defines it; so does
``\sigma(z) = ...`` for a function. A definition of one of the site's core quantities
(canon.py) is compared with its canonical form. Any other line is a claim: its two sides must
be equal once every definition above it is substituted and every derivative
``\frac{dF}{dx}`` (or the course's ``dz``) is worked out from the definition of F. A line that
starts with ``=`` continues the line before, and must equal the right side above it.

Every symbol a line uses must be declared in the front matter or defined above it, before
anything is differentiated or simplified: an unknown symbol is an error, never a constant.
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

from . import canon, sampling
from .derivatives import Rates
from .domain import Domain, parse_domain
from .latex import StepError, parse, symbol_name
from .messages import Located, internal
from .notation import SUPERSCRIPTED, operator_names, plain_fonts
from .sampling import AGREE, DIGITS, MANY, POINTS

__all__ = ["AGREE", "DIGITS", "POINTS", "Page", "Verdict", "split_equals"]

_SYMBOL_LHS = re.compile(r"^\\?[A-Za-z]+(?:_\{?[A-Za-z0-9]+\}?)?$")
_FUNCTION_LHS = re.compile(r"^\\?([A-Za-z]+)\s*\(\s*([A-Za-z](?:\s*,\s*[A-Za-z])*)\s*\)$")
# dz, dw_1, dZ^{[l]}: the course's shorthand for a derivative of the cost, never a symbol of its own.
_SHORTHAND_NAME = re.compile(r"^\s*d(?:[A-Za-z]|\\[A-Za-z]+)")


@dataclass(frozen=True)
class Verdict:
    """How one equation was verified."""

    lhs: str
    rhs: str
    how: str  # "definition", "symbolic", "numeric" (points only, not proved) or "matrix"
    points: int
    worst: float  # largest relative difference seen at the points
    detail: str = ""  # what was checked, for a person

    def describe(self) -> str:
        """One line for a person: how this equation was verified."""
        if self.how == "definition":
            return self.detail or f"definition, finite at {self.points} points"
        if self.how == "symbolic":
            return f"sympy proves it; {self.points} points agree (worst {self.worst:.0e})"
        if self.how == "matrix":
            return f"checked as matrices, entry by entry, at {self.points} random shapes ({self.detail})"
        return self.detail or f"checked numerically at {self.points} points, not proved (worst {self.worst:.0e})"


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


class Page(Rates, Located):
    """The symbols, domains and definitions that the steps of one page share."""

    def __init__(self, symbols: dict[str, object]):
        self.symbols: dict[str, sp.Symbol] = {}
        self.domains: dict[sp.Symbol, Domain] = {}
        for name, domain_text in symbols.items():
            if _SHORTHAND_NAME.match(str(name)):
                raise ValueError(
                    f"symbol {name!r}: in this site's notation {name} is the course's shorthand for "
                    f"dL/{str(name)[1:]} (or the cost J's), worked out from the page's definitions; "
                    "it cannot be declared"
                )
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
    def _parse(self, latex: str, extra: set[str] = frozenset(), params: tuple = ()) -> sp.Expr:
        expr, rates = parse(latex, self.symbols, set(self.functions) | set(extra))
        self._known(expr, rates, latex, params)
        expr = expr.xreplace({mark: self.rate(r) for mark, r in rates.items()})
        expr = expr.replace(
            lambda e: isinstance(e, sp.Derivative),
            lambda e: sp.diff(self._expand(e.expr, set(e.variables)), *e.variables),
        )
        if expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise StepError(f"'{latex}' is undefined: it divides by zero or is infinite", reason="domain")
        return expr

    # -- checking --------------------------------------------------------
    @internal("check")
    def check(self, line: str, define: bool = True) -> list[Verdict]:
        """Check one ``lhs = rhs [= rhs ...]`` line; define what it defines (unless ``define`` is False)."""
        parts = split_equals(line)
        if len(parts) < 2 or not all(parts):
            raise StepError(f"expected 'left = right', got '{line}'", reason="parse")
        lhs, *rhs = parts
        defined = self._define(lhs, rhs[0]) if define else None
        verdicts = [defined or self.claim(lhs, rhs[0])]
        for before, after in pairwise(rhs):
            verdicts.append(self.claim(before, after))
        return verdicts

    def _define(self, lhs: str, rhs: str) -> Verdict | None:
        written = plain_fonts(lhs.strip())  # \mathcal{L}_1 is L_1
        if written in ("d", r"\partial") and written.lstrip("\\") not in self.symbols:
            return None  # the d of a derivative defines nothing: read as a claim, it is refused as such
        function = _FUNCTION_LHS.match(operator_names(written))
        if function and function[1] in canon.NOT_FUNCTIONS:
            raise StepError(f"'{lhs}': {canon.NOT_FUNCTIONS[function[1]]}", reason="undefined", lhs=lhs, rhs=rhs)
        if function and function[1] not in self.symbols and function[1] not in self.functions:
            name = function[1]
            call = parse(lhs, self.symbols, {*self.functions, name})[0]
            if not isinstance(call, AppliedUndef):
                return None  # \log(a), \exp(z): functions the reader already knows
            params = tuple(self.symbols.get(p.strip(), sp.Symbol(p.strip(), real=True)) for p in function[2].split(","))
            body = self._parse(rhs, params=params)
            self._canonical_function(name, params, body, lhs, rhs)
            self._canonical_value(name, body, lhs, rhs, set(params))
            self.functions[name] = sp.Lambda(params, body)
            return self._definition(lhs, rhs, self._expand(body, set()))
        layered = SUPERSCRIPTED.fullmatch(written)
        if not (_SYMBOL_LHS.match(written) or (layered and not layered["d"])):
            return None
        try:
            target, rates = parse(lhs, self.symbols, set(self.functions))
        except StepError:
            return None
        if not isinstance(target, sp.Symbol) or target in rates or target in self.values:
            return None
        value = self._parse(rhs, params=(target,))  # a use of itself gets its own message
        if target in self._expand(value, set()).free_symbols:
            raise StepError(f"{lhs} is defined in terms of itself", lhs=lhs, rhs=rhs)
        self._canonical_value(target.name, value, lhs, rhs)
        self.values[target] = value
        return self._definition(lhs, rhs, self._expand(value, set()))

    def _canonical_function(self, name: str, params: tuple, body: sp.Expr, lhs: str, rhs: str) -> None:
        if name not in canon.FUNCTIONS:
            return
        function, known = canon.FUNCTIONS[name]
        if len(params) != 1:
            raise StepError(f"'{lhs}': on this site \\{name} is {known}, a function of one variable", lhs=lhs, rhs=rhs)
        try:
            self._equal(self._expand(body, set()), function(params[0]), lhs, rhs)
        except StepError as exc:
            raise StepError(
                f"'{lhs} = {rhs}' is not {known}, which is what \\{name} means on this site: {exc}",
                reason=exc.reason if exc.reason == "differ" else "other",
                point=exc.point,
                left=exc.left,
                right=exc.right,
                lhs=lhs,
                rhs=rhs,
            ) from None

    def _canonical_value(self, name: str, value: sp.Expr, lhs: str, rhs: str, params: set = frozenset()) -> None:
        r"""A loss (L, L^{(1)}, \ell_1, ... or a function of that name) is the cross-entropy; J is a mean of losses."""
        if canon.is_loss(name):
            labels = set(self.symbols.values()) | set(params)
            why = canon.not_cross_entropy(value, lambda e: self._expand(e, set()), labels)
            if why:
                raise StepError(
                    f"'{lhs} = {rhs}' is not the cross-entropy loss {canon.CROSS_ENTROPY} of a prediction and "
                    f"a label ({why}); on this site {name} is that loss: give another loss another name, such as E",
                    reason="differ",
                    lhs=lhs,
                    rhs=rhs,
                )
        elif name == "J":
            # J = C + R with C = (L_1 + L_2) / 2: the names in between are substituted, the losses kept.
            losses = {s for s in self.values if canon.is_loss(s.name)}
            if why := canon.not_a_mean(self._expand(value, losses)):
                raise StepError(f"'{lhs} = {rhs}': {why}", reason="differ", lhs=lhs, rhs=rhs)

    @internal("check")
    def claim(self, lhs: str, rhs: str) -> Verdict:
        """Check that ``lhs`` equals ``rhs``; raise StepError with a point if not."""
        return self._equal(self._expand(self._parse(lhs), set()), self._expand(self._parse(rhs), set()), lhs, rhs)

    def _equal(self, left: sp.Expr, right: sp.Expr, lhs: str, rhs: str) -> Verdict:
        """Points first (a wrong line fails fast, with a point), then sympy, then harder points if sympy cannot."""
        worst = self._compare(left, right, lhs, rhs)
        difference = sp.cancel(sp.together(left - right))
        if difference == 0 or sp.simplify(left - right) == 0:
            return Verdict(lhs, rhs, "symbolic", POINTS, worst)
        return self._settle(left, right, lhs, rhs)

    # -- numbers ---------------------------------------------------------
    def _variables(self, *exprs: sp.Expr) -> list[sp.Symbol]:
        free = set().union(*(e.free_symbols for e in exprs))
        missing = sorted(str(s) for s in free if s not in self.domains)
        if missing:
            raise StepError(
                f"no domain for {', '.join(missing)}: declare it under 'symbols:' in the page's front matter, "
                "or define it in an earlier step",
                reason="undefined",
            )
        undefined = {type(f).__name__ for e in exprs for f in e.atoms(AppliedUndef)}
        if undefined:
            names = ", ".join(sorted(undefined))
            raise StepError(f"function {names} has no definition on this page", reason="undefined")
        return sorted(free, key=str)

    def _points(self, variables: list[sp.Symbol], text: str, k: int = POINTS, far: bool = False) -> list[tuple]:
        rng = random.Random(zlib.crc32(text.encode()) + far)
        columns = [(self.domains[v].sample_far if far else self.domains[v].sample)(rng, k) for v in variables]
        for column in columns:
            rng.shuffle(column)
        return list(zip(*columns, strict=True)) if columns else [()] * k

    def _definition(self, lhs: str, rhs: str, expr: sp.Expr) -> Verdict:
        """A definition must be finite at every point of its domain that is drawn."""
        variables = self._variables(expr)
        f = sampling.numeric(variables, expr)
        with mpmath.workdps(DIGITS):
            for point in self._points(variables, rhs):
                if sampling.value(f, point) is None:
                    raise StepError(
                        f"{rhs} is undefined at {self._where(variables, point)}",
                        reason="domain",
                        point=self._named(variables, point),
                        lhs=lhs,
                        rhs=rhs,
                    )
        return Verdict(lhs, rhs, "definition", POINTS, 0.0)

    def _compare(self, left: sp.Expr, right: sp.Expr, lhs: str, rhs: str) -> float:
        variables = self._variables(left, right)
        f, g = sampling.numeric(variables, left), sampling.numeric(variables, right)
        with self._located(variables, lhs, rhs):
            return sampling.quick(f, g, self._points(variables, lhs + "=" + rhs))

    def _settle(self, left: sp.Expr, right: sp.Expr, lhs: str, rhs: str) -> Verdict:
        """A line sympy did not prove: many more points, far ones too, and higher precision."""
        variables = self._variables(left, right)
        f, g = sampling.numeric(variables, left), sampling.numeric(variables, right)
        text = lhs + "=" + rhs
        far = round(MANY * sampling.FAR_SHARE) if any(self.domains[v].unbounded for v in variables) else 0
        near, beyond = self._points(variables, text, MANY - far), self._points(variables, text, far, far=True)
        with self._located(variables, lhs, rhs):
            worst, digits = sampling.settle(f, g, near, beyond if far else [])
        where = f"; {far} of them at magnitudes 45 to 1000" if far else ""
        return Verdict(
            lhs,
            rhs,
            "numeric",
            MANY,
            worst,
            f"checked numerically at {MANY} points, not proved (sympy did not simplify it){where}; the sides "
            f"agree to {sampling.PRECISIONS[0] - AGREE} digits at {sampling.PRECISIONS[0]}-digit precision"
            + (f", raised to {digits} where needed" if digits > sampling.PRECISIONS[0] else "")
            + f" (worst {worst:.0e})",
        )
