"""Numerical checks of the why-cross-entropy page: J's second derivative along one weight, for both losses.

One feature x, its weight w and a bias b held fixed: z = w x + b, a = sigma(z). The site's
second derivatives (snippets.squared_error, the mean over the examples) are compared with
central differences of J at 60 digits: J is written here on its own, in mpmath, and the
step h = 1e-15 leaves an error near 1e-30 (h^2 from the formula, 10^-60 / h^2 from rounding).
"""

from __future__ import annotations

import mpmath
import numpy as np

from snippets._validate import generator
from snippets.gradcheck import Compared
from snippets.logistic import dL_dz, sigma
from snippets.output_layer import dA_squared_error, dZ_chain
from snippets.squared_error import d2E_dw2, d2L_dw2

# The page's tiny training set: three examples, one feature, the bias held at 2.
X_PAGE = np.array([-3.0, 1.0, 2.0])
Y_PAGE = np.array([0.0, 1.0, 0.0])
B_PAGE = 2.0
W_RANGE = (-6.0, 6.0)  # the stretch of w the page plots and the checks look at
GRID = np.linspace(*W_RANGE, 49)  # every quarter of a unit
DIGITS, H = 60, mpmath.mpf("1e-15")
HOW = f"central differences of J at {DIGITS} digits (mpmath)"


def _J(w: mpmath.mpf, x: np.ndarray, y: np.ndarray, b: float, loss: str) -> mpmath.mpf:
    """J(w) in mpmath: the mean over the examples of (1/2)(a - y)^2 or -(y log a + (1 - y) log(1 - a))."""
    total = mpmath.mpf(0)
    for xi, yi in zip(x, y, strict=True):
        a = 1 / (1 + mpmath.exp(-(w * mpmath.mpf(float(xi)) + mpmath.mpf(float(b)))))
        yi = mpmath.mpf(float(yi))
        total += (a - yi) ** 2 / 2 if loss == "squared" else -(yi * mpmath.log(a) + (1 - yi) * mpmath.log(1 - a))
    return total / len(x)


def digits() -> int:
    """The precision of the central differences, in decimal digits."""
    return DIGITS


def _second_difference(w: float, x: np.ndarray, y: np.ndarray, b: float, loss: str) -> float:
    """(J(w + h) - 2 J(w) + J(w - h)) / h^2 at 60 digits: J's second derivative in w, independently of the site."""
    with mpmath.workdps(DIGITS):
        w = mpmath.mpf(float(w))
        return float((_J(w + H, x, y, b, loss) - 2 * _J(w, x, y, b, loss) + _J(w - H, x, y, b, loss)) / H**2)


def _d2J(ws: np.ndarray, x: np.ndarray, y: np.ndarray, b: float, loss: str) -> np.ndarray:
    """The site's J''(w) at every w of ws: the mean over the examples of d2E_dw2 or d2L_dw2."""
    found = []
    for w in ws:
        a = sigma(w * x + b)
        found.append(np.mean(d2E_dw2(a, y, x) if loss == "squared" else d2L_dw2(a, x)))
    return np.array(found)


def _problems(rng: np.random.Generator) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, float]]:
    """(ws, x, y, b): the page's data on its grid, then random ones (m = 1 included, labels 0/1 or in between)."""
    generator("rng", rng)
    found = [(GRID, X_PAGE, Y_PAGE, B_PAGE)]
    for m in (1, 2, 5):
        y = rng.integers(0, 2, size=m).astype(float) if m != 2 else rng.uniform(0, 1, size=m)
        found.append((rng.uniform(-4, 4, size=6), rng.uniform(-3, 3, size=m), y, float(rng.uniform(-2, 2))))
    return found


def _compared(rng: np.random.Generator, loss: str) -> tuple[list[Compared], np.ndarray]:
    """The site's J'' against central differences for every problem, and the independent values on the page's grid."""
    found, page = [], None
    for ws, x, y, b in _problems(rng):
        independent = np.array([_second_difference(w, x, y, b, loss) for w in ws])
        page = independent if page is None else page
        found.append(Compared(_d2J(ws, x, y, b, loss), independent, HOW))
    return found, page


# --8<-- [start:check_squared]
def check_squared_error_bends_down(rng: np.random.Generator) -> list[Compared]:
    """J'' with squared error against central differences of J; on the page's data it takes both signs."""
    found, page = _compared(rng, "squared")
    if not (page.min() < 0 < page.max()):  # the page's claim, on values the site's formula did not compute
        raise ValueError(
            f"J'' with squared error keeps one sign on {W_RANGE}: from {page.min():.3g} to {page.max():.3g}"
        )
    return found


# --8<-- [end:check_squared]


# --8<-- [start:check_cross_entropy]
def check_cross_entropy_bends_up(rng: np.random.Generator) -> list[Compared]:
    """J'' with cross-entropy, (1/m) sum a(1 - a) x^2, against central differences of J; never negative."""
    found, page = _compared(rng, "cross-entropy")
    if page.min() < 0:
        raise ValueError(f"J'' with cross-entropy is negative on {W_RANGE}: {page.min():.3g}")
    return found


# --8<-- [end:check_cross_entropy]


# -- the slowdown, in numbers: dz for a label 1 with both losses ------------------------------------------

SLOWDOWN_Z = (2.0, 0.0, -2.0, -4.0, -6.0, -8.0)  # a label y = 1, and predictions from right to confidently wrong


def slowdown_table() -> str:
    """The Markdown table of dz for y = 1 with both losses, from right (a near 1) to confidently wrong (a near 0)."""
    Z = np.array([SLOWDOWN_Z])
    A, Y = sigma(Z), np.ones_like(Z)
    cross, squared = dL_dz(A, Y)[0], dZ_chain(dA_squared_error(A, Y), Z, "sigmoid")[0]
    rows = ["| \\(a\\) | \\(a - y\\) | \\((a - y) a(1 - a)\\) |", "| ---: | ---: | ---: |"]
    for a, c, s in zip(A[0], cross, squared, strict=True):
        rows.append(f"| {_shown(a)} | {_shown(c)} | {_shown(s)} |")
    return "\n".join(rows)


def a_at_minus_6() -> float:
    """The prediction a = sigma(-6): confidently wrong for a label 1."""
    return float(sigma(-6.0))


def _shown(value: float) -> str:
    """Three significant digits, with a real minus sign: -0.00247 as −0.00247."""
    return f"{float(value):.3g}".replace("-", "−")


def slowdown_at_minus_6() -> float:
    """How many times larger cross-entropy's dz is than squared error's at z = -6, y = 1: 1 / (a(1 - a))."""
    A, Y, Z = sigma(np.array([[-6.0]])), np.ones((1, 1)), np.array([[-6.0]])
    return float(dL_dz(A, Y)[0, 0] / dZ_chain(dA_squared_error(A, Y), Z, "sigmoid")[0, 0])
