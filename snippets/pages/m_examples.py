"""Numerical checks of the m-examples page: dw and db from `snippets.vectorised` against J itself.

Each check draws X, w, b and Y of the course's shapes and compares the vectorised
gradients with central differences of the cost J, one entry of w (or b) at a time.
"""

from __future__ import annotations

import numpy as np

from snippets.gradcheck import central_difference, relative_error
from snippets.vectorised import J, gradients

# (n_x, m) of the problems a check draws when no shape is given: one example included.
SHAPES = [(1, 1), (3, 1), (2, 4), (4, 7)]


def _problem(rng: np.random.Generator, n_x: int, m: int) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Random w (n_x, 1), b, X (n_x, m) and labels Y (1, m) between 0 and 1."""
    return rng.normal(size=(n_x, 1)), float(rng.normal()), rng.normal(size=(n_x, m)), rng.uniform(size=(1, m))


def _shapes(n_x: int | None, m: int | None) -> list[tuple[int, int]]:
    return SHAPES if n_x is None or m is None else [(n_x, m)]


# --8<-- [start:dw]
def error_dw(w, b, X, Y) -> float:
    """Relative error of dw = (1/m) X dZ^T against a central difference of J in every entry of w."""
    dw, _ = gradients(w, b, X, Y)
    return relative_error(dw, central_difference(lambda t: J(t, b, X, Y), w))


def check_dw(rng: np.random.Generator, n_x: int | None = None, m: int | None = None) -> float:
    """The gradient dw against central differences of J, shapes (n_x, m) from (1, 1) to (4, 7)."""
    return max(error_dw(*_problem(rng, *shape)) for shape in _shapes(n_x, m))


# --8<-- [end:dw]


# --8<-- [start:db]
def error_db(w, b, X, Y) -> float:
    """Relative error of db = (1/m) sum_i dZ_i against a central difference of J in b."""
    _, db = gradients(w, b, X, Y)
    return relative_error(db, central_difference(lambda t: J(w, t, X, Y), np.array(b)))


def check_db(rng: np.random.Generator, n_x: int | None = None, m: int | None = None) -> float:
    """The gradient db against a central difference of J, shapes (n_x, m) from (1, 1) to (4, 7)."""
    return max(error_db(*_problem(rng, *shape)) for shape in _shapes(n_x, m))


# --8<-- [end:db]
