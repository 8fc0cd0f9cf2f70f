"""A multi-label output layer in numpy: one sigmoid per output unit, the cost summed over the units, and dZ.

Shapes as in the course, one column per example: Z[L], A[L], Y and dZ[L] are (n_L, m). Each entry
of Y is its own yes/no label (0 or 1, or a soft label in [0, 1]): a column may hold several 1s, or
none, and need not sum to 1. dZ means dL/dZ per example, with no 1/m.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validate import Array, in_interval, matrix, same_shape
from .network import dZ_output


def _logits_labels(Z_L: ArrayLike, Y: ArrayLike) -> tuple[Array, Array]:
    """Z[L] and Y as float64 (n_L, m) matrices of one shape, Y in [0, 1]; else a ValueError naming the argument."""
    Z_L, Y = matrix("Z_L", Z_L, "(n_L, m)"), matrix("Y", Y, "(n_L, m)")
    same_shape(Z_L=Z_L, Y=Y)
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    return Z_L, Y


# --8<-- [start:cost]
def cost(Z_L: ArrayLike, Y: ArrayLike) -> float:
    """J = (1/m) sum over the examples of L = sum_j L_j, one cross-entropy per output unit j, from Z[L].

    -log(sigma(z)) = log(1 + e^{-z}) and -log(1 - sigma(z)) = log(1 + e^{z}): no log sees a rounded 0.
    """
    Z_L, Y = _logits_labels(Z_L, Y)
    L_j = Y * np.logaddexp(0, -Z_L) + (1 - Y) * np.logaddexp(0, Z_L)  # (n_L, m): each unit's own loss
    return float(L_j.sum(axis=0).mean())  # sum over the units, then the mean over the examples


# --8<-- [end:cost]


# --8<-- [start:dZ]
def dZ(Z_L: ArrayLike, Y: ArrayLike) -> Array:
    """dZ[L] = A[L] - Y, (n_L, m): each unit j has its own dL_j/dz_j = a_j - y_j, as one sigmoid output has."""
    Z_L, Y = _logits_labels(Z_L, Y)
    return dZ_output(Z_L, Y)  # sigma(Z[L]) - Y, entry by entry: the one-unit formula, on every row


# --8<-- [end:dZ]
