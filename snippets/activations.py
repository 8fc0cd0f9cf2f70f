"""Activation functions g(Z) and their derivatives g'(Z), entry by entry, in numpy.

Every derivative is computed from Z, the layer's input, never from A = g(Z):
for ReLU, A >= 0 holds for every entry, so a mask from A says nothing about where
Z was positive.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import real_array
from .logistic import sigma, sigma_prime

Array = NDArray[np.float64]

# The slope of leaky ReLU for Z < 0, as in the course.
LEAKY_SLOPE = 0.01


# --8<-- [start:tanh]
def tanh(Z: ArrayLike) -> Array:
    """tanh(Z) = (e^Z - e^{-Z}) / (e^Z + e^{-Z}), entry by entry."""
    return np.tanh(real_array("Z", Z))


def tanh_prime(Z: ArrayLike) -> Array:
    """tanh'(Z) = 1 - tanh(Z)^2 = 1 - A^2, with A = tanh(Z) of the same layer."""
    return 1 - np.tanh(real_array("Z", Z)) ** 2


# --8<-- [end:tanh]


# --8<-- [start:relu]
def relu(Z: ArrayLike) -> Array:
    """ReLU(Z) = max(0, Z), entry by entry; ReLU(0) = 0."""
    return np.maximum(real_array("Z", Z), 0.0)


def relu_prime(Z: ArrayLike) -> Array:
    """ReLU'(Z) = 1 where Z > 0, else 0 (0 at Z = 0 by convention); the mask comes from Z."""
    return (real_array("Z", Z) > 0).astype(np.float64)


# --8<-- [end:relu]


# --8<-- [start:leaky_relu]
def leaky_relu(Z: ArrayLike) -> Array:
    """Leaky ReLU(Z) = max(0.01 Z, Z): Z where Z > 0, 0.01 Z elsewhere."""
    Z = real_array("Z", Z)
    return np.where(Z > 0, Z, LEAKY_SLOPE * Z)


def leaky_relu_prime(Z: ArrayLike) -> Array:
    """Leaky ReLU'(Z) = 1 where Z > 0, else 0.01 (0.01 at Z = 0 by convention)."""
    return np.where(real_array("Z", Z) > 0, 1.0, LEAKY_SLOPE)


# --8<-- [end:leaky_relu]


# --8<-- [start:sigmoid]
# The sigmoid and its derivative sigma'(Z) = sigma(Z)(1 - sigma(Z)) are the ones of logistic regression.
sigmoid, sigmoid_prime = sigma, sigma_prime
# --8<-- [end:sigmoid]


Activation = tuple[Callable[[ArrayLike], Array], Callable[[ArrayLike], Array]]

# --8<-- [start:lookup]
ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "leaky_relu": (leaky_relu, leaky_relu_prime),
}


def activation(name: str, argument: str = "name") -> Activation:
    """The pair (g, g') for an activation's name, or a ValueError naming ``argument`` and listing the known names."""
    if not isinstance(name, str) or name not in ACTIVATIONS:
        known = ", ".join(repr(known) for known in ACTIVATIONS)
        raise ValueError(f"{argument} must name an activation: unknown activation {name!r}; known activations: {known}")
    return ACTIVATIONS[name]


# --8<-- [end:lookup]
