"""Numerical checks of the dL/dz page: each step's formula against central differences.

Every check differentiates a sum over independent examples: the gradient of
sum_i f(x_i) with respect to x is the vector of f'(x_i), one entry per example.
"""

from __future__ import annotations

import numpy as np

from snippets._validate import count, generator
from snippets.gradcheck import Compared, central_difference
from snippets.logistic import da_dz, dL_da, dL_dz, loss, sigma
from snippets.pages import graphs


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


# --8<-- [start:worked_example]
def check_worked_example(rng: np.random.Generator) -> list[Compared]:
    """The worked example's z, a and L against mpmath at 50 digits, its dL/da, da/dz and dz against central differences.

    The example is fixed (x = (1, 2), w = (0.5, -0.25), b = 0.1, y = 1): every seed checks the same numbers.
    """
    generator("rng", rng)
    v = graphs.logistic()
    y, a, z = v["y"], np.array(v["a"]), np.array(v["z"])
    return [
        *graphs.forward_by_mpmath(),
        Compared(v["da"], central_difference(lambda t: loss(t, y).sum(), a), "central differences of L in a"),
        Compared(v["da/dz"], central_difference(lambda t: sigma(t).sum(), z), "central differences of sigma in z"),
        Compared(v["dz"], central_difference(lambda t: loss(sigma(t), y).sum(), z), "central differences of L in z"),
    ]


# --8<-- [end:worked_example]
# One fixed example, the same at every seed: run once, and named so on the page (checker/numeric.py).
check_worked_example.example = "the worked example"
