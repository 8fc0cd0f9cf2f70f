"""Gradient checking: a central difference, and the relative error the course compares."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import real_array

Array = NDArray[np.float64]


# --8<-- [start:central_difference]
def central_difference(f: Callable[[Array], float], x: ArrayLike, eps: float = 1e-5) -> Array:
    """(f(x + eps e_i) - f(x - eps e_i)) / (2 eps) for every entry i of x.

    The error is O(eps^2), against O(eps) for the one-sided difference. Rounding
    adds about 1e-16 |f| / eps; eps near 1e-16^(1/3) = 5e-6 balances the two.
    """
    x = real_array("x", x)
    if not (np.isfinite(eps) and eps > 0):
        raise ValueError(f"eps must be a positive finite number, got {eps!r}")
    grad = np.empty_like(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = eps
        grad[i] = (float(f(x + step)) - float(f(x - step))) / (2 * eps)
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
