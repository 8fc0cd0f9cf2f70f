"""Numerical checks and float64 tables of the numerical-stability page.

The checks compare the loss from z and its gradient with central differences and
with 50-digit values; the tables are what float64 does at a few points, made here
so that the page shows numbers this code produced (a test compares them).
"""

from __future__ import annotations

import mpmath
import numpy as np

from snippets._validate import count, generator, in_interval, number
from snippets.gradcheck import Compared, central_difference
from snippets.logistic import sigma
from snippets.stable import dz_from_z, loss_clipped, loss_from_a, loss_from_z


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
def loss_table() -> str:
    """The loss from a = sigma(z) and from z, where a has rounded to 1.0 (z = 40) or 0.0 (z = -800)."""
    rows = []
    for z, y in [(40.0, 1.0), (40.0, 0.0), (-800.0, 0.0), (-800.0, 1.0)]:
        a = float(sigma(z))
        rows.append([f"{_show(z)}, {_show(y)}", _show(loss_from_a(a, y)), _show(loss_from_z(z, y))])
    return _markdown([r"\(z, y\)", r"\(L\) from \(a\)", r"\(L\) from \(z\)"], rows)


def gradient_table() -> str:
    """The values dL/da = (a - y) / (a(1 - a)) and dz = a - y, as float64 computes them from a = sigma(z)."""
    rows = []
    for z, y in [(30.0, 0.0), (40.0, 0.0), (40.0, 1.0)]:
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
