"""Logistic regression over m examples at once, in numpy: the cost J and its gradients dw, db.

Shapes as in the course, one column per example: X is (n_x, m), w is (n_x, 1),
b is a number, and Z, A, Y and dZ are (1, m).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import finite_array, in_interval, real_array
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


# --8<-- [start:gradients]
def gradients(w: ArrayLike, b: float, X: ArrayLike, Y: ArrayLike) -> tuple[Array, float]:
    """(dw, db) = (dJ/dw, dJ/db) = ((1/m) X dZ^T, (1/m) sum_i dZ_i), with dZ = A - Y.

    dZ has no 1/m: its entries are dL_i/dz_i, one loss each. The 1/m comes from
    J being the mean, and enters when the examples' contributions are added up.
    """
    w, b, X, Y = _checked(w, b, X, Y)
    m = X.shape[1]
    A = sigma(w.T @ X + b)  # (1, m)
    dZ = A - Y  # (1, m): dz = a - y for every example at once
    dw = (X @ dZ.T) / m  # (n_x, m) @ (m, 1) = (n_x, 1): row j is sum_i x_j^(i) dz^(i), over m
    db = float(dZ.sum()) / m
    return dw, db


# --8<-- [end:gradients]


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
