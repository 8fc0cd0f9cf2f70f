"""The probability a model gives the labels it sees: Bernoulli after a sigmoid, categorical after a softmax.

Minus the log of each is the example's cross-entropy loss L, and the mean of those over m
independent examples is J (the page where-the-loss-comes-from derives it; its checks compare
this with the site's J).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validate import Array, in_interval, matrix, real_array, same_shape

# One-hot columns summing to 1 within this much count as summing to 1 (float64 sums of a few labels).
SUM_TOLERANCE = 1e-9


# --8<-- [start:bernoulli]
def bernoulli(a: ArrayLike, y: ArrayLike) -> Array:
    """P(y | x) = a^y (1 - a)^(1 - y) for each example: a if y = 1, 1 - a if y = 0."""
    a, y = real_array("a", a), real_array("y", y)
    in_interval("a", a, 0.0, 1.0, closed=False)
    in_interval("y", y, 0.0, 1.0, closed=True)
    same_shape(a=a, y=y)
    return a**y * (1 - a) ** (1 - y)


# --8<-- [end:bernoulli]


# --8<-- [start:categorical]
def categorical(A: ArrayLike, Y: ArrayLike) -> Array:
    """P(y | x) = prod_k a_k^(y_k) for each column (example), (1, m): a_k of the class k whose y_k is 1."""
    A, Y = matrix("A", A, "(C, m)"), matrix("Y", Y, "(C, m)")
    same_shape(A=A, Y=Y)
    in_interval("A", A, 0.0, 1.0, closed=False)
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    for name, M in (("A", A), ("Y", Y)):
        sums = M.sum(axis=0)
        off = np.flatnonzero(np.abs(sums - 1) > SUM_TOLERANCE)
        if off.size:
            k = off[0]
            raise ValueError(f"each column of {name} must sum to 1, but column {k} sums to {float(sums[k])!r}")
    return np.prod(A**Y, axis=0, keepdims=True)


# --8<-- [end:categorical]
