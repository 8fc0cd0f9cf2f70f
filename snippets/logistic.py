"""Logistic regression for one example, in numpy: each function is one line of the derivation.

Notation as in the course: z = w^T x + b, a = sigma(z), log is the natural log,
and dz means dL/dz. Every function works entry by entry: a and y have the same
shape, or one of them is a single number (see ``_validate``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import in_interval, real_array, same_shape

Array = NDArray[np.float64]


# --8<-- [start:sigma]
def sigma(z: ArrayLike) -> Array:
    """sigma(z) = 1 / (1 + e^{-z}), without overflow for any float64 z."""
    z = real_array("z", z)
    e = np.exp(-np.abs(z))  # e^{-|z|} <= 1 never overflows
    # For z < 0: 1 / (1 + e^{-z}) = e^{z} / (1 + e^{z}) = e^{-|z|} / (1 + e^{-|z|}).
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))


# --8<-- [end:sigma]


# --8<-- [start:sigma_prime]
def sigma_prime(z: ArrayLike) -> Array:
    """sigma'(z) = sigma(z)(1 - sigma(z)) = sigma(z) sigma(-z), since 1 - sigma(z) = sigma(-z).

    From z, not from a: for z > 37, a rounds to 1 and a(1 - a) to 0, but sigma(-z) does not.
    """
    z = real_array("z", z)
    return sigma(z) * sigma(-z)


# --8<-- [end:sigma_prime]


# --8<-- [start:da_dz]
def da_dz(a: ArrayLike) -> Array:
    """da/dz = sigma(z)(1 - sigma(z)) = a(1 - a), from a = sigma(z)."""
    a = real_array("a", a)
    in_interval("a", a, 0.0, 1.0, closed=True)
    return a * (1 - a)


# --8<-- [end:da_dz]


# --8<-- [start:loss]
def loss(a: ArrayLike, y: ArrayLike) -> Array:
    """L(a, y) = -(y log(a) + (1 - y) log(1 - a)) for 0 < a < 1 and 0 <= y <= 1."""
    a, y = _a_y(a, y)
    return -(y * np.log(a) + (1 - y) * np.log1p(-a))


# --8<-- [end:loss]


# --8<-- [start:dL_da]
def dL_da(a: ArrayLike, y: ArrayLike) -> Array:
    """dL/da = -y/a + (1 - y)/(1 - a) = (a - y) / (a(1 - a))."""
    a, y = _a_y(a, y)
    return (a - y) / (a * (1 - a))


# --8<-- [end:dL_da]


# --8<-- [start:dL_dz]
def dL_dz(a: ArrayLike, y: ArrayLike) -> Array:
    """The gradient dz = dL/dz = dL/da * da/dz = a - y: the a(1 - a) cancels."""
    a, y = _a_y(a, y, a_closed=True)  # a - y is finite for a = 0 or 1, where sigma(z) has rounded
    return a - y


# --8<-- [end:dL_dz]


def _a_y(a: ArrayLike, y: ArrayLike, a_closed: bool = False) -> tuple[Array, Array]:
    """The arguments: a in (0, 1) (or [0, 1] with ``a_closed``), y in [0, 1], of one shape, or a ValueError.

    The loss and dL/da have log(a), log(1 - a) and 1/(a(1 - a)): there a must stay inside (0, 1).
    """
    a = real_array("a", a)
    y = real_array("y", y)
    in_interval("a", a, 0.0, 1.0, closed=a_closed)
    in_interval("y", y, 0.0, 1.0, closed=True)
    same_shape(a=a, y=y)
    return a, y
