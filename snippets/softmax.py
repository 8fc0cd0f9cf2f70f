"""Softmax with cross-entropy in numpy: the activation, the cost from Z, the gradient dZ and the Jacobian.

Shapes as in the course, one column per example: Z, A, Y and dZ are (C, m) for
C classes and m examples. Each column of Y holds the labels of one example, which
sum to 1 (one-hot, or soft labels); dZ means dL/dZ per example, with no 1/m.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import in_interval, matrix, real_array

Array = NDArray[np.float64]
# Labels summing to 1 within this much count as summing to 1: float64 sums of a few
# numbers in [0, 1] are off by a few 1e-16.
SUM_TOLERANCE = 1e-9


# --8<-- [start:softmax]
def softmax(Z: ArrayLike) -> Array:
    """a_i = e^{z_i} / sum_j e^{z_j} in every column of Z, without overflow.

    Subtracting the column's largest entry M changes nothing on paper,
    e^{z_i - M} / sum_j e^{z_j - M} = e^{z_i} / sum_j e^{z_j}, and keeps every
    exponent <= 0, so no e^{...} overflows and the largest is exactly 1.
    """
    Z = _logits(Z)
    E = np.exp(Z - Z.max(axis=0, keepdims=True))  # (C, m), entries in (0, 1]
    return E / E.sum(axis=0, keepdims=True)  # (C, m) / (1, m)


# --8<-- [end:softmax]


# --8<-- [start:cost]
def log_softmax(Z: ArrayLike) -> Array:
    """log(a_i) = z_i - log(sum_j e^{z_j}) in every column of Z, (C, m), from Z alone.

    With M the column's largest z (at row k): log(sum_j e^{z_j}) = M + log(1 + S),
    S = sum_{j != k} e^{z_j - M}. So log(a_i) = (z_i - M) - log(1 + S), and for the
    largest class that is -log(1 + S), to every digit even when a_k rounds to 1.
    """
    Z = _logits(Z)
    M = Z.max(axis=0, keepdims=True)  # (1, m)
    E = np.exp(Z - M)  # (C, m), entries in (0, 1]
    E[Z.argmax(axis=0), np.arange(Z.shape[1])] = 0  # drop e^{z_k - M} = 1: it is the 1 in log(1 + S)
    return (Z - M) - np.log1p(E.sum(axis=0, keepdims=True))


def cost(Z: ArrayLike, Y: ArrayLike) -> float:
    """J = (1/m) sum over the m examples of L = -sum_i y_i log(a_i), computed from Z, not from A.

    No log ever sees an a_i that rounded to 0, so J is finite for every finite Z.
    """
    Z, Y = _logits_labels(Z, Y, sum_to_1=False)
    losses = -(Y * log_softmax(Z)).sum(axis=0)  # (m,): one loss per example
    return float(losses.mean())


# --8<-- [end:cost]


# --8<-- [start:gradient]
def gradient(Z: ArrayLike, Y: ArrayLike) -> Array:
    """The gradient dZ = A - Y, (C, m): dL/dz_i = a_i - y_i for every example whose labels sum to 1."""
    Z, Y = _logits_labels(Z, Y, sum_to_1=True)
    return softmax(Z) - Y


# --8<-- [end:gradient]


# --8<-- [start:jacobian]
def jacobian(z: ArrayLike) -> Array:
    """da_i/dz_j = a_i (delta_ij - a_j) for one example: the (C, C) matrix diag(a) - a a^T."""
    z = real_array("z", z)
    if z.ndim == 2 and z.shape[1] == 1:
        z = z[:, 0]  # one column of Z, (C, 1), as a vector (C,)
    if z.ndim != 1:
        raise ValueError(f"z must be one example's logits, shape (C,) or (C, 1), got shape {z.shape}")
    a = softmax(z[:, None])[:, 0]  # (C,)
    J = -np.outer(a, a)  # da_i/dz_j = -a_i a_j for i != j
    # da_i/dz_i = a_i (1 - a_i), with 1 - a_i = sum_{j != i} a_j: no cancellation when a_i is near 1.
    np.fill_diagonal(J, a * ((1 - np.eye(a.size)) @ a))
    return J


# --8<-- [end:jacobian]


def _logits(Z: ArrayLike) -> Array:
    return matrix("Z", Z, "(C, m)")


def _logits_labels(Z: ArrayLike, Y: ArrayLike, sum_to_1: bool) -> tuple[Array, Array]:
    """Z and Y as float64 (C, m) arrays, or a ValueError naming the one that is wrong."""
    Z = _logits(Z)
    Y = real_array("Y", Y)
    if Y.shape != Z.shape:
        raise ValueError(f"Y must have the shape of Z {Z.shape}, got shape {Y.shape}")
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    if sum_to_1:
        sums = Y.sum(axis=0)
        off = np.abs(sums - 1) > SUM_TOLERANCE
        if off.any():
            i = int(np.argmax(off))
            raise ValueError(
                f"each column of Y must sum to 1 for dZ = A - Y, but column {i} sums to {float(sums[i])!r}"
            )
    return Z, Y
