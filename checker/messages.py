"""Failures as a person reads them: a point with its derived quantities, both values, the reason.

``Located`` is the part of a Page that turns sampling.py's Disagreement and Undefined into a
StepError naming the point; ``internal`` makes any other exception of a check a StepError.
"""

from __future__ import annotations

import mpmath
import sympy as sp

from . import sampling
from .latex import StepError
from .sampling import Disagreement, Undefined


def internal(text: str):
    """A decorator: any exception but a StepError becomes a StepError naming the line (never a traceback)."""

    def wrap(method):
        def checked(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except StepError:
                raise
            except Exception as exc:  # the point: nothing escapes as a traceback
                line = " = ".join(a for a in args if isinstance(a, str))
                raise StepError(f"the checker cannot {text} '{line}': {type(exc).__name__}: {exc}") from None

        return checked

    return wrap


class Located:
    """The part of a Page that names points; Page provides values and _expand."""

    values: dict

    def _located(self, variables: list[sp.Symbol], lhs: str, rhs: str):
        page = self

        class Located:
            def __enter__(self):
                return self

            def __exit__(self, kind, exc, trace):
                if isinstance(exc, Disagreement):
                    with mpmath.workdps(exc.digits):
                        raise StepError(
                            f"the two sides differ at {page._where(variables, exc.point)}: "
                            f"{lhs} = {sampling.show(exc.left)} but {rhs} = {sampling.show(exc.right)}"
                            + _by(exc.left, exc.right),
                            reason="differ",
                            point=page._named(variables, exc.point),
                            left=exc.left,
                            right=exc.right,
                            lhs=lhs,
                            rhs=rhs,
                        ) from None
                if isinstance(exc, Undefined):
                    raise StepError(
                        f"{lhs} = {rhs} is undefined on most of its domain: both sides are defined at only "
                        f"{exc.valid} of {exc.total} points (for example, not at {page._where(variables, exc.point)})",
                        reason="domain",
                        point=page._named(variables, exc.point),
                        lhs=lhs,
                        rhs=rhs,
                    ) from None
                return False

        return Located()

    def _named(self, variables: list[sp.Symbol], point: tuple) -> list[tuple[str, object]]:
        """(name, value) pairs: the sampled variables, then the defined quantities that depend on them."""
        named = [(str(v), x) for v, x in zip(variables, point, strict=True)]
        for symbol, value in self.values.items():
            if symbol in variables:
                continue
            expanded = self._expand(value, set())
            if expanded.free_symbols and expanded.free_symbols <= set(variables):
                number = sampling.value(sampling.numeric(variables, expanded), point)
                if number is not None:
                    named.append((str(symbol), number))
        return named

    def _where(self, variables: list[sp.Symbol], point: tuple) -> str:
        return ", ".join(f"{name} = {mpmath.nstr(x, 6)}" for name, x in self._named(variables, point))


def _by(left, right) -> str:
    """How far apart two values are, when ten digits do not show it."""
    if left is None or right is None or mpmath.nstr(left, 10) != mpmath.nstr(right, 10):
        return ""
    return f" (they differ by {mpmath.nstr(abs(left - right), 3)})"
