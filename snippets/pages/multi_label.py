"""Numerical checks of the multi-label page: dZ = A - Y and the cost of a sigmoid per output unit.

dZ means dL/dZ per example, so it is the gradient of the sum of the m losses, m J. The cost it is
compared with is written here again, from a = 1 / (1 + e^{-z}) and np.log, not with snippets.multi_label;
the site's cost is compared with mpmath's at 50 digits.
"""

from __future__ import annotations

import mpmath
import numpy as np

from snippets._validate import Array, count, generator
from snippets.gradcheck import Compared, central_difference
from snippets.multi_label import cost, dZ

# (n_L, m): one unit and one example, and wider and taller problems.
SHAPES = [(1, 1), (3, 1), (3, 4), (5, 2), (10, 3)]
DIGITS = 50


def labels(rng: np.random.Generator, n_L: int, m: int, soft: bool) -> Array:
    """Labels Y (n_L, m): each entry 0 or 1 on its own (any number of 1s in a column), or soft, in [0, 1]."""
    rng, n_L, m = generator("rng", rng), count("n_L", n_L), count("m", m)
    if not isinstance(soft, bool | np.bool_):
        raise ValueError(f"soft must be True or False, got {soft!r:.40}")
    if soft:
        return rng.uniform(0.0, 1.0, size=(n_L, m))
    return (rng.uniform(size=(n_L, m)) < 0.5).astype(np.float64)


def _losses_sum(Z_L: Array, Y: Array) -> float:
    """The sum m J of -(y log a + (1 - y) log(1 - a)) over examples and units, with a = 1 / (1 + e^{-z})."""
    A = 1 / (1 + np.exp(-Z_L))
    return float(-(Y * np.log(A) + (1 - Y) * np.log(1 - A)).sum())


# --8<-- [start:check_dZ]
def check_dZ(rng: np.random.Generator) -> list[Compared]:
    """The site's dZ = A - Y against central differences of m J in Z, with labels that need not sum to 1."""
    rng, found = generator("rng", rng), []
    for n_L, m in SHAPES:
        for soft in (False, True):
            Z, Y = rng.normal(0.0, 2.0, size=(n_L, m)), labels(rng, n_L, m, soft)
            by_difference = central_difference(lambda t, Y=Y: _losses_sum(t, Y), Z)
            found.append(Compared(dZ(Z, Y), by_difference, "central differences of m J in Z"))
    return found


# --8<-- [end:check_dZ]


def _mp_cost(Z_L: Array, Y: Array) -> mpmath.mpf:
    """J in mpmath: the mean over the columns of the sum over the rows of each unit's cross-entropy."""
    total = mpmath.mpf(0)
    for (j, i), z in np.ndenumerate(Z_L):
        a, y = 1 / (1 + mpmath.exp(-mpmath.mpf(float(z)))), mpmath.mpf(float(Y[j, i]))
        total -= y * mpmath.log(a) + (1 - y) * mpmath.log(1 - a)
    return total / Z_L.shape[1]


# --8<-- [start:check_cost]
def check_cost(rng: np.random.Generator) -> list[Compared]:
    """The site's cost, summed over the units and averaged over the examples, against mpmath's at 50 digits."""
    rng, found = generator("rng", rng), []
    for n_L, m in SHAPES:
        Z, Y = rng.normal(0.0, 2.0, size=(n_L, m)), labels(rng, n_L, m, soft=False)
        with mpmath.workdps(DIGITS):
            exact = float(_mp_cost(Z, Y))
        found.append(Compared(cost(Z, Y), exact, "mpmath's cost, 50 digits"))
    return found


# --8<-- [end:check_cost]


def digits() -> int:
    """The working precision of the mpmath cost, in decimal digits."""
    return DIGITS


def widest() -> int:
    """The most output units a check draws."""
    return max(n_L for n_L, _ in SHAPES)
