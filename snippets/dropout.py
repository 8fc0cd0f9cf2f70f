"""Inverted dropout: a mask, the forward formula and the backward formula, one formula per function.

A hidden layer's activations A[l] (n_l, m) are multiplied entry by entry by a mask D[l]
of 0s and 1s, each 1 with probability keep_prob, and divided by keep_prob, so that every
entry keeps its expected value. The backward pass multiplies dA[l] by the same mask and
divides by keep_prob again: the map A -> A * D / keep_prob is linear and entry by entry,
so its derivative is the same map.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validate import Array, generator, matrix, number, same_shape


def _keep_prob(keep_prob: float) -> float:
    """The argument keep_prob as a float in (0, 1], or a ValueError: 0 would keep no unit and divide by 0."""
    keep_prob = number("keep_prob", keep_prob)
    if not 0 < keep_prob <= 1:
        raise ValueError(f"keep_prob must lie in (0, 1] (1 keeps every unit), got {keep_prob!r}")
    return keep_prob


def _masked(name: str, M: ArrayLike, D: ArrayLike) -> tuple[Array, Array]:
    """M and the mask D as float64 matrices of one shape, D holding only 0s and 1s."""
    M, D = matrix(name, M, "(n_l, m)"), matrix("D", D, "(n_l, m)")
    same_shape(**{name: M, "D": D})
    if not np.isin(D, (0.0, 1.0)).all():
        where = tuple(int(i) for i in np.argwhere(~np.isin(D, (0.0, 1.0)))[0])
        raise ValueError(f"D must hold only 0s and 1s (a mask), but D[{where[0]}, {where[1]}] = {float(D[where])!r}")
    return M, D


# --8<-- [start:mask]
def mask(rng: np.random.Generator, shape: tuple[int, int], keep_prob: float) -> Array:
    """D[l], (n_l, m): each entry 1 with probability keep_prob, else 0, drawn anew for every forward pass."""
    rng, keep_prob = generator("rng", rng), _keep_prob(keep_prob)
    if not (isinstance(shape, tuple) and len(shape) == 2 and all(_whole(n) for n in shape)):
        raise ValueError(f"shape must be (n_l, m), two whole numbers >= 1, got {shape!r}")
    return (rng.uniform(size=shape) < keep_prob).astype(np.float64)


# --8<-- [end:mask]


def _whole(n: object) -> bool:
    return isinstance(n, int | np.integer) and not isinstance(n, bool) and n >= 1


# --8<-- [start:drop]
def drop(A: ArrayLike, D: ArrayLike, keep_prob: float) -> Array:
    """A[l] * D[l] / keep_prob, the forward pass: a dropped unit gives 0, a kept one is scaled up by 1/keep_prob."""
    A, D = _masked("A", A, D)
    return A * D / _keep_prob(keep_prob)  # expected value of each entry: keep_prob * a / keep_prob = a


# --8<-- [end:drop]


# --8<-- [start:dA_drop]
def dA_drop(dA: ArrayLike, D: ArrayLike, keep_prob: float) -> Array:
    """dA[l] * D[l] / keep_prob, the backward pass, with the forward pass's own mask D[l]."""
    dA, D = _masked("dA", dA, D)
    return dA * D / _keep_prob(keep_prob)  # a dropped unit passes no gradient back, a kept one 1/keep_prob of it


# --8<-- [end:dA_drop]
