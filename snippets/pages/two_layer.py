"""Numerical checks of the two-layer page: its six matrix formulas, and the site's backward pass, against J.

The network is the course's week-3 one: a tanh hidden layer of n_1 units and one
sigmoid output unit. Each check draws networks of several shapes (n_0, n_1, m),
m = 1 included, and compares with central differences of the cost J.
"""

from __future__ import annotations

import numpy as np

from snippets.logistic import sigma
from snippets.network import Array, Params, gradients
from snippets.pages.layer_l import dJ_db_by_differences, dJ_dW_by_differences, problem, stacked_error

# (n_0, n_1, m): the page's 2-2-1 network with one example, a single input, and wider ones.
SHAPES = [(2, 2, 1), (1, 3, 1), (3, 4, 5), (4, 2, 8), (5, 6, 3)]


def by_differences(params: Params, X: Array, Y: Array) -> list[Array]:
    """[dJ/dW1, dJ/db1, dJ/dW2, dJ/db2] by central differences of J, tanh in the hidden layer."""
    return [
        by_entry(params, X, Y, l, "tanh")
        for l in (1, 2)  # noqa: E741 (l is the course's layer index)
        for by_entry in (dJ_dW_by_differences, dJ_db_by_differences)
    ]


# --8<-- [start:formulas]
def error_formulas(params: Params, X: Array, Y: Array) -> float:
    """Relative error of the page's six formulas against central differences of J, all stacked."""
    (W1, b1), (W2, b2) = params
    m = X.shape[1]
    A1 = np.tanh(W1 @ X + b1)  # (n_1, m)
    A2 = sigma(W2 @ A1 + b2)  # (1, m)
    dZ2 = A2 - Y  # (1, m)
    dW2 = (dZ2 @ A1.T) / m  # (1, m) @ (m, n_1) = (1, n_1), like W2
    db2 = dZ2.sum(axis=1, keepdims=True) / m  # (1, 1), like b2
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)  # (n_1, m): tanh'(Z1) = 1 - A1^2, A of the same layer 1
    dW1 = (dZ1 @ X.T) / m  # (n_1, m) @ (m, n_0) = (n_1, n_0), like W1
    db1 = dZ1.sum(axis=1, keepdims=True) / m  # (n_1, 1), like b1
    return stacked_error(list(zip([dW1, db1, dW2, db2], by_differences(params, X, Y), strict=True)))


def check_formulas(rng: np.random.Generator) -> float:
    """The six formulas, dZ2 = A2 − Y to db1, against central differences of J, shapes (n_0, n_1, m) up to (5, 6, 3)."""
    return max(error_formulas(*problem(rng, [n_0, n_1, 1], m, "tanh")) for n_0, n_1, m in SHAPES)


# --8<-- [end:formulas]


# --8<-- [start:network]
def error_network(params: Params, X: Array, Y: Array) -> float:
    """Relative error of the site's backward pass with hidden="tanh" against central differences of J."""
    site = [array for dW_db in gradients(params, X, Y, hidden="tanh") for array in dW_db]
    return stacked_error(list(zip(site, by_differences(params, X, Y), strict=True)))


def check_network(rng: np.random.Generator) -> float:
    """The general L-layer code, run with L = 2 and tanh, against central differences of J, the same shapes."""
    return max(error_network(*problem(rng, [n_0, n_1, 1], m, "tanh")) for n_0, n_1, m in SHAPES)


# --8<-- [end:network]
