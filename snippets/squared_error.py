"""Squared error or cross-entropy after a sigmoid, along one weight: the two second derivatives, one formula each.

One feature x with its weight w and a bias b: z = w x + b, a = sigma(z). Each function
works entry by entry, one entry per example; the cost's second derivative in w is the
mean of the examples' ones (the derivative of a mean is the mean of the derivatives).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validate import Array, in_interval, real_array, same_shape


# --8<-- [start:d2E_dw2]
def d2E_dw2(a: ArrayLike, y: ArrayLike, x: ArrayLike) -> Array:
    """d^2E/dw^2 = x^2 a(1 - a)(a(1 - a) + (a - y)(1 - 2a)) for E = (1/2)(a - y)^2: negative where a is far from y."""
    a, y, x = _a_y_x(a, y, x)
    return np.square(x) * a * (1 - a) * (a * (1 - a) + (a - y) * (1 - 2 * a))


# --8<-- [end:d2E_dw2]


# --8<-- [start:d2L_dw2]
def d2L_dw2(a: ArrayLike, x: ArrayLike) -> Array:
    """d^2L/dw^2 = x^2 a(1 - a) for the cross-entropy L: never negative, whatever the label."""
    a, x = _a("a", a), real_array("x", x)
    same_shape(a=a, x=x)
    return np.square(x) * a * (1 - a)


# --8<-- [end:d2L_dw2]


def _a(name: str, a: ArrayLike) -> Array:
    """A prediction a = sigma(z) as an array in [0, 1] (a rounded to 0 or 1 is allowed: nothing divides by it)."""
    a = real_array(name, a)
    in_interval(name, a, 0.0, 1.0, closed=True)
    return a


def _a_y_x(a: ArrayLike, y: ArrayLike, x: ArrayLike) -> tuple[Array, Array, Array]:
    """The arguments a, y in [0, 1] and a real x, of one shape (or single numbers); else a ValueError naming one."""
    a, y, x = _a("a", a), _a("y", y), real_array("x", x)
    same_shape(a=a, y=y, x=x)
    return a, y, x
