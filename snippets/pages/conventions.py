"""Numerical checks of the conventions page: rows-are-examples gradients against the course's, and against J.

Each check draws a problem in the course's convention (one example per column)
and hands its transpose to the row-convention code in `snippets.conventions`.
"""

from __future__ import annotations

import numpy as np

from snippets import network, vectorised
from snippets.activations import activation
from snippets.conventions import (
    J_rows,
    gradients_rows,
    logistic_gradients_mean_in_dZ,
    logistic_gradients_rows,
    to_rows,
)
from snippets.gradcheck import central_difference, relative_error

# Layer sizes [n_0, ..., n_L] and m of the networks a check draws: one example included.
NETWORKS = [([3, 1], 1), ([2, 3, 1], 1), ([4, 3, 1], 5), ([3, 4, 2, 1], 6)]
# (n_x, m) of the logistic-regression problems.
SHAPES = [(1, 1), (3, 1), (2, 4), (4, 7)]


def _logistic(rng: np.random.Generator, n_x: int, m: int) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """W (n_x, 1), b, X (n_x, m) and Y (1, m) in [0, 1], in the course's convention."""
    return rng.normal(size=(n_x, 1)), float(rng.normal()), rng.normal(size=(n_x, m)), rng.uniform(size=(1, m))


def _network(rng: np.random.Generator, sizes: list[int], m: int) -> tuple[network.Params, np.ndarray, np.ndarray]:
    """Parameters, X (n_0, m) and Y (1, m) in [0, 1], in the course's convention."""
    return network.random_parameters(rng, sizes), rng.normal(size=(sizes[0], m)), rng.uniform(size=(1, m))


# --8<-- [start:logistic]
def check_logistic_rows(rng: np.random.Generator) -> float:
    """With X as (m, n_x), dw = (1/m) X^T dZ equals the course's (1/m) X dZ^T with X as (n_x, m); db too."""
    errors = []
    for n_x, m in SHAPES:
        w, b, X, Y = _logistic(rng, n_x, m)
        dw, db = vectorised.gradients(w, b, X, Y)
        dw_rows, db_rows = logistic_gradients_rows(w, b, X.T, Y.T)  # X.T is (m, n_x)
        errors += [relative_error(dw_rows, dw), relative_error(db_rows, db)]
    return max(errors)


# --8<-- [end:logistic]


# --8<-- [start:network]
def check_network_transposed(rng: np.random.Generator) -> float:
    """Every dW[l] and db[l] with rows as examples is the transpose of the course's, for ReLU and tanh."""
    errors = []
    for sizes, m in NETWORKS:
        for hidden in ("relu", "tanh"):
            params, X, Y = _network(rng, sizes, m)
            course = network.gradients(params, X, Y, hidden)
            rows = gradients_rows(to_rows(params), X.T, Y.T, hidden)
            for (dW, db), (dW_rows, db_rows) in zip(course, rows, strict=True):
                errors += [relative_error(dW_rows, dW.T), relative_error(db_rows, db.T)]
    return max(errors)


def J_of_one(params, X, Y, l: int, k: int, hidden: str):  # noqa: E741 (the course's layer index)
    """J_rows as a function of one array alone: W[l + 1] (k = 0) or b[l + 1] (k = 1), the rest held fixed."""

    def J_l(t):
        changed = [list(pair) for pair in params]
        changed[l][k] = t
        return J_rows([tuple(pair) for pair in changed], X, Y, hidden)

    return J_l


def check_rows_against_J(rng: np.random.Generator) -> float:
    """Every dW[l] and db[l] with rows as examples against central differences of J with rows as examples."""
    errors = []
    for sizes, m in NETWORKS:
        params, X, Y = _network(rng, sizes, m)
        params, X, Y = to_rows(params), X.T, Y.T
        grads = gradients_rows(params, X, Y, "tanh")  # tanh: no kink for a difference to straddle
        for l, pair in enumerate(grads):  # noqa: E741 (l is the course's layer index, counted from 0 here)
            for k in (0, 1):  # dW[l], then db[l]
                J_l = J_of_one(params, X, Y, l, k, "tanh")
                errors.append(relative_error(pair[k], central_difference(J_l, params[l][k])))
    return max(errors)


# --8<-- [end:network]


# --8<-- [start:one_over_m]
def check_one_over_m(rng: np.random.Generator) -> float:
    """The 1/m in dZ = (A - Y) / m, or in dw and db as the course has it: the same dw and db."""
    errors = []
    for n_x, m in SHAPES:
        w, b, X, Y = _logistic(rng, n_x, m)
        dw, db = vectorised.gradients(w, b, X, Y)
        dw_other, db_other = logistic_gradients_mean_in_dZ(w, b, X, Y)
        errors += [relative_error(dw_other, dw), relative_error(db_other, db)]
    return max(errors)


# --8<-- [end:one_over_m]


# --8<-- [start:elementwise]
def check_elementwise(rng: np.random.Generator, n: int = 4, m: int = 3) -> float:
    """Entry by entry, dA * g'(Z) is the Jacobian diag(g'(z)) times da, one example (column) at a time."""
    _, g_prime = activation("tanh")
    dA, Z = rng.normal(size=(n, m)), rng.normal(size=(n, m))
    # a_j = g(z_j) depends on z_j alone, so da/dz is the diagonal matrix diag(g'(z)).
    by_jacobian = np.column_stack([np.diag(g_prime(Z[:, i])) @ dA[:, i] for i in range(m)])
    return relative_error(dA * g_prime(Z), by_jacobian)


# --8<-- [end:elementwise]
