"""Numerical checks of the output-layer page: each dZ from `snippets.output_layer` against central differences.

dZ means dL/dZ per example, so it is the gradient of the sum of the losses of all
entries (m J for one output unit): each check differentiates that sum in every
entry of Z (or of A), for shapes (n_L, m) from one example (m = 1) up.
"""

from __future__ import annotations

import numpy as np

from snippets._validate import generator
from snippets.gradcheck import Compared, central_difference
from snippets.output_layer import (
    cross_entropy,
    dA_cross_entropy,
    dA_squared_error,
    dZ_chain,
    dZ_matched,
    g,
    squared_error,
)

# (n_L, m): one unit and one example, one unit and many examples, several units.
SHAPES = [(1, 1), (1, 5), (3, 1), (2, 4)]


def _Z_Y(rng: np.random.Generator, n_L: int, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Random Z (n_L, m) in [-4, 4] and labels Y (n_L, m) between 0 and 1."""
    generator("rng", rng)
    return rng.uniform(-4.0, 4.0, size=(n_L, m)), rng.uniform(0.0, 1.0, size=(n_L, m))


# --8<-- [start:dA]
def check_dA(rng: np.random.Generator) -> list[Compared]:
    """The gradient dA = -Y/A + (1 - Y)/(1 - A) against central differences of the cross-entropy in A."""
    rng, found = generator("rng", rng), []
    for n_L, m in SHAPES:
        A, Y = rng.uniform(0.05, 0.95, size=(n_L, m)), rng.uniform(0.0, 1.0, size=(n_L, m))
        by_difference = central_difference(lambda t, Y=Y: cross_entropy(t, Y).sum(), A)
        found.append(Compared(dA_cross_entropy(A, Y), by_difference, "central differences of the losses in A"))
    return found


# --8<-- [end:dA]


# --8<-- [start:two_forms]
def _both_forms(rng: np.random.Generator, activation: str, loss, dA) -> list[Compared]:
    """Both forms, dA * g'(Z) and A - Y, each with central differences of the loss in Z."""
    found, how = [], "central differences of the losses in Z"
    for n_L, m in SHAPES:
        Z, Y = _Z_Y(rng, n_L, m)
        by_difference = central_difference(lambda t, Y=Y: loss(g(t, activation), Y).sum(), Z)
        found.append(Compared(dZ_chain(dA(g(Z, activation), Y), Z, activation), by_difference, how))
        found.append(Compared(dZ_matched(g(Z, activation), Y), by_difference, how))
    return found


def check_two_forms(rng: np.random.Generator) -> list[Compared]:
    """Sigmoid with cross-entropy: dA * g'(Z) and A - Y both against central differences in Z."""
    return _both_forms(rng, "sigmoid", cross_entropy, dA_cross_entropy)


# --8<-- [end:two_forms]


# --8<-- [start:unmatched]
def check_squared_error(rng: np.random.Generator, activation: str = "sigmoid") -> list[Compared]:
    """Squared error after a sigmoid: dZ = (A - Y) * g'(Z) against central differences in Z."""
    found = []
    for n_L, m in SHAPES:
        Z, Y = _Z_Y(rng, n_L, m)
        by_difference = central_difference(lambda t, Y=Y: squared_error(g(t, activation), Y).sum(), Z)
        site = dZ_chain(dA_squared_error(g(Z, activation), Y), Z, activation)
        found.append(Compared(site, by_difference, "central differences of the losses in Z"))
    return found


def check_squared_error_tanh(rng: np.random.Generator) -> list[Compared]:
    """Squared error after tanh: dZ = (A - Y) * (1 - A^2) against central differences in Z."""
    return check_squared_error(rng, "tanh")


# --8<-- [end:unmatched]


# --8<-- [start:linear]
def check_linear(rng: np.random.Generator) -> list[Compared]:
    """Squared error after a linear output A = Z: dA * 1 and A - Y against central differences in Z."""
    return _both_forms(rng, "linear", squared_error, dA_squared_error)


# --8<-- [end:linear]
