"""Batch norm over a mini-batch, one formula per function: the forward formulas and the three gradients.

Z (n_l, m) holds one unit per row and one example per column, as in the course; gamma and beta
(n_l, 1) are each unit's learned scale and shift. Every unit is normalised over its own row:

    mu = (1/m) sum_i z(i),  sigma2 = (1/m) sum_i (z(i) - mu)^2,
    z_norm(i) = (z(i) - mu) / sqrt(sigma2 + eps),  z_tilde(i) = gamma z_norm(i) + beta.

Here dZ_tilde is the derivative of the cost J in Z_tilde, entry by entry. The gradients are
linear in it, so dZ holds for dZ_tilde scaled by m too (the course's dZ = m dJ/dZ); dbeta and
dgamma as written are dJ/dbeta and dJ/dgamma, and carry a 1/m with that scaling, as db does.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validate import Array, matrix, number, same_shape


def _eps(eps: float) -> float:
    """The argument eps as a float > 0, or a ValueError: with eps = 0, sigma2 = 0 (m = 1, or equal z's) gives 0/0."""
    eps = number("eps", eps)
    if eps <= 0:
        raise ValueError(
            f"eps must be > 0: a unit whose z's are all equal (m = 1 among them) has sigma2 = 0, got {eps!r}"
        )
    return eps


def _column(name: str, value: ArrayLike, units: Array, of: str) -> Array:
    """gamma, beta or sigma2 as an (n_l, 1) column, one entry per row of ``units``, or a ValueError."""
    column, rows = matrix(name, value, "(n_l, 1)"), units.shape[0]
    if column.shape != (rows, 1):
        raise ValueError(
            f"{name} must have shape (n_l, 1) = ({rows}, 1), one entry per unit (row) of {of}, got {column.shape}"
        )
    return column


def _pair(first: str, A: ArrayLike, second: str, B: ArrayLike) -> tuple[Array, Array]:
    """Two (n_l, m) matrices meant entry by entry, of one shape, or a ValueError naming both."""
    A, B = matrix(first, A, "(n_l, m)"), matrix(second, B, "(n_l, m)")
    same_shape(**{first: A, second: B})
    return A, B


# --8<-- [start:mu]
def mu(Z: ArrayLike) -> Array:
    """The mean over the mini-batch, mu = (1/m) sum_i z(i), for each unit: (n_l, 1)."""
    Z = matrix("Z", Z, "(n_l, m)")
    return np.mean(Z, axis=1, keepdims=True)


# --8<-- [end:mu]


# --8<-- [start:sigma2]
def sigma2(Z: ArrayLike) -> Array:
    """sigma^2 = (1/m) sum_i (z(i) - mu)^2 for each unit: the variance over the mini-batch, (n_l, 1)."""
    Z = matrix("Z", Z, "(n_l, m)")
    return np.mean((Z - mu(Z)) ** 2, axis=1, keepdims=True)  # 1/m, not 1/(m - 1), as in the course


# --8<-- [end:sigma2]


# --8<-- [start:Z_norm]
def Z_norm(Z: ArrayLike, eps: float) -> Array:
    """z_norm(i) = (z(i) - mu) / sqrt(sigma^2 + eps): each unit at mean 0 and variance nearly 1, (n_l, m)."""
    Z, eps = matrix("Z", Z, "(n_l, m)"), _eps(eps)
    return (Z - mu(Z)) / np.sqrt(sigma2(Z) + eps)


# --8<-- [end:Z_norm]


# --8<-- [start:Z_tilde]
def Z_tilde(Z_norm: ArrayLike, gamma: ArrayLike, beta: ArrayLike) -> Array:
    """z_tilde(i) = gamma z_norm(i) + beta, with each unit's own gamma and beta, (n_l, m)."""
    Z_norm = matrix("Z_norm", Z_norm, "(n_l, m)")
    gamma, beta = _column("gamma", gamma, Z_norm, "Z_norm"), _column("beta", beta, Z_norm, "Z_norm")
    return gamma * Z_norm + beta


# --8<-- [end:Z_tilde]


# --8<-- [start:dbeta]
def dbeta(dZ_tilde: ArrayLike) -> Array:
    """The sum dbeta = sum_i dz_tilde(i): beta is added to every example's z_tilde, (n_l, 1)."""
    dZ_tilde = matrix("dZ_tilde", dZ_tilde, "(n_l, m)")
    return np.sum(dZ_tilde, axis=1, keepdims=True)


# --8<-- [end:dbeta]


# --8<-- [start:dgamma]
def dgamma(dZ_tilde: ArrayLike, Z_norm: ArrayLike) -> Array:
    """The sum dgamma = sum_i dz_tilde(i) z_norm(i): gamma multiplies every example's z_norm, (n_l, 1)."""
    dZ_tilde, Z_norm = _pair("dZ_tilde", dZ_tilde, "Z_norm", Z_norm)
    return np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)


# --8<-- [end:dgamma]


# --8<-- [start:dZ]
def dZ(dZ_tilde: ArrayLike, Z_norm: ArrayLike, gamma: ArrayLike, sigma2: ArrayLike, eps: float) -> Array:
    """dz(i) = gamma / (m sqrt(sigma^2 + eps)) (m dz_tilde(i) - dbeta - z_norm(i) dgamma), (n_l, m)."""
    dZ_tilde, Z_norm = _pair("dZ_tilde", dZ_tilde, "Z_norm", Z_norm)
    m = Z_norm.shape[1]
    gamma, sigma2, eps = (
        _column("gamma", gamma, Z_norm, "Z_norm"),
        _column("sigma2", sigma2, Z_norm, "Z_norm"),
        _eps(eps),
    )
    if (sigma2 < 0).any():
        raise ValueError(f"sigma2 is a variance and must be >= 0, got {float(sigma2.min())!r}")
    summed = np.sum(dZ_tilde, axis=1, keepdims=True)  # dbeta: the path through mu
    along = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)  # dgamma: the path through sigma^2
    return gamma / (m * np.sqrt(sigma2 + eps)) * (m * dZ_tilde - summed - Z_norm * along)


# --8<-- [end:dZ]
