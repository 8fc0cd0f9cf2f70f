"""Numerical checks of the sigmoid's derivative page: the formula, its accuracy far from 0, the numbers shown."""

from __future__ import annotations

import math

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
FAR = 700.0  # |z| up to this
DIGITS = 50  # mpmath's working precision


def check_far_from_zero(rng: np.random.Generator, m: int = 8) -> list[Compared]:
    """Worst relative error, entry by entry, of sigma_prime(z) for |z| up to 700, against 50 digits."""
    rng, m = generator("rng", rng), count("m", m)
    z = rng.uniform(-FAR, FAR, size=m)
    with mpmath.workdps(DIGITS):
        # sigma'(z) = e^{-z} / (1 + e^{-z})^2, evaluated with 50 significant digits.
        exact = np.array([float(mpmath.exp(-t) / (1 + mpmath.exp(-t)) ** 2) for t in z])
    # Entry by entry: a value near e^-700 counts as much as one near 1/4.
    return [Compared(sigma_prime(z[i]), exact[i], "mpmath at 50 digits") for i in range(m)]


# --8<-- [end:far_from_zero]


# -- The numbers the page prints ([number]{= ...}, pipeline/printed.py) ----------------------------------

TABLE_Z = [20.0, 30.0, 37.0]  # the float64 table's rows


def gap_below_1() -> float:
    """2^{-53}: the distance from 1.0 to the next float64 below it."""
    return 1.0 - float(np.nextafter(1.0, 0.0))


def table_z() -> list[float]:
    """The z of the float64 table's rows."""
    return TABLE_Z


def far() -> float:
    """The largest |z| the check far from 0 draws."""
    return FAR


def digits() -> int:
    """The digits of the check's exact values."""
    return DIGITS


def true_sigma_prime_at_last_z() -> float:
    """sigma'(z) at the table's last z, where a(1 - a) is 0: sigma(z) sigma(-z), right to float64's last digits."""
    return float(sigma_prime(TABLE_Z[-1]))


def _significant(x: float, digits: int) -> str:
    """``x`` to ``digits`` significant digits, with a minus sign in the exponent as the page writes it: 2.06e−9."""
    if x == 0:
        return "0"
    mantissa, _, exponent = f"{x:.{digits}g}".partition("e")
    return f"{mantissa}e{int(exponent)}".replace("-", "−") if exponent else mantissa


def _power_of_ten(x: float) -> str:
    """A relative error to one significant digit, as 4 × 10⁻⁸ (1: every digit lost)."""
    if x >= 0.95:
        return f"{x:.0f} (all digits lost)"
    mantissa, exponent = f"{x:.0e}".split("e")
    superscript = str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return f"{mantissa} × 10{superscript}"


def float64_table() -> str:
    """For each z of TABLE_Z: a in float64, a(1 - a) from it, sigma(z) sigma(-z), and a(1 - a)'s relative error."""
    header = [r"\(z\)", r"\(a\) in float64", r"\(a(1 - a)\)", r"\(\sigma(z)\sigma(-z)\)"]
    header.append(r"relative error of \(a(1 - a)\)")
    rows = []
    for z in TABLE_Z:
        a = float(sigma(z))
        from_a, from_z = a * (1 - a), float(sigma_prime(z))
        error = abs(from_a - from_z) / from_z
        # Digits enough to see where the two disagree: the ones they share, and three more.
        shown = max(4, math.ceil(-math.log10(error)) + 3) if 0 < error < 1 else 4
        rows.append([f"{z:g}", repr(a), _significant(from_a, shown), _significant(from_z, shown), _power_of_ten(error)])
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
