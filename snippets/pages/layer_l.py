"""Numerical checks of the layer-l page: each of its four equations, layer by layer, against J itself.

Each check draws small networks of several depths and widths, m = 1 included, and
compares one equation of `snippets.network` with central differences of the cost J.
The derivative that flows into layer l from above (dA[l] or dZ[l]) is itself taken
by central differences, so each equation is checked on its own, not through the others.

As in the course's gradient checking, the error of one network is measured on all of
its layers at once: the entries of every layer, stacked into one vector. A layer whose
gradient is tiny (a ReLU layer with most units dead) on its own would be measured
mostly in rounding: a central difference carries an error near 1e-16 J / 1e-5 = 1e-11.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from snippets import network
from snippets._validate import count, generator, matrix
from snippets.activations import activation
from snippets.gradcheck import Compared, central_difference
from snippets.network import (
    Array,
    J,
    Params,
    Problem,
    dA_prev,
    db,
    dW,
    dZ_hidden,
    forward,
    gradients,
    random_parameters,
)
from snippets.pages import _columns

# ([n_0, n_1, ..., n_L], m) of the networks a check draws: one example, one layer, and deeper.
SHAPES = [([2, 1], 1), ([3, 4, 1], 1), ([2, 3, 1], 5), ([4, 5, 3, 1], 7), ([3, 4, 4, 2, 1], 3)]
# A central difference moves each entry by 1e-5; a hidden Z this far from 0 stays on one side of ReLU's kink.
KINK_MARGIN = 1e-2
# (the site's array, the same by central differences), for one or more layers.
Pairs = list[tuple[Array, Array]]


def problem(rng: np.random.Generator, sizes: list[int], m: int, hidden: str) -> tuple[Params, Array, Array]:
    """Random parameters, X (n_0, m) and labels Y (1, m) in [0, 1], with every hidden |Z| >= KINK_MARGIN.

    A draw with a hidden Z entry nearer 0 is thrown away and drawn again: at Z = 0, ReLU and
    leaky ReLU have no derivative, and a central difference across the kink measures neither side.
    """
    generator("rng", rng)
    if not isinstance(sizes, list) or len(sizes) < 2 or sizes[-1] != 1:
        raise ValueError(f"sizes must list [n_0, ..., n_L] with n_L = 1 (one sigmoid output), got {sizes!r}")
    m = count("m", m)
    g, _ = activation(hidden, "hidden")
    while True:
        params = random_parameters(rng, sizes, scale=1.0)
        X = rng.normal(size=(sizes[0], m))
        Zs, _ = forward(params, X, g)
        if all(np.abs(Z).min() >= KINK_MARGIN for Z in Zs[:-1]):
            return params, X, rng.uniform(size=(1, m))


def _replaced(params: Params, l: int, W: Array, b: Array) -> Params:  # noqa: E741 (l is the course's layer)
    """The parameters with layer l's (W[l], b[l]) replaced."""
    return [*params[: l - 1], (W, b), *params[l:]]


def _cost_of_A(params: Params, l: int, A: Array, Y: Array, hidden: str) -> float:  # noqa: E741
    """J as a function of A[l-1]: the layers l, ..., L applied to A in place of X."""
    return J(params[l - 1 :], A, Y, hidden)


def _cost_of_Z(params: Params, l: int, Z: Array, Y: Array, hidden: str) -> float:  # noqa: E741
    """J as a function of Z[l]: g(Z) fed to the layers above, or for l = L the cost of Z[L] itself."""
    if l == len(params):
        # A layer with W = 1 and b = 0 hands Z[L] unchanged to the sigmoid and the loss.
        return J([(np.ones((1, 1)), np.zeros((1, 1)))], Z, Y, hidden)
    g, _ = activation(hidden)
    return J(params[l:], g(Z), Y, hidden)


def dZ_by_differences(params: Params, l: int, Z: Array, Y: Array, hidden: str) -> Array:  # noqa: E741
    """The course's dZ[l] = m dJ/dZ[l]: one loss's derivative per column, so m times J's."""
    params, Z, Y = _at_layer(params, l, "Z", Z, 0, Y, hidden)
    return Y.shape[1] * central_difference(lambda t: _cost_of_Z(params, l, t, Y, hidden), Z)


def dA_by_differences(params: Params, l: int, A: Array, Y: Array, hidden: str) -> Array:  # noqa: E741
    """The course's dA[l-1] = m dJ/dA[l-1], for the A[l-1] that layer l reads."""
    params, A, Y = _at_layer(params, l, "A", A, 1, Y, hidden)
    return Y.shape[1] * central_difference(lambda t: _cost_of_A(params, l, t, Y, hidden), A)


def dJ_dW_by_differences(params: Params, X: Array, Y: Array, l: int, hidden: str) -> Array:  # noqa: E741
    """dJ/dW[l] by central differences, one entry of W[l] at a time."""
    params, X, Y = _layer_args(params, X, Y, l, hidden, lowest=1)
    W, b = params[l - 1]
    return central_difference(lambda t: J(_replaced(params, l, t, b), X, Y, hidden), W)


def dJ_db_by_differences(params: Params, X: Array, Y: Array, l: int, hidden: str) -> Array:  # noqa: E741
    """dJ/db[l] by central differences, one entry of b[l] at a time."""
    params, X, Y = _layer_args(params, X, Y, l, hidden, lowest=1)
    W, b = params[l - 1]
    return central_difference(lambda t: J(_replaced(params, l, W, t), X, Y, hidden), b)


def _at_layer(
    params: Params,
    l: int,  # noqa: E741 (l is the course's layer index)
    name: str,
    value: Array,
    side: int,
    Y: Array,
    hidden: str,
) -> tuple[Params, Array, Array]:
    """The arguments of a derivative at layer l: Z[l] (side 0, rows n_l) or A[l-1] (side 1, rows n_{l-1}), checked.

    The network is checked as network.J checks it, with an X of zeros (n_0, m) taken from W1 and Y,
    which are checked first: a message never names that X, only the arguments given.
    """
    value, Y = _columns(**{name: value, "Y": Y})
    if Y.shape[0] != 1:
        raise ValueError(f"Y must have shape (1, m), one label per example, got shape {Y.shape}")
    first = params[0] if isinstance(params, list | tuple) and params else None
    W_1 = matrix("W1", first[0], "(n_1, n_0)") if isinstance(first, list | tuple) and len(first) == 2 else None
    n_0 = 1 if W_1 is None else W_1.shape[1]  # with no W1, the network check names params
    params, _, Y = _layer_args(params, np.zeros((n_0, Y.shape[1])), Y, l, hidden, lowest=1)
    rows = params[l - 1][0].shape[side]
    if value.shape[0] != rows:
        raise ValueError(
            f"{name} must have {rows} rows for layer l = {l} (W{l} is {params[l - 1][0].shape}), got {value.shape}"
        )
    return params, value, Y


# --8<-- [start:dZ]
def pairs_dZ(params: Params, X: Array, Y: Array, l: int, hidden: str) -> Pairs:  # noqa: E741 (the course's l)
    """For hidden layer l < L: dZ[l] = dA[l] * g'(Z[l]), with dA[l] by differences, and m dJ/dZ[l] by differences."""
    params, X, Y = _layer_args(params, X, Y, l, hidden, lowest=1, below_L=1)
    g, g_prime = activation(hidden)
    Zs, As = forward(params, X, g)
    site = dZ_hidden(dA_by_differences(params, l + 1, As[l], Y, hidden), Zs[l - 1], g_prime)
    return [(site, dZ_by_differences(params, l, Zs[l - 1], Y, hidden))]


def check_dZ(rng: np.random.Generator, hidden: str = "tanh") -> list[Compared]:
    """dZ[l] = dA[l] * g'(Z[l]) against m dJ/dZ[l] by central differences, every hidden layer."""
    return _worst(rng, hidden, pairs_dZ, lambda L: range(1, L), "central differences of J in Z[l]")


# --8<-- [end:dZ]


# --8<-- [start:dW_db]
def pairs_dW_db(params: Params, X: Array, Y: Array, l: int, hidden: str) -> Pairs:  # noqa: E741
    """For layer l: dW[l] = (1/m) dZ[l] A[l-1]^T and db[l] = (1/m) sum of dZ[l], dZ[l] by differences; dJ/dW, dJ/db."""
    params, X, Y = _layer_args(params, X, Y, l, hidden, lowest=1)
    g, _ = activation(hidden)
    Zs, As = forward(params, X, g)
    from_differences = dZ_by_differences(params, l, Zs[l - 1], Y, hidden)
    return [
        (dW(from_differences, As[l - 1]), dJ_dW_by_differences(params, X, Y, l, hidden)),
        (db(from_differences), dJ_db_by_differences(params, X, Y, l, hidden)),
    ]


def check_dW_db(rng: np.random.Generator, hidden: str = "tanh") -> list[Compared]:
    """dW[l] = (1/m) dZ[l] A[l-1]^T and db[l] = (1/m) sum_i dZ[l] against dJ/dW[l], dJ/db[l], every layer."""
    return _worst(rng, hidden, pairs_dW_db, lambda L: range(1, L + 1), "central differences of J in W[l] and b[l]")


# --8<-- [end:dW_db]


# --8<-- [start:dA_prev]
def pairs_dA_prev(params: Params, X: Array, Y: Array, l: int, hidden: str) -> Pairs:  # noqa: E741
    """For layer l >= 2: dA[l-1] = W[l]^T dZ[l], with dZ[l] by differences, and m dJ/dA[l-1] by differences."""
    params, X, Y = _layer_args(params, X, Y, l, hidden, lowest=2)
    g, _ = activation(hidden)
    Zs, As = forward(params, X, g)
    site = dA_prev(params[l - 1][0], dZ_by_differences(params, l, Zs[l - 1], Y, hidden))
    return [(site, dA_by_differences(params, l, As[l - 1], Y, hidden))]


def check_dA_prev(rng: np.random.Generator, hidden: str = "tanh") -> list[Compared]:
    """dA[l-1] = W[l]^T dZ[l] against m dJ/dA[l-1] by central differences, every layer l >= 2."""
    return _worst(rng, hidden, pairs_dA_prev, lambda L: range(2, L + 1), "central differences of J in A[l-1]")


# --8<-- [end:dA_prev]


# --8<-- [start:gradients]
def pairs_gradients(params: Params, X: Array, Y: Array, l: int, hidden: str) -> Pairs:  # noqa: E741
    """Layer l's dW[l], db[l] from the site's whole backward pass, with dJ/dW[l], dJ/db[l] by central differences."""
    params, X, Y = _layer_args(params, X, Y, l, hidden, lowest=1)
    grads = gradients(Problem(params, X, Y, hidden))
    return [
        (grads[f"dJ/dW[{l}]"], dJ_dW_by_differences(params, X, Y, l, hidden)),
        (grads[f"dJ/db[{l}]"], dJ_db_by_differences(params, X, Y, l, hidden)),
    ]


def check_gradients(rng: np.random.Generator, hidden: str = "tanh") -> list[Compared]:
    """The whole backward pass, dW[l] and db[l] of every layer, against central differences of J."""
    return _worst(rng, hidden, pairs_gradients, lambda L: range(1, L + 1), "central differences of J in W[l] and b[l]")


# --8<-- [end:gradients]


def _layer_args(
    params: Params,
    X: Array,
    Y: Array,
    l: int,  # noqa: E741 (l is the course's layer index)
    hidden: str,
    lowest: int,
    below_L: int = 0,
) -> tuple[Params, Array, Array]:
    """The network's arguments as float64, and l a layer from lowest to L - below_L, or a ValueError naming one."""
    params, X, Y = network._checked(params, X, Y)
    activation(hidden, "hidden")
    highest = len(params) - below_L
    if isinstance(l, bool) or not isinstance(l, int | np.integer) or not lowest <= l <= highest:
        raise ValueError(f"l must be a layer from {lowest} to {highest} of this network, got {l!r}")
    return params, X, Y


def stacked(pairs: Pairs, how: str) -> Compared:
    """The site's arrays and the differences', each side stacked into one vector."""
    if not isinstance(pairs, list | tuple) or not pairs or not all(_two_arrays(pair) for pair in pairs):
        raise ValueError(f"pairs must be a non-empty list of (site, by differences) arrays, got {pairs!r:.60}")
    for i, (site, by_differences) in enumerate(pairs):
        if site.shape != by_differences.shape:  # flattened, they would be compared entry with the wrong entry
            raise ValueError(f"pairs[{i}] must be two arrays of one shape, got {site.shape} and {by_differences.shape}")
    if not isinstance(how, str) or not how.strip():
        raise ValueError(f"how must say how the independent side was computed, got {how!r:.40}")
    return Compared(
        np.concatenate([site.ravel() for site, _ in pairs]),
        np.concatenate([by_differences.ravel() for _, by_differences in pairs]),
        how,
    )


def _two_arrays(pair: object) -> bool:
    return isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(side, np.ndarray) for side in pair)


def _worst(
    rng: np.random.Generator, hidden: str, pairs: Callable[..., Pairs], layers: Callable[[int], range], how: str
) -> list[Compared]:
    """One stacked comparison per random network of each shape in SHAPES, over the layers l in layers(L)."""
    found = []
    for sizes, m in SHAPES:
        params, X, Y = problem(rng, sizes, m, hidden)
        chosen = layers(len(params))
        if len(chosen):
            found.append(stacked([pair for l in chosen for pair in pairs(params, X, Y, l, hidden)], how))  # noqa: E741
    return found
