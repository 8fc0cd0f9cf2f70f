"""The logistic loss in float64: from a (where log(0) makes inf and NaN), clipped, and from z (always finite).

Notation as in the course: a = sigma(z), log is the natural log, dz means dL/dz.
Every function works entry by entry: its two arguments have the same shape, or one
of them is a single number (see ``_validate``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import in_interval, number, real_array, same_shape
from .logistic import sigma

Array = NDArray[np.float64]


# --8<-- [start:loss_from_a]
def loss_from_a(a: ArrayLike, y: ArrayLike) -> Array:
    """L = -(y log(a) + (1 - y) log(1 - a)), as written: inf or NaN once a has rounded to 0 or 1.

    log(0) = -inf, and 0 * log(0) = 0 * (-inf) = NaN in floating point, even where
    the exact product is 0.
    """
    a, y = _labelled("a", a, y)
    in_interval("a", a, 0.0, 1.0, closed=True)  # a = sigma(z) in float64 can be exactly 0 or 1
    with np.errstate(divide="ignore", invalid="ignore"):  # the inf and NaN are what this shows
        return -(y * np.log(a) + (1 - y) * np.log(1 - a))


# --8<-- [end:loss_from_a]


# --8<-- [start:clipped]
def loss_clipped(a: ArrayLike, y: ArrayLike, epsilon: float = 1e-7) -> Array:
    """L(clip(a, epsilon, 1 - epsilon), y): finite, but flat in z wherever the clip is active.

    Where a < epsilon, the clipped a no longer depends on z, so its derivative in z
    is 0, whatever the true dL/dz = a - y is.
    """
    epsilon = number("epsilon", epsilon)
    if not 0 < epsilon < 0.5:
        raise ValueError(f"epsilon must lie in (0, 0.5), got {epsilon!r}")
    a, y = _labelled("a", a, y)
    in_interval("a", a, 0.0, 1.0, closed=True)
    return loss_from_a(np.clip(a, epsilon, 1 - epsilon), y)


# --8<-- [end:clipped]


# --8<-- [start:loss_from_z]
def loss_from_z(z: ArrayLike, y: ArrayLike) -> Array:
    """L = y log(1 + e^{-z}) + (1 - y) log(1 + e^{z}): finite for every finite z.

    -log(sigma(z)) = log(1 + e^{-z}) and -log(1 - sigma(z)) = log(1 + e^{z}), and
    np.logaddexp(0, t) = log(e^0 + e^t) = max(t, 0) + log(1 + e^{-|t|}) never overflows.
    """
    z, y = _labelled("z", z, y)
    return y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z)


# --8<-- [end:loss_from_z]


# --8<-- [start:dz_from_z]
def dz_from_z(z: ArrayLike, y: ArrayLike) -> Array:
    """The gradient dz = a - y = (1 - y) sigma(z) - y sigma(-z): no subtraction of nearly equal numbers."""
    z, y = _labelled("z", z, y)
    return (1 - y) * sigma(z) - y * sigma(-z)


# --8<-- [end:dz_from_z]


# --8<-- [start:saturation]
def first_z_where_a_is_1() -> float:
    """The smallest float64 z with sigma(z) == 1.0 exactly.

    sigma(z) = 1 / (1 + e^{-z}) rounds to 1 once e^{-z} is at most half the gap
    between 1 and the next float64 above it, 2^{-53}: for z >= 53 log(2), about 36.74.
    """
    return _bisect(lambda z: sigma(z) == 1.0, 0.0, 100.0)


def last_z_where_a_is_0() -> float:
    """The largest float64 z with sigma(z) == 0.0 exactly.

    For z < 0, sigma(z) = e^{z} / (1 + e^{z}), which underflows to 0 once e^{z} is at
    most half the smallest positive float64, 2^{-1075}: for z <= -1075 log(2), about -745.13.
    """
    return -_bisect(lambda t: sigma(-t) == 0.0, 0.0, 1000.0)


def _bisect(holds, low: float, high: float) -> float:
    """The smallest float64 t in (low, high] where holds(t), for holds false at low, true at high and after."""
    while np.nextafter(low, high) < high:
        middle = (low + high) / 2  # strictly between: low and high are not neighbours
        if holds(middle):
            high = middle
        else:
            low = middle
    return high


# --8<-- [end:saturation]


def _labelled(name: str, value: ArrayLike, y: ArrayLike) -> tuple[Array, Array]:
    """``value`` and the labels y in [0, 1] as float64 arrays of one shape (or single numbers)."""
    value = real_array(name, value)
    y = real_array("y", y)
    in_interval("y", y, 0.0, 1.0, closed=True)
    same_shape(**{name: value, "y": y})
    return value, y
