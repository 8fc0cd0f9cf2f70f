"""Numerical checks of the softmax page: the gradient and the Jacobian from `snippets.softmax`, by central differences.

dZ means dL/dZ per example, so it is the gradient of the sum of the m losses,
m J: the checks differentiate m J in every entry of Z, for shapes (C, m) from one
example (m = 1) and two classes up.
"""

from __future__ import annotations

import math

import mpmath
import numpy as np

from snippets._validate import count, generator, number
from snippets.gradcheck import Compared, central_difference
from snippets.pages.numerical_stability import z_where_exp_overflows
from snippets.softmax import cost, gradient, jacobian, softmax

# (C, m): two classes, one example, and wider and taller problems.
SHAPES = [(2, 1), (3, 1), (3, 4), (5, 2), (10, 3)]


def labels(rng: np.random.Generator, C: int, m: int, one_hot: bool) -> np.ndarray:
    """Labels Y (C, m) whose columns sum to 1: one-hot, or soft (random, normalised)."""
    rng, C, m = generator("rng", rng), count("C", C), count("m", m)
    if not isinstance(one_hot, bool | np.bool_):
        raise ValueError(f"one_hot must be True or False, got {one_hot!r:.40}")
    if one_hot:
        return np.eye(C)[:, rng.integers(0, C, size=m)]
    Y = rng.uniform(0.0, 1.0, size=(C, m))
    return Y / Y.sum(axis=0, keepdims=True)


# --8<-- [start:gradient]
def check_gradient(rng: np.random.Generator) -> list[Compared]:
    """The gradient dZ = A - Y against central differences of m J in Z, one-hot and soft labels."""
    rng, found = generator("rng", rng), []
    for C, m in SHAPES:
        for one_hot in (True, False):
            Z, Y = rng.normal(0.0, 3.0, size=(C, m)), labels(rng, C, m, one_hot)
            by_difference = central_difference(lambda t, m=m, Y=Y: m * cost(t, Y), Z)
            found.append(Compared(gradient(Z, Y), by_difference, "central differences of m J in Z"))
    return found


# --8<-- [end:gradient]


# --8<-- [start:jacobian]
def check_jacobian(rng: np.random.Generator) -> list[Compared]:
    """The Jacobian diag(a) - a a^T against central differences of each a_i in z."""
    rng, found = generator("rng", rng), []
    for C, _ in SHAPES:
        # Spread 1: where one a_i is within 1e-6 of 1, central differences keep only 5 digits of its row.
        z = rng.normal(0.0, 1.0, size=C)
        rows = [central_difference(lambda t, i=i: softmax(t[:, None])[i, 0], z) for i in range(C)]
        found.append(Compared(jacobian(z), np.array(rows), "central differences of softmax"))  # row i: da_i/dz_j
    return found


# --8<-- [end:jacobian]


# --8<-- [start:chain_rule]
def check_chain_rule(rng: np.random.Generator) -> list[Compared]:
    """Jacobian^T times dL/da = -y/a, for one example, against central differences of its loss in z."""
    rng, found = generator("rng", rng), []
    for C, _ in SHAPES:
        z, y = rng.normal(0.0, 1.0, size=(C, 1)), labels(rng, C, 1, one_hot=False)
        a = softmax(z)
        dL_da = -y / a  # (C, 1): L = -sum_i y_i log(a_i)
        by_difference = central_difference(lambda t, y=y: cost(t, y), z)  # m = 1: J is the one loss
        found.append(Compared(jacobian(z).T @ dL_da, by_difference, "central differences of the loss in z"))
    return found


# --8<-- [end:chain_rule]


# --8<-- [start:two_classes]
def sigma_exact(t: float) -> mpmath.mpf:
    """The sigmoid 1 / (1 + e^{-t}) at 50 digits, of the exact float64 input."""
    t = number("t", t)
    with mpmath.workdps(50):
        return 1 / (1 + mpmath.exp(-mpmath.mpf(float(t))))


def check_two_classes(rng: np.random.Generator, m: int = 6) -> list[Compared]:
    """Two classes: a_1 = sigma(z_1 - z_2), and dz_1 = sigma(z_1 - z_2) - y_1, the sigmoid's a - y."""
    rng, m = generator("rng", rng), count("m", m)
    Z, y_1 = rng.normal(0.0, 3.0, size=(2, m)), rng.uniform(0.0, 1.0, size=(1, m))
    Y = np.vstack([y_1, 1 - y_1])  # two labels that sum to 1
    a_1 = [sigma_exact(Z[0, i] - Z[1, i]) for i in range(m)]  # z_1 - z_2 is rounded once, in float64
    with mpmath.workdps(50):
        dz_1 = np.array([float(a_1[i] - mpmath.mpf(float(y_1[0, i]))) for i in range(m)])
    return [
        Compared(softmax(Z)[0], np.array([float(a) for a in a_1]), "sigma(z_1 - z_2) in mpmath at 50 digits"),
        Compared(gradient(Z, Y)[0], dz_1, "sigma(z_1 - z_2) - y_1 in mpmath at 50 digits"),
    ]


# --8<-- [end:two_classes]


# -- The numbers the page prints ([number]{= ...}, pipeline/printed.py) ----------------------------------


def most_classes() -> int:
    """The most classes C among the shapes check_gradient draws."""
    return max(C for C, _ in SHAPES)


def exp_overflows_above() -> float:
    """The z above which np.exp(z) is inf in float64 (found by bisection on the numerical-stability page)."""
    return -z_where_exp_overflows()


def soft_label() -> list[float]:
    """A soft label of three classes, the page's example: entries in (0, 1) that add up to 1 (else a ValueError)."""
    label = [0.2, 0.7, 0.1]
    if not all(0 < y < 1 for y in label) or not math.isclose(sum(label), 1.0):
        raise ValueError(f"a soft label has entries in (0, 1) adding up to 1, got {label}")
    return label
