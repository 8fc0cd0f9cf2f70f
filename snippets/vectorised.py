"""Logistic regression over m examples at once, in numpy: the cost J, and dZ, dw and db one formula each.

Shapes as in the course, one column per example: X is (n_x, m), w is (n_x, 1),
b is a number, and Z, A, Y and dZ are (1, m). ``gradients`` puts the formulas
together for the checks; it takes a Problem and returns a dict keyed "dJ/dw".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import finite_array, in_interval, matrix, real_array, same_shape
from .logistic import sigma

Array = NDArray[np.float64]


# --8<-- [start:J]
def J(w: ArrayLike, b: float, X: ArrayLike, Y: ArrayLike) -> float:
    """J = (1/m) sum_i L(a_i, y_i): the mean of the m losses, with A = sigma(w^T X + b).

    Computed from Z, not from A, so that no log sees a 0 or a 1 that rounding made:
    -log(sigma(z)) = log(1 + e^{-z}) and -log(1 - sigma(z)) = -log(sigma(-z)) = log(1 + e^{z}).
    """
    w, b, X, Y = _checked(w, b, X, Y)
    Z = w.T @ X + b  # (1, n_x) @ (n_x, m) = (1, m)
    losses = Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)
    return float(losses.mean())


# --8<-- [end:J]


# --8<-- [start:dZ]
def dZ(A: ArrayLike, Y: ArrayLike) -> Array:
    """The row dZ = A - Y, (1, m): dz = a - y for every example at once, no 1/m (one loss per column)."""
    A, Y = matrix("A", A, "(1, m)"), matrix("Y", Y, "(1, m)")
    same_shape(A=A, Y=Y)
    in_interval("A", A, 0.0, 1.0, closed=True)
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    return A - Y


# --8<-- [end:dZ]


# --8<-- [start:dw]
def dw(X: ArrayLike, dZ: ArrayLike) -> Array:
    """The gradient dw = (1/m) X dZ^T: (n_x, m) @ (m, 1) = (n_x, 1), the shape of w."""
    X, dZ = _X_dZ(X, dZ)
    return X @ dZ.T / X.shape[1]  # row j is (1/m) sum_i x_j^(i) dz^(i)


# --8<-- [end:dw]


# --8<-- [start:db]
def db(dZ: ArrayLike) -> float:
    """The gradient db = (1/m) sum_i dz^(i): the mean of the row dZ, one number like b."""
    dZ = matrix("dZ", dZ, "(1, m)")
    if dZ.shape[0] != 1:
        raise ValueError(f"dZ must have shape (1, m), one row, got shape {dZ.shape}")
    return float(dZ.sum()) / dZ.shape[1]


# --8<-- [end:db]


@dataclass(frozen=True)
class Problem:
    """Logistic regression's data and parameters: X (n_x, m), Y (1, m), w (n_x, 1) and the number b."""

    X: ArrayLike
    Y: ArrayLike
    w: ArrayLike
    b: float


def gradients(problem: Problem) -> dict[str, Array | float]:
    """{"dJ/dw": (n_x, 1) array, "dJ/db": number}, from dZ = A - Y with A = sigma(w^T X + b).

    dZ has no 1/m: its entries are dL_i/dz_i, one loss each. The 1/m comes from
    J being the mean, and enters when the examples' contributions are added up.
    """
    if not isinstance(problem, Problem):
        raise ValueError(f"problem must be a vectorised.Problem(X, Y, w, b), got {type(problem).__name__}")
    w, b, X, Y = _checked(problem.w, problem.b, problem.X, problem.Y)
    dZ_ = dZ(sigma(w.T @ X + b), Y)
    return {"dJ/dw": dw(X, dZ_), "dJ/db": db(dZ_)}


def _X_dZ(X: ArrayLike, dZ: ArrayLike) -> tuple[Array, Array]:
    """X (n_x, m) and dZ (1, m) as float64 matrices with the same m, one column per example."""
    X, dZ = matrix("X", X, "(n_x, m)"), matrix("dZ", dZ, "(1, m)")
    if dZ.shape[0] != 1 or dZ.shape[1] != X.shape[1]:
        raise ValueError(f"dZ must have shape (1, m) = (1, {X.shape[1]}) to match X {X.shape}, got shape {dZ.shape}")
    return X, dZ


def _checked(
    w: ArrayLike, b: float, X: ArrayLike, Y: ArrayLike, rows: bool = False
) -> tuple[Array, float, Array, Array]:
    """The arguments as float64, or a ValueError naming the one whose shape or values are wrong.

    One example per column of X (the course), or per row with ``rows=True`` (most libraries).
    """
    X = finite_array("X", X)
    layout = "(m, n_x) with m >= 1 (one example per row)" if rows else "(n_x, m) with m >= 1"
    if X.ndim != 2 or X.shape[0 if rows else 1] == 0:
        raise ValueError(f"X must have shape {layout}, got shape {X.shape}")
    m, n_x = X.shape if rows else X.shape[::-1]
    w = finite_array("w", w)
    if w.shape != (n_x, 1):
        raise ValueError(f"w must have shape (n_x, 1) = ({n_x}, 1) to match X {X.shape}, got shape {w.shape}")
    b_array = finite_array("b", b)
    if b_array.size != 1:
        raise ValueError(f"b must be one number, got shape {b_array.shape}")
    Y = real_array("Y", Y)
    want, name = ((m, 1), "(m, 1)") if rows else ((1, m), "(1, m)")
    if Y.shape != want:
        raise ValueError(f"Y must have shape {name} = {want} to match X {X.shape}, got shape {Y.shape}")
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    return w, float(b_array.ravel()[0]), X, Y
