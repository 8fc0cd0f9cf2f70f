"""The output layer's dZ in numpy, two ways: dZ = dA * g'(Z) for any pair, and dZ = A - Y for matched pairs.

Shapes as in the course: Z, A, Y, dA and dZ are (n_L, m), one column per example
(n_L = 1 for one sigmoid unit). dA means dL/dA and dZ means dL/dZ, entry by entry,
where L is the loss of each example: there is no 1/m in either.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import in_interval, matrix
from .logistic import sigma, sigma_prime

Array = NDArray[np.float64]
ACTIVATIONS = ("sigmoid", "tanh", "linear")


# --8<-- [start:activations]
def g(Z: ArrayLike, activation: str) -> Array:
    """A = g(Z): sigmoid, tanh or linear (A = Z), entry by entry."""
    Z = matrix("Z", Z, "(n_L, m)")
    if activation == "sigmoid":
        return sigma(Z)
    if activation == "tanh":
        return np.tanh(Z)
    if activation == "linear":
        return Z.copy()
    raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, got {activation!r}")


def g_prime(Z: ArrayLike, activation: str) -> Array:
    """g'(Z) from Z: sigma(Z) sigma(-Z) = a(1 - a), 1 - tanh(Z)^2 = 1 - a^2, or 1."""
    Z = matrix("Z", Z, "(n_L, m)")
    if activation == "sigmoid":
        return sigma_prime(Z)
    if activation == "tanh":
        return 1 - np.tanh(Z) ** 2
    if activation == "linear":
        return np.ones_like(Z)
    raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, got {activation!r}")


# --8<-- [end:activations]


# --8<-- [start:losses]
def cross_entropy(A: ArrayLike, Y: ArrayLike) -> Array:
    """L = -(y log(a) + (1 - y) log(1 - a)) for every entry; 0 < a < 1, 0 <= y <= 1."""
    A, Y = _pair(A, Y, cross_entropy=True)
    return -(Y * np.log(A) + (1 - Y) * np.log1p(-A))


def squared_error(A: ArrayLike, Y: ArrayLike) -> Array:
    """E = (1/2)(a - y)^2 for every entry."""
    A, Y = _pair(A, Y, cross_entropy=False)
    return (A - Y) ** 2 / 2


# --8<-- [end:losses]


# --8<-- [start:dA]
def dA_cross_entropy(A: ArrayLike, Y: ArrayLike) -> Array:
    """The gradient dA = dL/dA = -y/a + (1 - y)/(1 - a) for every entry: (n_L, m) like A."""
    A, Y = _pair(A, Y, cross_entropy=True)
    return -Y / A + (1 - Y) / (1 - A)


def dA_squared_error(A: ArrayLike, Y: ArrayLike) -> Array:
    """The gradient dA = dE/dA = a - y for every entry: (n_L, m) like A."""
    A, Y = _pair(A, Y, cross_entropy=False)
    return A - Y


# --8<-- [end:dA]


# --8<-- [start:dZ]
def dZ_chain(dA: ArrayLike, Z: ArrayLike, activation: str) -> Array:
    """The chain rule dZ = dA * g'(Z), entry by entry (numpy's *, not np.dot): any loss, any g."""
    dA, Z = matrix("dA", dA, "(n_L, m)"), matrix("Z", Z, "(n_L, m)")
    if dA.shape != Z.shape:
        raise ValueError(f"dA and Z must have the same shape, got dA {dA.shape} and Z {Z.shape}")
    return dA * g_prime(Z, activation)  # (n_L, m) * (n_L, m)


def dZ_matched(A: ArrayLike, Y: ArrayLike) -> Array:
    """The short form dZ = A - Y: what dA * g'(Z) is for a matched pair (sigmoid with cross-entropy, linear with E)."""
    A, Y = _pair(A, Y, cross_entropy=False)
    return A - Y


# --8<-- [end:dZ]


def _pair(A: ArrayLike, Y: ArrayLike, cross_entropy: bool) -> tuple[Array, Array]:
    # Cross-entropy has log(a), log(1 - a) and 1/(a(1 - a)): a must stay inside (0, 1), y in [0, 1].
    A, Y = matrix("A", A, "(n_L, m)"), matrix("Y", Y, "(n_L, m)")
    if Y.shape != A.shape:
        raise ValueError(f"Y must have the shape of A {A.shape}, got shape {Y.shape}")
    if cross_entropy:
        in_interval("A", A, 0.0, 1.0, closed=False)
        in_interval("Y", Y, 0.0, 1.0, closed=True)
    return A, Y
