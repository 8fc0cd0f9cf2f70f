"""Numerical checks of the dL/dz page: each step's formula against central differences.

Every check differentiates a sum over independent examples: the gradient of
sum_i f(x_i) with respect to x is the vector of f'(x_i), one entry per example.
"""

from __future__ import annotations

import numpy as np

from snippets._validate import count, generator
from snippets.gradcheck import Compared, central_difference
from snippets.logistic import da_dz, dL_da, dL_dz, loss, sigma


# --8<-- [start:step_1]
def check_step_1(rng: np.random.Generator, m: int = 8) -> Compared:
    """Relative error of dL/da = (a - y) / (a(1 - a)) against a central difference of L."""
    rng, m = generator("rng", rng), count("m", m)
    a = rng.uniform(0.05, 0.95, size=m)
    y = rng.uniform(0.0, 1.0, size=m)
    by_difference = central_difference(lambda t: loss(t, y).sum(), a)
    return Compared(dL_da(a, y), by_difference, "central differences of L in a")


# --8<-- [end:step_1]


# --8<-- [start:step_2]
def check_step_2(rng: np.random.Generator, m: int = 8) -> Compared:
    """Relative error of da/dz = a(1 - a) against a central difference of sigma."""
    rng, m = generator("rng", rng), count("m", m)
    z = rng.uniform(-6.0, 6.0, size=m)
    by_difference = central_difference(lambda t: sigma(t).sum(), z)
    return Compared(da_dz(sigma(z)), by_difference, "central differences of sigma in z")


# --8<-- [end:step_2]


# --8<-- [start:step_3]
def check_step_3(rng: np.random.Generator, m: int = 8) -> Compared:
    """Relative error of dz = a - y against a central difference of L(sigma(z), y)."""
    rng, m = generator("rng", rng), count("m", m)
    z = rng.uniform(-6.0, 6.0, size=m)
    y = rng.uniform(0.0, 1.0, size=m)
    by_difference = central_difference(lambda t: loss(sigma(t), y).sum(), z)
    return Compared(dL_dz(sigma(z), y), by_difference, "central differences of L(sigma(z), y) in z")


# --8<-- [end:step_3]
