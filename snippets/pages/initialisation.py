"""Numerical checks of the initialisation page: from a symmetric start, every unit of a layer gets the same dW row.

A start is symmetric when the units of each hidden layer are interchangeable: the rows
of W[l] are equal, the entries of b[l] are equal, and the layer above weighs every unit
alike (the columns of W[l+1] are equal). W = 0 and b = 0 is the simplest case. The checks
take a few gradient steps with the site's backward pass (snippets.network.gradients),
then compare each dW[l] with central differences of J, row 1 repeated for every unit.
"""

from __future__ import annotations

import itertools

import numpy as np

from snippets._validate import count, generator
from snippets.gradcheck import Compared
from snippets.network import Array, Params, Problem, gradients, random_parameters
from snippets.pages.layer_l import dJ_db_by_differences, dJ_dW_by_differences, stacked

HIDDEN = "tanh"
# ([n_0, ..., n_L], m): networks with at least one hidden layer of two or more units, m = 1 included.
SHAPES = [([2, 2, 1], 1), ([3, 4, 1], 5), ([2, 3, 3, 1], 4), ([4, 5, 3, 1], 7)]
STEPS, ALPHA = 5, 0.5


# --8<-- [start:symmetric]
def symmetric_parameters(rng: np.random.Generator, sizes: list[int]) -> Params:
    """W[1] with one random row for every unit, W[l] (l >= 2) and every b[l] one random number in every entry."""
    rng, sizes = generator("rng", rng), _sizes(sizes)
    row = rng.normal(size=(1, sizes[0]))  # the inputs differ, so W[1]'s columns may; its rows may not
    params = [(np.ones((sizes[1], 1)) * row, np.full((sizes[1], 1), rng.normal()))]
    for n_prev, n in itertools.pairwise(sizes[1:]):
        params.append((np.full((n, n_prev), rng.normal()), np.full((n, 1), rng.normal())))
    return params


# --8<-- [end:symmetric]


def _sizes(sizes: list[int]) -> list[int]:
    """The layer sizes [n_0, ..., n_L], each a whole number >= 1 and n_L = 1, or a ValueError naming sizes."""
    if not isinstance(sizes, list) or len(sizes) < 2 or sizes[-1] != 1:
        raise ValueError(f"sizes must list [n_0, ..., n_L] with n_L = 1 (one sigmoid output), got {sizes!r}")
    return [count(f"sizes[{i}]", n) for i, n in enumerate(sizes)]


def _trained(params: Params, X: Array, Y: Array) -> Params:
    """The parameters after STEPS steps of gradient descent, W := W - ALPHA dW, with the site's gradients."""
    for _ in range(STEPS):
        grads = gradients(Problem(params, X, Y, HIDDEN))
        params = [
            (W - ALPHA * grads[f"dJ/dW[{k}]"], b - ALPHA * grads[f"dJ/db[{k}]"])
            for k, (W, b) in enumerate(params, start=1)
        ]
    return params


def _data(rng: np.random.Generator, sizes: list[int], m: int) -> tuple[Array, Array]:
    """Inputs X (n_0, m) and labels Y (1, m) in [0, 1]."""
    return generator("rng", rng).normal(size=(sizes[0], m)), rng.uniform(size=(1, m))


def _rows(grads: dict, params: Params, X: Array, Y: Array, l: int) -> list[tuple[Array, Array]]:  # noqa: E741
    """(the site's dW[l], row 1 of dJ/dW[l] repeated) and the same for db[l]."""
    rows = params[l - 1][0].shape[0]
    return [
        (grads[f"dJ/dW[{l}]"], _repeated(dJ_dW_by_differences(params, X, Y, l, HIDDEN), rows)),
        (grads[f"dJ/db[{l}]"], _repeated(dJ_db_by_differences(params, X, Y, l, HIDDEN), rows)),
    ]


def _repeated(first: Array, rows: int) -> Array:
    """Row 1 of ``first`` repeated ``rows`` times: what every unit's row is, if the units are alike."""
    return np.repeat(first[:1], rows, axis=0)


# --8<-- [start:check_rows]
def check_equal_rows(rng: np.random.Generator) -> list[Compared]:
    """After gradient steps from a symmetric start, every row of dW[l] and db[l] is row 1 of dJ/dW[l], dJ/db[l]."""
    found = []
    for sizes, m in SHAPES:
        X, Y = _data(rng, sizes, m)
        params = _trained(symmetric_parameters(rng, sizes), X, Y)
        grads = gradients(Problem(params, X, Y, HIDDEN))
        layers = range(1, len(params) + 1)  # every layer, stacked into one vector as in the course's check
        pairs = [pair for l in layers for pair in _rows(grads, params, X, Y, l)]  # noqa: E741
        found.append(stacked(pairs, HOW))
    return found


# --8<-- [end:check_rows]
HOW = "row 1 of central differences of J, repeated for every unit"


# --8<-- [start:check_zero]
def check_zero_stays_zero(rng: np.random.Generator) -> list[Compared]:
    """From W = 0 and b = 0 with tanh, every hidden W[l] is still exactly 0 after the gradient steps."""
    found = []
    for sizes, m in SHAPES:
        X, Y = _data(rng, sizes, m)
        zero = [(np.zeros_like(W), np.zeros_like(b)) for W, b in symmetric_parameters(rng, sizes)]
        trained = _trained(zero, X, Y)
        found += [Compared(W, np.zeros_like(W), "the zero matrix") for W, _ in trained[:-1]]
    return found


# --8<-- [end:check_zero]


def row_spread(rng: np.random.Generator, sizes: list[int], m: int, scale: float = 0.5) -> float:
    """For a random start: the largest difference between two rows of dW[1], over the size of dW[1] (0 if alike)."""
    params = random_parameters(generator("rng", rng), _sizes(sizes), scale)
    X, Y = _data(rng, sizes, count("m", m))
    dW = gradients(Problem(params, X, Y, HIDDEN))["dJ/dW[1]"]
    size = np.abs(dW).max()
    return 0.0 if size == 0 else float(np.abs(dW - dW[:1]).max() / size)
