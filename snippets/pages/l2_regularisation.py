"""Numerical checks of the L2-regularisation page: the cost's term, dW[l] and db[l], against the regularised J.

The regularised cost here is written on its own, not with snippets.regularisation:
the cross-entropy J of snippets.network plus lambd / 2m times numpy's Frobenius norm of
each W[l], squared. Every derivative is compared with central differences of that cost.
"""

from __future__ import annotations

import math

import numpy as np

from snippets import network
from snippets._validate import generator
from snippets.gradcheck import Compared, central_difference, relative_error
from snippets.network import Array, Params, Problem, db, gradients
from snippets.pages.layer_l import SHAPES, _replaced, dZ_by_differences, problem
from snippets.regularisation import dW_l2, l2_term

# The networks have tanh hidden layers (no kinks); lambda is drawn from (0, LAMBDA_MAX), and 0 once per check.
HIDDEN = "tanh"
LAMBDA_MAX = 2.0
HOW = "central differences of the regularised J"


def J_l2(params: Params, X: Array, Y: Array, lambd: float) -> float:
    """J + (lambd / 2m) sum_l ||W[l]||_F^2, the Frobenius norm from np.linalg.norm (not the site's l2_term)."""
    cost = network.J(params, X, Y, HIDDEN)  # validates params, X, Y
    if isinstance(lambd, bool) or not isinstance(lambd, int | float) or not (math.isfinite(lambd) and lambd >= 0):
        raise ValueError(f"lambd must be a finite number >= 0, got {lambd!r}")
    m = np.shape(X)[1]
    return cost + lambd / (2 * m) * sum(np.linalg.norm(W, "fro") ** 2 for W, _ in params)


def _networks(rng: np.random.Generator) -> list[tuple[Params, Array, Array, float]]:
    """One random network of each shape in SHAPES, with its lambda; the first has lambda = 0 (regularisation off)."""
    generator("rng", rng)
    found = []
    for index, (sizes, m) in enumerate(SHAPES):
        params, X, Y = problem(rng, sizes, m, HIDDEN)
        found.append((params, X, Y, 0.0 if index == 0 else float(rng.uniform(0, LAMBDA_MAX))))
    return found


def _by_differences(params: Params, X: Array, Y: Array, lambd: float, l: int, which: int) -> Array:  # noqa: E741
    """dJ/dW[l] (which = 0) or dJ/db[l] (which = 1) of the regularised cost, by central differences."""
    W, b = params[l - 1]

    def cost(t: Array) -> float:
        return J_l2(_replaced(params, l, t, b) if which == 0 else _replaced(params, l, W, t), X, Y, lambd)

    return central_difference(cost, params[l - 1][which])


# --8<-- [start:check_cost]
def check_cost(rng: np.random.Generator) -> list[Compared]:
    """J + l2_term(W's, lambda, m) against the regularised cost with numpy's Frobenius norm."""
    return [
        Compared(
            network.J(params, X, Y, HIDDEN) + l2_term([W for W, _ in params], lambd, X.shape[1]),
            J_l2(params, X, Y, lambd),
            "J plus lambda/2m times np.linalg.norm(W, 'fro') squared",
        )
        for params, X, Y, lambd in _networks(rng)
    ]


# --8<-- [end:check_cost]


# --8<-- [start:check_dW_db]
def _pairs_dW_db(params: Params, X: Array, Y: Array, lambd: float, l: int) -> list[Compared]:  # noqa: E741
    """Layer l's dW[l] (with the term) and db[l] (without), dZ[l] by differences, against the regularised J."""
    Zs, As = network.forward(params, X, np.tanh)
    dZ = dZ_by_differences(params, l, Zs[l - 1], Y, HIDDEN)  # the term has no Z in it: dZ is unchanged
    return [
        Compared(dW_l2(dZ, As[l - 1], params[l - 1][0], lambd), _by_differences(params, X, Y, lambd, l, 0), HOW),
        Compared(db(dZ), _by_differences(params, X, Y, lambd, l, 1), HOW),
    ]


def check_dW_db(rng: np.random.Generator) -> list[Compared]:
    """dW[l] = (1/m) dZ A[l-1]^T + (lambda/m) W[l] and the same db[l] as without it, against the regularised J."""
    return [
        pair
        for params, X, Y, lambd in _networks(rng)
        for l in range(1, len(params) + 1)  # noqa: E741 (the course's layer index)
        for pair in _pairs_dW_db(params, X, Y, lambd, l)
    ]


# --8<-- [end:check_dW_db]


def _gradients_l2(params: Params, X: Array, Y: Array, lambd: float) -> list[Array]:
    """Checking code, not shown: every dW[l] + (lambda/m) W[l] and db[l] of the site's backward pass, stacked flat."""
    grads = gradients(Problem(params, X, Y, HIDDEN))
    m = np.shape(X)[1]
    return [grads[f"dJ/dW[{l}]"] + lambd / m * params[l - 1][0] for l in range(1, len(params) + 1)] + [  # noqa: E741
        grads[f"dJ/db[{l}]"]
        for l in range(1, len(params) + 1)  # noqa: E741
    ]


def _all_by_differences(params: Params, X: Array, Y: Array, lambd: float) -> list[Array]:
    """The regularised J's derivatives in every W[l], then every b[l], in the order of _gradients_l2."""
    L = len(params)
    return [_by_differences(params, X, Y, lambd, l, 0) for l in range(1, L + 1)] + [  # noqa: E741
        _by_differences(params, X, Y, lambd, l, 1)
        for l in range(1, L + 1)  # noqa: E741
    ]


def _flat(arrays: list[Array]) -> Array:
    """Every entry of every array, in one vector: the course's theta."""
    return np.concatenate([np.ravel(a) for a in arrays])


# --8<-- [start:check_on_off]
def check_on_off(rng: np.random.Generator) -> list[Compared]:
    """Gradient checking, regularisation off (lambda = 0) and on: the whole gradient against the regularised J."""
    found = []
    for params, X, Y, drawn in _networks(rng):
        for lambd, state in ((0.0, "off"), (drawn or float(rng.uniform(0, LAMBDA_MAX)), "on")):
            site, independent = _gradients_l2(params, X, Y, lambd), _all_by_differences(params, X, Y, lambd)
            found.append(Compared(_flat(site), _flat(independent), f"{HOW}, regularisation {state}"))
    return found


# --8<-- [end:check_on_off]


def error_without_term(rng: np.random.Generator) -> float:
    """The smallest relative error of the gradient *without* (lambda/m) W[l] against the regularised J: it fails."""
    smallest = math.inf
    for params, X, Y, lambd in _networks(rng)[1:]:  # lambda > 0
        smallest = min(
            smallest,
            relative_error(_flat(_gradients_l2(params, X, Y, 0.0)), _flat(_all_by_differences(params, X, Y, lambd))),
        )
    return smallest
