r"""Derivatives as a page means them, and the rule that every symbol is declared or defined.

``\frac{dF}{dx}`` is F expanded down to x from the page's definitions, then differentiated.
The course's shorthand ``dx`` (``dz``, ``dw_1``, ``db``, ``dZ^{[l]}``...) is the derivative of the
page's cost:

- ``dZ``, ``dA`` (capital Z or A, a column per example): m dJ/dZ, as the course defines them
  (dZ = A - Y), when the page defines J (it must define m too); otherwise dL/dZ (one example);
- another capital, ``dW``: dJ/dW when the page defines J, otherwise dL/dW (one example);
- a lowercase ``dx`` (``dz``, ``dw_1``, ``db``): dL/dx when the page defines L, otherwise dJ/dx.

A page cannot declare ``dz`` as a symbol of its own (Page refuses it): in this site's notation
it always means the derivative.
"""

from __future__ import annotations

import re

import sympy as sp
from sympy.core.function import AppliedUndef

from .latex import Derivative, StepError, names_written
from .notation import GREEK


class Rates:
    """The part of a Page that works out derivatives; Page provides symbols, domains, values, functions."""

    symbols: dict[str, sp.Symbol]
    domains: dict
    values: dict[sp.Symbol, sp.Expr]
    functions: dict[str, sp.Lambda]

    def _defined(self, name: str) -> sp.Symbol | None:
        return next((s for s in self.values if s.name == name), None)

    def _known(self, expr: sp.Basic, rates: dict, latex: str, params: tuple = ()) -> None:
        """Refuse a symbol that is neither declared nor defined, before anything is differentiated."""
        known = set(self.domains) | set(self.values) | set(rates) | set(params)
        for symbol in sorted(expr.free_symbols - known, key=str):
            raise StepError(self._unknown(symbol.name, latex), reason="undefined")
        # A name the parser dropped (q \cdot 0 is 0) must still be known.
        names = {s.name for s in known} | set(self.functions) | {"e", "pi", "d"}
        for name in sorted(names_written(latex) - names):
            raise StepError(self._unknown(name, latex), reason="undefined")

    def _unknown(self, name: str, latex: str) -> str:
        if name in {"d", "partial", "mathrm", "operatorname"} or (re.match(r"d[a-z]{2,}$", name) and name not in GREEK):
            return (
                f"'{latex}' has a {name} that is not part of a derivative: write a derivative as \\frac{{dF}}{{dx}} "
                "or \\frac{d}{dx}(...); a symbol d must be declared under 'symbols:'"
            )
        if name in self.functions:
            return f"'{latex}': \\{name} is a function on this page; write it with its argument, as \\{name}(z)"
        if name.endswith("'"):
            return f"'{latex}': a prime on the symbol {name[:-1]}; write its derivative as \\frac{{d{name[:-1]}}}{{dz}}"
        return (
            f"no domain for {name}: declare it under 'symbols:' in the page's front matter, "
            "or define it in an earlier step"
        )

    def rate(self, r: Derivative) -> sp.Expr:
        """dF/dx (of order r.order) from the definitions: F expanded down to x, then differentiated."""
        f, x = r.f, r.x
        if x not in self.domains and x not in self.values:
            raise StepError(
                f"{r.written}: {x} is neither declared under 'symbols:' nor defined above this step", reason="undefined"
            )
        if f is None:
            return self._shorthand(r)
        if f.name in self.functions:
            raise StepError(
                f"{r.written}: \\{f.name} is a function on this page; write it with its argument, "
                f"as \\frac{{d}}{{d{x}}}\\{f.name}({x})",
                reason="undefined",
            )
        if f in self.values or f not in self.symbols.values():
            if f not in self.values:
                raise StepError(f"d{f}/d{x}: {f} is not defined above this step", reason="undefined")
            return sp.diff(self._expand(f, {x}), x, r.order)
        x_of_f = self._expand(x, {f})
        if r.order == 1 and x_of_f != x and f in x_of_f.free_symbols:
            # x = g(f) gives df/dx = 1 / (dg/df): the inverse function's derivative.
            return 1 / sp.diff(x_of_f, f)
        return sp.diff(f, x, r.order)

    def _shorthand(self, r: Derivative) -> sp.Expr:
        name = r.x.name
        L, J, m = self._defined("L"), self._defined("J"), self._defined("m") or self.symbols.get("m")
        if name[0] in "ZA" and J is not None:
            if m is None:
                raise StepError(
                    f"{r.written} is the course's m dJ/d{name} (dZ = A - Y); the page defines J but not m",
                    reason="undefined",
                )
            return m * self.rate(Derivative(J, r.x, 1, f"dJ/d{name}"))
        cost = (J or L) if name[0].isupper() else (L or J)
        if cost is None:
            raise StepError(
                f"{r.written} is the course's shorthand for dL/d{name}, and no line above defines L (or J)",
                reason="undefined",
            )
        return self.rate(Derivative(cost, r.x, 1, f"d{cost}/d{name}"))

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
