"""Numerical checks of the conventions page: rows-are-examples gradients against central differences of J.

Each check draws a problem in the course's convention (one example per column),
hands its transpose to the row-convention code in `snippets.conventions`, and
compares what comes back with central differences of a cost: the course's J (whose
gradients, transposed, the row convention must give) or J with rows as examples.
"""

from __future__ import annotations

import numpy as np

from snippets import network, vectorised
from snippets._validate import count, generator
from snippets.activations import activation
from snippets.conventions import (
    J_rows,
    _checked_rows,
    gradients_rows,
    logistic_gradients_mean_in_dZ,
    logistic_gradients_rows,
    to_rows,
)
from snippets.gradcheck import Compared, central_difference
from snippets.network import dZ_hidden
from snippets.pages.layer_l import dJ_db_by_differences, dJ_dW_by_differences, problem

# Layer sizes [n_0, ..., n_L] and m of the networks a check draws: one example included.
NETWORKS = [([3, 1], 1), ([2, 3, 1], 1), ([4, 3, 1], 5), ([3, 4, 2, 1], 6)]
# (n_x, m) of the logistic-regression problems.
SHAPES = [(1, 1), (3, 1), (2, 4), (4, 7)]


def _logistic(rng: np.random.Generator, n_x: int, m: int) -> vectorised.Problem:
    """X (n_x, m), Y (1, m) in [0, 1], w (n_x, 1) and b, in the course's convention."""
    generator("rng", rng)
    w, b = rng.normal(size=(n_x, 1)), float(rng.normal())
    return vectorised.Problem(X=rng.normal(size=(n_x, m)), Y=rng.uniform(size=(1, m)), w=w, b=b)


def by_differences(p: vectorised.Problem) -> dict[str, np.ndarray]:
    """dJ/dw and dJ/db of the course's J by central differences, for a Problem in the course's convention."""
    if not isinstance(p, vectorised.Problem):
        raise ValueError(f"p must be a vectorised.Problem, got {type(p).__name__}")
    vectorised._checked(p.w, p.b, p.X, p.Y)  # a ValueError naming w, b, X or Y
    return {
        "dJ/dw": central_difference(lambda t: vectorised.J(t, p.b, p.X, p.Y), p.w),
        "dJ/db": central_difference(lambda t: vectorised.J(p.w, float(t), p.X, p.Y), np.array(p.b)),
    }


# --8<-- [start:logistic]
def check_logistic_rows(rng: np.random.Generator) -> list[Compared]:
    """With X as (m, n_x), dw = (1/m) X^T dZ and db against central differences of J: the course's dw and db."""
    found = []
    for n_x, m in SHAPES:
        p = _logistic(rng, n_x, m)
        rows = logistic_gradients_rows(vectorised.Problem(X=p.X.T, Y=p.Y.T, w=p.w, b=p.b))  # X.T is (m, n_x)
        independent = by_differences(p)
        found += [Compared(rows[k], independent[k], "central differences of J") for k in ("dJ/dw", "dJ/db")]
    return found


# --8<-- [end:logistic]


# --8<-- [start:network]
def check_network_transposed(rng: np.random.Generator) -> list[Compared]:
    """Every dW[l] and db[l] with rows as examples is the transpose of dJ/dW[l], dJ/db[l] of the course's J."""
    found = []
    for sizes, m in NETWORKS:
        for hidden in ("relu", "tanh"):
            params, X, Y = problem(rng, sizes, m, hidden)  # every hidden |Z| away from ReLU's kink
            rows = gradients_rows(network.Problem(to_rows(params), X.T, Y.T, hidden))
            for l in range(1, len(params) + 1):  # noqa: E741 (l is the course's layer index)
                how = "central differences of the course's J, transposed"
                found.append(Compared(rows[f"dJ/dW[{l}]"], dJ_dW_by_differences(params, X, Y, l, hidden).T, how))
                found.append(Compared(rows[f"dJ/db[{l}]"], dJ_db_by_differences(params, X, Y, l, hidden).T, how))
    return found


def J_of_one(params, X, Y, l: int, k: int, hidden: str):  # noqa: E741 (the course's layer index)
    """J_rows as a function of one array alone: W[l + 1] (k = 0) or b[l + 1] (k = 1), the rest held fixed."""
    params, X, Y = _checked_rows(params, X, Y)
    activation(hidden, "hidden")
    if not (isinstance(l, int) and 0 <= l < len(params)) or k not in (0, 1):
        raise ValueError(
            f"l must count a layer from 0 to {len(params) - 1} and k be 0 (W) or 1 (b), got l = {l!r}, k = {k!r}"
        )

    def J_l(t):
        changed = [list(pair) for pair in params]
        changed[l][k] = t
        return J_rows([tuple(pair) for pair in changed], X, Y, hidden)

    return J_l


def check_rows_against_J(rng: np.random.Generator) -> list[Compared]:
    """Every dW[l] and db[l] with rows as examples against central differences of J with rows as examples."""
    found = []
    for sizes, m in NETWORKS:
        params, X, Y = problem(rng, sizes, m, "tanh")  # tanh: no kink for a difference to straddle
        params, X, Y = to_rows(params), X.T, Y.T
        grads = gradients_rows(network.Problem(params, X, Y, "tanh"))
        for l in range(len(params)):  # noqa: E741 (the layer counted from 0 here: params[l] is layer l + 1)
            for k, name in ((0, "W"), (1, "b")):
                difference = central_difference(J_of_one(params, X, Y, l, k, "tanh"), params[l][k])
                found.append(Compared(grads[f"dJ/d{name}[{l + 1}]"], difference, "central differences of J_rows"))
    return found


# --8<-- [end:network]


# --8<-- [start:one_over_m]
def check_one_over_m(rng: np.random.Generator) -> list[Compared]:
    """The 1/m in dZ = (A - Y) / m, then dw = X dZ^T and db = sum_i dZ_i: against central differences of J."""
    found = []
    for n_x, m in SHAPES:
        p = _logistic(rng, n_x, m)
        moved, independent = logistic_gradients_mean_in_dZ(p), by_differences(p)
        found += [Compared(moved[k], independent[k], "central differences of J") for k in ("dJ/dw", "dJ/db")]
    return found


# --8<-- [end:one_over_m]


# --8<-- [start:elementwise]
def check_elementwise(rng: np.random.Generator, n: int = 4, m: int = 3) -> Compared:
    """Entry by entry, dA * g'(Z) is the gradient in Z of sum(dA * g(Z)): central differences, tanh."""
    rng, n, m = generator("rng", rng), count("n", n), count("m", m)
    g, g_prime = activation("tanh")
    dA, Z = rng.normal(size=(n, m)), rng.normal(size=(n, m))
    # a_j = g(z_j) depends on z_j alone: the Jacobian da/dz is diag(g'(z)), and diag(g'(z)) da is da * g'(z).
    by_difference = central_difference(lambda t: float((dA * g(t)).sum()), Z)
    return Compared(dZ_hidden(dA, Z, g_prime), by_difference, "central differences of sum(dA * g(Z)) in Z")


# --8<-- [end:elementwise]
