"""Numerical checks of the sigmoid's derivative page: the formula, and its accuracy far from 0."""

from __future__ import annotations

import mpmath
import numpy as np

from snippets._validate import count, generator
from snippets.gradcheck import Compared, central_difference
from snippets.logistic import sigma, sigma_prime


# --8<-- [start:derivative]
def check_derivative(rng: np.random.Generator, m: int = 8) -> Compared:
    """Relative error of sigma'(z) = sigma(z) sigma(-z) against a central difference of sigma."""
    rng, m = generator("rng", rng), count("m", m)
    z = rng.uniform(-6.0, 6.0, size=m)
    by_difference = central_difference(lambda t: sigma(t).sum(), z)
    return Compared(sigma_prime(z), by_difference, "central differences of sigma in z")


# --8<-- [end:derivative]


# --8<-- [start:far_from_zero]
def check_far_from_zero(rng: np.random.Generator, m: int = 8) -> list[Compared]:
    """Worst relative error, entry by entry, of sigma_prime(z) for |z| up to 700, against 50 digits."""
    rng, m = generator("rng", rng), count("m", m)
    z = rng.uniform(-700.0, 700.0, size=m)
    with mpmath.workdps(50):
        # sigma'(z) = e^{-z} / (1 + e^{-z})^2, evaluated with 50 significant digits.
        exact = np.array([float(mpmath.exp(-t) / (1 + mpmath.exp(-t)) ** 2) for t in z])
    # Entry by entry: a value near e^-700 counts as much as one near 1/4.
    return [Compared(sigma_prime(z[i]), exact[i], "mpmath at 50 digits") for i in range(m)]


# --8<-- [end:far_from_zero]
