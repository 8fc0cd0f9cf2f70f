r"""The two sides of a claim, compared at random points of their domain in mpmath.

Every claim is first compared at POINTS points with DIGITS digits (the quick check, which finds
the point shown when a line is wrong). A claim sympy then proves needs no more. A claim it does
not prove is compared again, harder (``settle``): at MANY points, with unbounded domains sampled
at large magnitudes too, and every point at 100 digits, raised to 200 where the sides do not
agree to 75: a difference that does not shrink as the precision grows is real, and the line is
wrong; one that does is rounding.

At least VALID of the points must have both sides defined: a claim that is undefined on (most of)
its domain says nothing, and is an error, not a pass.
"""

from __future__ import annotations

import mpmath
import sympy as sp

POINTS = 24
DIGITS = 50
# Two sides agree when |left - right| <= TOLERANCE * max(1, |left|, |right|): 25 digits,
# with 25 more to spare for cancellation (1 - sigma(40) alone costs 17).
AGREE = 25
TOLERANCE = mpmath.mpf(10) ** -AGREE
# A difference this large is visible in the ten digits an error message prints.
CLEAR = mpmath.mpf(10) ** -6
VALID = 0.75
MANY = 200
FAR_SHARE = 0.2  # of the MANY points, this share at large magnitudes (domain.py's far samples)
PRECISIONS = (100, 200)  # settle: digits, and the agreement asked at each is 25 digits fewer


def numeric(variables: list[sp.Symbol], expr: sp.Expr):
    """An mpmath function of ``variables``.

    Names such as x_{11} are not Python identifiers, and lambdify would then rewrite
    the expression with subs, which costs more than all the rest of a check: rename
    the variables to plain identifiers first, with xreplace.
    """
    plain = [sp.Symbol(f"v{i}") for i in range(len(variables))]
    return sp.lambdify(plain, expr.xreplace(dict(zip(variables, plain, strict=True))), "mpmath", dummify=False)


def value(f, point: tuple) -> mpmath.mpf | None:
    """F at the point, or None where it is undefined (a pole, a log of a negative)."""
    try:
        result = f(*point)
    except (ZeroDivisionError, ValueError, OverflowError, TypeError):
        return None
    result = mpmath.mpmathify(result)
    if isinstance(result, mpmath.mpc):
        if abs(result.imag) > TOLERANCE * max(1, abs(result.real)):
            return None
        result = result.real
    if not mpmath.isfinite(result):
        return None
    return result


def show(number: mpmath.mpf | None) -> str:
    """Ten digits, or 'undefined'."""
    return "undefined" if number is None else mpmath.nstr(number, 10)


def gap(left: mpmath.mpf | None, right: mpmath.mpf | None) -> mpmath.mpf:
    """The relative difference of two values; infinite where only one is defined."""
    if left is None or right is None:
        return mpmath.inf
    return abs(left - right) / max(1, abs(left), abs(right))


class Disagreement(Exception):
    """The sides differ at ``point`` (left and right are their values there)."""

    def __init__(self, point: tuple, left, right, digits: int):
        super().__init__("the two sides differ")
        self.point, self.left, self.right, self.digits = point, left, right, digits


class Undefined(Exception):
    """The sides are defined at too few of the points; ``point`` is one where they are not."""

    def __init__(self, point: tuple, valid: int, total: int):
        super().__init__("undefined at most points")
        self.point, self.valid, self.total = point, valid, total


def quick(f, g, points: list[tuple]) -> float:
    """The largest relative difference at ``points``, at DIGITS digits; raise Disagreement or Undefined."""
    worst, failures, undefined = mpmath.mpf(0), [], []
    with mpmath.workdps(DIGITS):
        for point in points:
            left, right = value(f, point), value(g, point)
            if left is None and right is None:
                undefined.append(point)
                continue
            difference = gap(left, right)
            if difference > TOLERANCE:
                failures.append((difference < CLEAR, max((abs(x) for x in point), default=0), point, left, right))
            worst = max(worst, difference)
        if failures:
            # Report the clearest failure nearest the middle of the domain: easiest to redo by hand.
            *_, point, left, right = min(failures, key=lambda failure: failure[:2])
            raise Disagreement(point, left, right, DIGITS)
    _enough(points, undefined)
    return float(worst)


def _enough(points: list[tuple], undefined: list[tuple]) -> None:
    valid = len(points) - len(undefined)
    if points and valid < VALID * len(points):
        raise Undefined(undefined[0], valid, len(points))


def settle(f, g, near: list[tuple], far: list[tuple]) -> tuple[float, int]:
    """Compare at ``near`` and ``far`` points, raising the precision where needed.

    Returns the worst difference and the highest precision used. Raises Disagreement where a
    difference persists at 200 digits, Undefined where the near points are mostly undefined.
    A far point where a side is undefined or rounding is not settled at 200 digits is left out:
    at |z| = 1000, 1 - sigma(z) is e^{-1000}, and log(1 - sigma(z)) needs more than 400 digits.
    """
    worst, highest, undefined = mpmath.mpf(0), PRECISIONS[0], []
    for is_far, point in [(False, p) for p in near] + [(True, p) for p in far]:
        previous = None
        for digits in PRECISIONS:
            with mpmath.workdps(digits):
                left, right = value(f, point), value(g, point)
                difference = gap(left, right)
            highest = max(highest, digits)
            if (left is None and right is None) or (is_far and difference == mpmath.inf):
                if not is_far:
                    undefined.append(point)
                break
            if difference <= mpmath.mpf(10) ** (AGREE - digits):
                worst = max(worst, difference)
                break
            if previous is not None and (difference == mpmath.inf or difference > previous / 1000):
                raise Disagreement(point, left, right, digits)  # it did not shrink: a real difference
            previous = difference
        else:
            if not is_far:
                undefined.append(point)  # still shrinking at 200 digits: not settled here
    _enough(near, undefined)
    return float(worst), highest
