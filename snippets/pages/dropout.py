"""Numerical checks of the dropout page: dA[l] * D[l] / keep_prob against the cost with that fixed mask.

With the masks D[l] held fixed, the cost J is an ordinary function of the parameters and
of each layer's activations, and central differences of it are the independent values.
The masked cost is written here on its own (A[l] = tanh(Z[l]) * D[l] / keep_prob in each
hidden layer), not with snippets.dropout. The networks have tanh hidden layers: no kinks.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import numpy as np

from checker.document import front_matter
from checker.matrix_shapes import parse_shapes
from snippets._validate import generator
from snippets.dropout import dA_drop, mask
from snippets.gradcheck import Compared, central_difference, relative_error
from snippets.network import Array, Params, dA_prev, db, dW, dZ_hidden, dZ_output
from snippets.pages.layer_l import SHAPES, problem

HIDDEN = "tanh"
# keep_prob is drawn from this interval for each network; the course's examples use 0.8.
KEEP_PROB = (0.5, 1.0)
Masks = list[Array]  # D[1], ..., D[L-1]: one mask per hidden layer


def _draw(rng: np.random.Generator) -> list[tuple[Params, Array, Array, Masks, float]]:
    """One network of each shape in SHAPES with a keep_prob and a fixed mask for each hidden layer."""
    generator("rng", rng)
    found = []
    for sizes, m in SHAPES:
        params, X, Y = problem(rng, sizes, m, HIDDEN)
        keep_prob = float(rng.uniform(*KEEP_PROB))
        found.append((params, X, Y, [mask(rng, (n, m), keep_prob) for n in sizes[1:-1]], keep_prob))
    return found


def _cost(params: Params, A: Array, Y: Array, masks: Masks, keep_prob: float) -> float:
    """J of the layers params[0], ... applied to A, with the hidden layers' fixed masks: the mean cross-entropy."""
    for (W, b), D in zip(params[:-1], masks, strict=True):
        A = np.tanh(W @ A + b) * D / keep_prob
    Z = params[-1][0] @ A + params[-1][1]
    return float(np.mean(Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)))


def _hidden(params: Params, X: Array, masks: Masks, keep_prob: float) -> tuple[list[Array], list[Array]]:
    """Zs = [Z[1], ..., Z[L]] and the dropped As = [A[0] = X, A[1], ..., A[L-1]] of the masked forward pass."""
    Zs, As = [], [X]
    for l, (W, b) in enumerate(params, start=1):  # noqa: E741 (the course's layer index)
        Zs.append(W @ As[-1] + b)
        if l < len(params):
            As.append(np.tanh(Zs[-1]) * masks[l - 1] / keep_prob)
    return Zs, As


HOW_DA = "central differences of J (fixed masks) in A[l] before dropout"


def _compared_dA(params: Params, X: Array, Y: Array, masks: Masks, keep_prob: float, l: int) -> Compared:  # noqa: E741
    """Hidden layer l: dA_drop of the dA[l] handed down (by differences) against dJ/dA[l] before dropout."""
    Zs, As = _hidden(params, X, masks, keep_prob)
    m, above, D = X.shape[1], params[l:], masks[l - 1]

    def after(A: Array) -> float:  # J from the dropped A[l], the layers above with their own masks
        return _cost(above, A, Y, masks[l:], keep_prob)

    def before(H: Array) -> float:  # J from A[l] before dropout: the mask applied here, as in the forward pass
        return after(H * D / keep_prob)

    dA_after = m * central_difference(after, As[l])  # the dA[l] = W[l+1]^T dZ[l+1] that layer l + 1 hands down
    return Compared(dA_drop(dA_after, D, keep_prob), m * central_difference(before, np.tanh(Zs[l - 1])), HOW_DA)


# --8<-- [start:check_dA]
def check_dA(rng: np.random.Generator) -> list[Compared]:
    """dA[l] * D[l] / keep_prob against m dJ/dA[l] before dropout, by central differences, fixed masks."""
    return [
        _compared_dA(params, X, Y, masks, keep_prob, l)
        for params, X, Y, masks, keep_prob in _draw(rng)
        for l in range(1, len(params))  # noqa: E741 (every hidden layer)
    ]


# --8<-- [end:check_dA]


def _gradients(params: Params, X: Array, Y: Array, masks: Masks, keep_prob: float) -> list[Array]:
    """Checking code, not shown: the site's formulas through every layer, dropout included; dW[1..L], db[1..L] flat."""
    Zs, As = _hidden(params, X, masks, keep_prob)
    L = len(params)
    dZs = {L: dZ_output(Zs[L - 1], Y)}
    for l in range(L - 1, 0, -1):  # noqa: E741
        dA = dA_drop(dA_prev(params[l][0], dZs[l + 1]), masks[l - 1], keep_prob)
        dZs[l] = dZ_hidden(dA, Zs[l - 1], lambda Z: 1 - np.tanh(Z) ** 2)
    return [dW(dZs[l], As[l - 1]) for l in range(1, L + 1)] + [db(dZs[l]) for l in range(1, L + 1)]  # noqa: E741


def _by_differences(params: Params, cost: Callable[[Params], float]) -> list[Array]:
    """dJ/dW[l] for every l, then dJ/db[l], by central differences of cost(params)."""
    return [_one(params, cost, index, 0) for index in range(len(params))] + [
        _one(params, cost, index, 1) for index in range(len(params))
    ]


def _one(params: Params, cost: Callable[[Params], float], index: int, which: int) -> Array:
    """The cost's derivative in W (which = 0) or b (which = 1) of params[index], by central differences."""

    def moved(t: Array) -> float:
        pair = (t, params[index][1]) if which == 0 else (params[index][0], t)
        return cost([*params[:index], pair, *params[index + 1 :]])

    return central_difference(moved, params[index][which])


def _fixed_cost(params: Params, X: Array, Y: Array, masks: Masks, keep_prob: float) -> float:
    """J with the masks held fixed: an ordinary function of the parameters."""
    return _cost(params, X, Y, masks, keep_prob)


def _random_cost(params: Params, X: Array, Y: Array, masks: Masks, keep_prob: float, rng: np.random.Generator) -> float:
    """J with new masks, as a training step draws them: each evaluation is another function of the parameters."""
    return _cost(params, X, Y, [mask(rng, D.shape, keep_prob) for D in masks], keep_prob)


def _flat(arrays: list[Array]) -> Array:
    """Every entry of every array in one vector, the course's theta."""
    return np.concatenate([np.ravel(a) for a in arrays])


# --8<-- [start:check_gradients]
def check_gradients(rng: np.random.Generator) -> list[Compared]:
    """Gradient checking with dropout's masks held fixed: every dW[l], db[l] against central differences of that J."""
    found = []
    for params, X, Y, masks, keep_prob in _draw(rng):
        site = _gradients(params, X, Y, masks, keep_prob)
        independent = _by_differences(params, partial(_fixed_cost, X=X, Y=Y, masks=masks, keep_prob=keep_prob))
        found.append(Compared(_flat(site), _flat(independent), "central differences of J with the masks fixed"))
    return found


# --8<-- [end:check_gradients]


def error_with_new_masks(rng: np.random.Generator) -> float:
    """The smallest relative error of the right gradient when every evaluation of J draws new masks: it fails."""
    smallest = np.inf
    for params, X, Y, masks, keep_prob in _draw(rng):
        if not masks:
            continue  # one layer: no hidden layer, nothing to drop

        random_cost = partial(_random_cost, X=X, Y=Y, masks=masks, keep_prob=keep_prob, rng=rng)
        site = _gradients(params, X, Y, masks, keep_prob)
        smallest = min(smallest, relative_error(_flat(site), _flat(_by_differences(params, random_cost))))
    return float(smallest)


# -- The numbers the page prints ([number]{= ...}, pipeline/printed.py) ----------------------------------


def keep_prob_drawn() -> list[float]:
    """The interval the numeric check draws keep_prob from."""
    return list(KEEP_PROB)


def keep_prob_declared() -> list[float]:
    """The interval the page's front matter declares for p, which the matrix checker draws it from."""
    source = (Path(__file__).resolve().parents[2] / "docs" / "course-2" / "dropout.md").read_text()
    families, _ = parse_shapes(front_matter(source)[0]["shapes"])
    domain = families["p"][0].domain
    return [domain.low, domain.high]
