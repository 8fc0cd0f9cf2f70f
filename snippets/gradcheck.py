"""Gradient checking: a central difference, the relative error the course compares, and what a check compared."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import real_array

Array = NDArray[np.float64]


# --8<-- [start:central_difference]
def central_difference(f: Callable[[Array], float], x: ArrayLike, eps: float = 1e-5) -> Array:
    """(f(x + eps e_i) - f(x - eps e_i)) / (2 eps) for every entry i of x.

    The error is O(eps^2), against O(eps) for the one-sided difference. Rounding
    adds about 1e-16 |f| / eps; eps near (3e-16)^(1/3) = 7e-6 balances the two.
    """
    if not callable(f):
        raise ValueError(f"f must be a function of x, got {type(f).__name__}")
    x = real_array("x", x)
    if isinstance(eps, bool) or not isinstance(eps, int | float) or not (math.isfinite(eps) and eps > 0):
        raise ValueError(f"eps must be a positive finite number, got {eps!r}")
    grad = np.empty_like(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = eps
        grad[i] = (float(f(x + step)) - float(f(x - step))) / (2 * eps)
        if not math.isfinite(grad[i]):
            raise ValueError(f"f is not finite within eps = {eps!r} of x at index {list(i)}: difference {grad[i]}")
    return grad


# --8<-- [end:central_difference]


# --8<-- [start:relative_error]
def relative_error(grad: ArrayLike, approx: ArrayLike) -> float:
    """||grad - approx|| / (||grad|| + ||approx||), the course's measure; 0 when both are 0."""
    grad = real_array("grad", grad)
    approx = real_array("approx", approx)
    if grad.shape != approx.shape:
        raise ValueError(f"grad has shape {grad.shape} but approx has shape {approx.shape}")
    denominator = np.linalg.norm(grad) + np.linalg.norm(approx)
    return 0.0 if denominator == 0 else float(np.linalg.norm(grad - approx) / denominator)


# --8<-- [end:relative_error]


@dataclass(frozen=True)
class Compared:
    """One comparison a page's check made: the site's value, the same computed without the site's formula, and how.

    checker.numeric computes the relative error of each, so a check reports what it compared.
    """

    site: ArrayLike  # what the site's code computes
    independent: ArrayLike  # the same quantity computed another way: central differences, or exact digits
    how: str  # how ``independent`` was computed, for example "central differences of J"
