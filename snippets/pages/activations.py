"""Numerical checks of the activations page: each g'(Z) against central differences of g, and in a network.

The points Z are kept at least 0.05 away from 0: ReLU and leaky ReLU have a kink
there, and a central difference across it measures neither side.
"""

from __future__ import annotations

import numpy as np

from snippets.activations import ACTIVATIONS
from snippets.gradcheck import central_difference, relative_error
from snippets.pages.layer_l import check_gradients

# Shapes of Z, (n_l, m): one unit and one example, one example, and a batch.
SHAPES = [(1, 1), (4, 1), (3, 5)]


def away_from_zero(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Random Z with 0.05 <= |Z| <= 4, each sign equally likely."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.05, 4.0, size=shape)


# --8<-- [start:derivatives]
def error_derivative(name: str, Z: np.ndarray) -> float:
    """Relative error of g'(Z), computed from Z, against a central difference of g at every entry."""
    g, g_prime = ACTIVATIONS[name]
    # Entry k of g(Z) depends on entry k of Z only, so the gradient of sum(g(Z)) is g'(Z).
    return relative_error(g_prime(Z), central_difference(lambda t: g(t).sum(), Z))


def check_derivatives(rng: np.random.Generator) -> float:
    """sigmoid', tanh', ReLU' and leaky ReLU' against central differences, half of the Z < 0, none near 0."""
    return max(error_derivative(name, away_from_zero(rng, shape)) for name in ACTIVATIONS for shape in SHAPES)


# --8<-- [end:derivatives]


# --8<-- [start:networks]
def check_networks(rng: np.random.Generator) -> float:
    """Networks of depth 1 to 4 with each hidden activation: every dW[l], db[l] against central differences of J."""
    return max(check_gradients(rng, hidden) for hidden in ACTIVATIONS)


# --8<-- [end:networks]
