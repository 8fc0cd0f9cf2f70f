"""Numerical checks and float64 tables of the numerical-stability page.

The checks compare the loss from z and its gradient with central differences and
with 50-digit values; the tables are what float64 does at a few points, made here
so that the page shows numbers this code produced (a test compares them).
"""

from __future__ import annotations

import inspect
import math

import mpmath
import numpy as np

from snippets._validate import count, generator, in_interval, number
from snippets.gradcheck import Compared, central_difference
from snippets.logistic import sigma
from snippets.stable import (
    _bisect,
    dz_from_z,
    first_z_where_a_is_1,
    last_z_where_a_is_0,
    loss_clipped,
    loss_from_a,
    loss_from_z,
)


# --8<-- [start:dz]
def check_dz(rng: np.random.Generator, m: int = 8) -> list[Compared]:
    """The gradient (1 - y) sigma(z) - y sigma(-z) against central differences of the loss from z, |z| <= 40."""
    rng, m, found = generator("rng", rng), count("m", m), []
    for size in (1, m):  # one example, and m
        z, y = rng.uniform(-40.0, 40.0, size=size), rng.uniform(0.0, 1.0, size=size)
        by_difference = central_difference(lambda t, y=y: loss_from_z(t, y).sum(), z)
        found.append(Compared(dz_from_z(z, y), by_difference, "central differences of the loss from z"))
    return found


# --8<-- [end:dz]


# --8<-- [start:far]
def exact_loss(z: float, y: float) -> float:
    """L(sigma(z), y) from the definition, with 50 digits to spare after 1 - sigma(z) ~ e^{-z} cancels."""
    z, y = number("z", z), number("y", y)
    in_interval("y", np.array(y), 0.0, 1.0, closed=True)
    with mpmath.workdps(50 + int(abs(z) / np.log(10))):
        z, y = mpmath.mpf(float(z)), mpmath.mpf(float(y))  # exact copies of the float64 inputs
        a = 1 / (1 + mpmath.exp(-z))
        return float(-(y * mpmath.log(a) + (1 - y) * mpmath.log(1 - a)))


def check_far(rng: np.random.Generator, m: int = 8) -> list[Compared]:
    """The loss from z against values exact to 50 digits, |z| from 20 to 700, entry by entry."""
    rng, m = generator("rng", rng), count("m", m)
    z = rng.choice([-1.0, 1.0], size=m) * rng.uniform(20.0, 700.0, size=m)
    y = rng.uniform(0.0, 1.0, size=m)
    y[: m // 2] = rng.integers(0, 2, size=m // 2)  # hard labels: half the time a tiny loss, e^{-|z|}
    L = loss_from_z(z, y)
    # Entry by entry, so that a tiny loss next to a large one counts as much as the large one.
    return [Compared(L[i], exact_loss(z[i], y[i]), "mpmath at 50 digits") for i in range(m)]


# --8<-- [end:far]


def _show(x: float) -> str:
    """A float64 value for a table: nan, inf, or three significant digits."""
    x = float(x) + 0.0  # -0.0 + 0.0 is 0.0
    return f"{x:.3g}"


def _markdown(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table, one line per row."""
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])


# --8<-- [start:tables]
LOSS_POINTS = [(40.0, 1.0), (40.0, 0.0), (-800.0, 0.0), (-800.0, 1.0)]  # (z, y): a is 1.0 at 40, 0.0 at -800
GRADIENT_POINTS = [(30.0, 0.0), (40.0, 0.0), (40.0, 1.0)]


def loss_table() -> str:
    """The loss from a = sigma(z) and from z, where a has rounded to 1.0 (z = 40) or 0.0 (z = -800)."""
    rows = []
    for z, y in LOSS_POINTS:
        a = float(sigma(z))
        rows.append([f"{_show(z)}, {_show(y)}", _show(loss_from_a(a, y)), _show(loss_from_z(z, y))])
    return _markdown([r"\(z, y\)", r"\(L\) from \(a\)", r"\(L\) from \(z\)"], rows)


def gradient_table() -> str:
    """The values dL/da = (a - y) / (a(1 - a)) and dz = a - y, as float64 computes them from a = sigma(z)."""
    rows = []
    for z, y in GRADIENT_POINTS:
        a = float(sigma(z))
        with np.errstate(divide="ignore", invalid="ignore"):  # 0/0 and 1/0 are what the table shows
            dL_da = np.float64(a - y) / np.float64(a * (1 - a))
        rows.append([f"{_show(z)}, {_show(y)}", _show(dL_da), _show(a - y)])
    return _markdown([r"\(z, y\)", r"\(\frac{dL}{da}\)", r"\(a - y\)"], rows)


CLIPPED_Z = [-10.0, -20.0, -800.0]


def clipping_table(epsilon: float = 1e-7) -> str:
    """For y = 1: the loss and dL/dz from a clipped to [epsilon, 1 - epsilon]."""
    rows = []
    for z in CLIPPED_Z:
        clipped_dz = central_difference(lambda t: loss_clipped(sigma(t), 1.0, epsilon).sum(), np.array([z]))
        rows.append([_show(z), _show(loss_clipped(sigma(z), 1.0, epsilon)), _show(clipped_dz[0])])
    return _markdown([r"\(z\)", r"\(L\) clipped", r"\(dz\) clipped"], rows)


# --8<-- [end:tables]


# -- The numbers the page prints ([number]{= ...}, pipeline/printed.py) ----------------------------------


def gap_above_1() -> float:
    """2^{-52}: the distance from 1.0 to the next float64 above it."""
    return float(np.nextafter(1.0, 2.0)) - 1.0


def half_gap_above_1() -> float:
    """2^{-53}: once e^{-z} is at most this, 1 + e^{-z} rounds to 1."""
    return gap_above_1() / 2


def float64_digits() -> float:
    """About 16: the decimal digits float64 keeps, -log10 of half the gap above 1."""
    return -math.log10(half_gap_above_1())


def bits_where_a_rounds_to_1() -> float:
    """53: e^{-z} <= 2^{-53}, so a = 1.0 once z >= 53 log 2."""
    return -math.log2(half_gap_above_1())


def z_where_a_is_1() -> float:
    """The smallest float64 z with sigma(z) == 1.0, found by bisection."""
    return first_z_where_a_is_1()


def a_where_it_rounds_to_1() -> float:
    """1.0: sigma at that z, in float64."""
    return float(sigma(z_where_a_is_1()))


def z_where_a_is_0() -> float:
    """The largest float64 z with sigma(z) == 0.0, found by bisection."""
    return last_z_where_a_is_0()


def a_where_it_rounds_to_0() -> float:
    """0.0: sigma at that z, in float64."""
    return float(sigma(z_where_a_is_0()))


def bits_where_a_rounds_to_0() -> float:
    """-1075: e^{z} rounds to 0 once at most half the smallest positive float64, 2^{-1074}."""
    return math.log2(float(np.nextafter(0.0, 1.0))) - 1


def z_where_exp_overflows() -> float:
    """The z below which np.exp(-z) is inf, as in the course's 1 / (1 + np.exp(-z)): found by bisection."""
    with np.errstate(over="ignore"):
        return -_bisect(lambda t: bool(np.isinf(np.exp(t))), 0.0, 1000.0)


def z_confident() -> float:
    """The loss table's confident z, where a is 1.0."""
    return LOSS_POINTS[0][0]


def z_confidently_0() -> float:
    """The loss table's z where a is 0.0."""
    return LOSS_POINTS[2][0]


def z_before_a_is_1() -> float:
    """The gradient table's z where a is not yet 1.0."""
    return GRADIENT_POINTS[0][0]


def dL_da_before_a_is_1() -> float:
    """dL/da = (a - y) / (a(1 - a)) in float64 at that z, for y = 0."""
    a = float(sigma(z_before_a_is_1()))
    return (a - 0.0) / (a * (1 - a))


def true_dz_confident() -> float:
    """The true dz = a - y for y = 1 at the confident z: -sigma(-z), from z, digits kept."""
    return float(dz_from_z(z_confident(), 1.0))


def clip_epsilon() -> float:
    """The epsilon the clipping table uses (its default)."""
    return inspect.signature(clipping_table).parameters["epsilon"].default


def clipped_loss_cap() -> float:
    """-log(epsilon): the most the clipped loss can be."""
    return -math.log(clip_epsilon())


def first_whole_z_clipped() -> float:
    """The largest whole z where the clip is active for y = 1: sigma(z) < epsilon, so z < logit(epsilon)."""
    return float(math.floor(math.log(clip_epsilon()) - math.log1p(-clip_epsilon())))


def minus_clipped_z() -> list[float]:
    """-z for each z of the clipping table: the true loss there, to four digits."""
    return [-z for z in CLIPPED_Z]


def clipped_z_last() -> float:
    """The clipping table's last z, far in the clipped region."""
    return CLIPPED_Z[-1]
