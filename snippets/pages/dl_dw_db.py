"""Numerical checks of the dL/dw and dL/db page: one example with two features.

The formulas dL/dw_j = x_j dz and dL/db = dz are checked against central differences
of the loss L(sigma(w_1 x_1 + w_2 x_2 + b), y), taken with respect to w and to b.
"""

from __future__ import annotations

import numpy as np

from snippets._validate import generator
from snippets.gradcheck import Compared, central_difference
from snippets.logistic import dL_dz, loss, sigma
from snippets.pages import graphs


def _example(rng: np.random.Generator) -> tuple[np.ndarray, float, np.ndarray, float]:
    """Random w = (w_1, w_2), b, x = (x_1, x_2) and y: one example, two features."""
    generator("rng", rng)
    w = rng.normal(size=2)
    x = rng.normal(size=2)
    return w, float(rng.normal()), x, float(rng.uniform(0.0, 1.0))


# --8<-- [start:dw]
def check_dw(rng: np.random.Generator) -> Compared:
    """Relative error of (dL/dw_1, dL/dw_2) = (x_1 dz, x_2 dz) against central differences of L."""
    w, b, x, y = _example(rng)
    dz = dL_dz(sigma(w @ x + b), y)  # dz = a - y
    dw = x * dz  # dw_j = x_j dz: dz/dw_j = x_j
    by_difference = central_difference(lambda t: loss(sigma(t @ x + b), y), w)
    return Compared(dw, by_difference, "central differences of L in w")


# --8<-- [end:dw]


# --8<-- [start:db]
def check_db(rng: np.random.Generator) -> Compared:
    """Relative error of dL/db = dz against a central difference of L."""
    w, b, x, y = _example(rng)
    db = dL_dz(sigma(w @ x + b), y)  # dz/db = 1, so db = dz
    by_difference = central_difference(lambda t: loss(sigma(w @ x + t), y), np.array(b))
    return Compared(db, by_difference, "central differences of L in b")


# --8<-- [end:db]


# --8<-- [start:worked_example]
def check_worked_example(rng: np.random.Generator) -> list[Compared]:
    """The worked example's z, a and L against mpmath at 50 digits, its dw and db against central differences of L.

    The example is fixed (x = (1, 2), w = (0.5, -0.25), b = 0.1, y = 1): every seed checks the same numbers.
    """
    generator("rng", rng)
    v = graphs.logistic()
    x, w, b, y = graphs.X.ravel(), graphs.W.ravel(), graphs.B, v["y"]
    dw = np.array([v["dw_1"], v["dw_2"]])
    by_b = central_difference(lambda t: loss(sigma(w @ x + t), y), np.array(b))
    return [
        *graphs.forward_by_mpmath(),
        Compared(dw, central_difference(lambda t: loss(sigma(t @ x + b), y), w), "central differences of L in w"),
        Compared(v["db"], by_b, "central differences of L in b"),
    ]


# --8<-- [end:worked_example]
# One fixed example, the same at every seed: run once, and named so on the page (checker/numeric.py).
check_worked_example.example = "the worked example"
