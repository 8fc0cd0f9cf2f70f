"""Numerical checks of the m-examples page: dw and db from `snippets.vectorised` against J itself.

Each check draws X, w, b and Y of the course's shapes and compares the vectorised
gradients with central differences of the cost J, one entry of w (or b) at a time.
"""

from __future__ import annotations

import numpy as np

from snippets import vectorised
from snippets._validate import count, generator
from snippets.gradcheck import Compared, central_difference
from snippets.vectorised import J, Problem

# (n_x, m) of the problems a check draws when no shape is given: one example included.
SHAPES = [(1, 1), (3, 1), (2, 4), (4, 7)]


def _problem(rng: np.random.Generator, n_x: int, m: int) -> Problem:
    """Random X (n_x, m), labels Y (1, m) between 0 and 1, w (n_x, 1) and b."""
    generator("rng", rng)
    w, b = rng.normal(size=(n_x, 1)), float(rng.normal())
    return Problem(X=rng.normal(size=(n_x, m)), Y=rng.uniform(size=(1, m)), w=w, b=b)


def _shapes(n_x: int | None, m: int | None) -> list[tuple[int, int]]:
    return SHAPES if n_x is None and m is None else [(count("n_x", n_x), count("m", m))]


# --8<-- [start:dw]
def compared_dw(p: Problem) -> Compared:
    """The site's dw = (1/m) X dZ^T's code, and central differences of J in every entry of w."""
    site = vectorised.gradients(p)["dJ/dw"]
    return Compared(site, central_difference(lambda t: J(t, p.b, p.X, p.Y), p.w), "central differences of J in w")


def check_dw(rng: np.random.Generator, n_x: int | None = None, m: int | None = None) -> list[Compared]:
    """The gradient dw against central differences of J, shapes (n_x, m) from (1, 1) to (4, 7)."""
    return [compared_dw(_problem(rng, *shape)) for shape in _shapes(n_x, m)]


# --8<-- [end:dw]


# --8<-- [start:db]
def compared_db(p: Problem) -> Compared:
    """The site's db = (1/m) sum_i dZ_i, and a central difference of J in b."""
    site = vectorised.gradients(p)["dJ/db"]
    by_difference = central_difference(lambda t: J(p.w, t, p.X, p.Y), np.array(p.b))
    return Compared(site, by_difference, "central differences of J in b")


def check_db(rng: np.random.Generator, n_x: int | None = None, m: int | None = None) -> list[Compared]:
    """The gradient db against a central difference of J, shapes (n_x, m) from (1, 1) to (4, 7)."""
    return [compared_db(_problem(rng, *shape)) for shape in _shapes(n_x, m)]


# --8<-- [end:db]
