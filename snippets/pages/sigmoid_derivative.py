"""Numerical checks of the sigmoid's derivative page: the formula, and its accuracy far from 0."""

from __future__ import annotations

import mpmath
import numpy as np

from snippets.gradcheck import central_difference, relative_error
from snippets.logistic import sigma, sigma_prime


# --8<-- [start:derivative]
def check_derivative(rng: np.random.Generator, m: int = 8) -> float:
    """Relative error of sigma'(z) = sigma(z) sigma(-z) against a central difference of sigma."""
    z = rng.uniform(-6.0, 6.0, size=m)
    by_difference = central_difference(lambda t: sigma(t).sum(), z)
    return relative_error(sigma_prime(z), by_difference)


# --8<-- [end:derivative]


# --8<-- [start:far_from_zero]
def check_far_from_zero(rng: np.random.Generator, m: int = 8) -> float:
    """Worst relative error, entry by entry, of sigma_prime(z) for |z| up to 700, against 50 digits."""
    z = rng.uniform(-700.0, 700.0, size=m)
    with mpmath.workdps(50):
        # sigma'(z) = e^{-z} / (1 + e^{-z})^2, evaluated with 50 significant digits.
        exact = np.array([float(mpmath.exp(-t) / (1 + mpmath.exp(-t)) ** 2) for t in z])
    return float(np.max(np.abs(sigma_prime(z) - exact) / exact))


# --8<-- [end:far_from_zero]
