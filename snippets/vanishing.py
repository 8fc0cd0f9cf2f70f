"""Vanishing gradients: the slope of a chain of units, and the size of each layer's gradient, one formula each.

A chain of scalar units a[l] = g(w[l] a[l-1] + b[l]) has da[L]/da[0] = prod_l w[l] g'(z[l]) (the chain
rule, one factor per layer). With the sigmoid, g'(z) = a(1 - a) <= 1/4, so each factor is at most |w[l]| / 4.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validate import Array, matrix, real_array


# --8<-- [start:chain_slope]
def chain_slope(w: ArrayLike, g_prime_z: ArrayLike) -> Array:
    """da[L]/da[0] = prod_l w[l] g'(z[l]) for a chain of units; row l - 1 holds layer l, a column per example."""
    w, g_prime_z = real_array("w", w), matrix("g_prime_z", g_prime_z, "(L, m)")
    if w.ndim != 1 or w.shape[0] != g_prime_z.shape[0]:
        raise ValueError(
            f"w must list one weight per layer, as many as g_prime_z has rows ({g_prime_z.shape[0]}), got {w.shape}"
        )
    return np.prod(w[:, None] * g_prime_z, axis=0)  # one factor w[l] g'(z[l]) per layer, multiplied


# --8<-- [end:chain_slope]


# --8<-- [start:bound]
def sigmoid_bound(w: ArrayLike) -> float:
    """prod_l |w[l]| / 4: what |da[L]/da[0]| of a sigmoid chain can never exceed, as sigma' <= 1/4."""
    w = real_array("w", w)
    if w.ndim != 1:
        raise ValueError(f"w must list one weight per layer, got shape {w.shape}")
    return float(np.prod(np.abs(w) / 4))


# --8<-- [end:bound]


# --8<-- [start:size]
def size(dW: ArrayLike) -> float:
    """||dW[l]||_F, the square root of the sum of its squared entries: how large layer l's gradient is."""
    return float(np.linalg.norm(matrix("dW", dW, "(n_l, n_{l-1})")))


# --8<-- [end:size]
