"""Numerical checks of the activations page: each g'(Z) against central differences of g, and in a network.

The points Z are kept at least 0.05 away from 0: ReLU and leaky ReLU have a kink
there, and a central difference across it measures neither side.
"""

from __future__ import annotations

import numpy as np

from snippets._validate import generator
from snippets.activations import ACTIVATIONS, activation, leaky_relu_prime
from snippets.gradcheck import Compared, central_difference
from snippets.pages.layer_l import check_gradients

# Shapes of Z, (n_l, m): one unit and one example, one example, and a batch.
SHAPES = [(1, 1), (4, 1), (3, 5)]


def _away_from_zero(rng: np.random.Generator, shape: tuple[int, int]) -> np.ndarray:
    """Random Z with 0.05 <= |Z| <= 4, each sign equally likely."""
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.05, 4.0, size=shape)


# --8<-- [start:derivatives]
def compared_derivative(name: str, Z: np.ndarray) -> Compared:
    """g'(Z), computed from Z, and a central difference of g at every entry."""
    g, g_prime = activation(name)
    # Entry k of g(Z) depends on entry k of Z only, so the gradient of sum(g(Z)) is g'(Z).
    return Compared(g_prime(Z), central_difference(lambda t: g(t).sum(), Z), f"central differences of {name}")


def check_derivatives(rng: np.random.Generator) -> list[Compared]:
    """sigmoid', tanh', ReLU' and leaky ReLU' against central differences, half of the Z < 0, none near 0."""
    generator("rng", rng)
    return [compared_derivative(name, _away_from_zero(rng, shape)) for name in ACTIVATIONS for shape in SHAPES]


# --8<-- [end:derivatives]


# --8<-- [start:networks]
def check_networks(rng: np.random.Generator) -> list[Compared]:
    """Networks of depth 1 to 4 with each hidden activation: every dW[l], db[l] against central differences of J."""
    return [compared for hidden in ACTIVATIONS for compared in check_gradients(rng, hidden)]


# --8<-- [end:networks]


# -- The numbers the page prints ([number]{= ...}, pipeline/printed.py) ----------------------------------


def leaky_slope() -> float:
    """The slope of the site's leaky ReLU for negative z: its derivative at z = -1."""
    return float(leaky_relu_prime(-1.0))


def leaky_slope_at_0() -> float:
    """The derivative the site's leaky ReLU takes at the kink, z = 0."""
    return float(leaky_relu_prime(0.0))
