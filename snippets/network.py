"""An L-layer network for binary labels, in numpy: the cost J, one function per backward equation, the gradients.

Shapes as in the course, one column per example. X = A[0] is (n_0, m), Y is (1, m).
Layer l = 1, ..., L has W[l] (n_l, n_{l-1}) and b[l] (n_l, 1), and computes
Z[l] = W[l] A[l-1] + b[l] and A[l] = g(Z[l]), both (n_l, m). The hidden layers
share one activation g (ReLU unless told otherwise); the output layer L has one
unit and the sigmoid, and J is the mean cross-entropy over the m examples.

In the list ``params``, layer l is ``params[l - 1] = (W[l], b[l])``.

The pages show one equation at a time (dZ_output, dZ_hidden, dW, db, dA_prev). The
assembled pass, ``gradients``, takes a Problem and returns a dict keyed "dJ/dW[l]":
it is the checking code's, not a page's.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import finite_array, in_interval, matrix, real_array, same_shape
from .activations import activation
from .logistic import sigma

Array = NDArray[np.float64]
Params = list[tuple[Array, Array]]  # [(W1, b1), ..., (WL, bL)]


def random_parameters(rng: np.random.Generator, sizes: list[int], scale: float = 0.5) -> Params:
    """W[l] and b[l] for layer sizes [n_0, n_1, ..., n_L], every entry drawn from N(0, scale^2).

    b is random too (the course starts it at 0): a gradient check should see every term.
    """
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    if (
        not isinstance(sizes, list | tuple)
        or len(sizes) < 2
        or not all(isinstance(n, int | np.integer) and not isinstance(n, bool) and n >= 1 for n in sizes)
    ):
        raise ValueError(f"sizes must list at least two positive integers [n_0, ..., n_L], got {sizes!r}")
    if not (isinstance(scale, int | float) and np.isfinite(scale) and scale > 0):
        raise ValueError(f"scale must be a positive finite number, got {scale!r}")
    return [
        (scale * rng.normal(size=(n, n_prev)), scale * rng.normal(size=(n, 1)))
        for n_prev, n in itertools.pairwise(sizes)
    ]


def forward(params: Params, X: ArrayLike, g: Callable[[Array], Array]) -> tuple[list[Array], list[Array]]:
    """Zs = [Z[1], ..., Z[L]] and As = [A[0], A[1], ..., A[L-1]], with A[0] = X.

    Z[l] = W[l] A[l-1] + b[l]: (n_l, n_{l-1}) @ (n_{l-1}, m) + (n_l, 1) = (n_l, m);
    b[l] is broadcast to every column. The hidden layers apply g; the output layer's
    sigma(Z[L]) is left to J and dZ_output, which work from Z[L].
    """
    params, X = _checked_params(params, X)
    if not callable(g):
        raise ValueError(f"g must be a function of Z, got {type(g).__name__}")
    return _forward(params, X, g)


def _forward(params: Params, X: Array, g: Callable[[Array], Array]) -> tuple[list[Array], list[Array]]:
    """forward, for arguments already checked."""
    Zs, As = [], [X]
    for l, (W, b) in enumerate(params, start=1):  # noqa: E741 (l is the course's layer index)
        Zs.append(W @ As[-1] + b)
        if l < len(params):
            As.append(g(Zs[-1]))
    return Zs, As


# --8<-- [start:J]
def J(params: Params, X: ArrayLike, Y: ArrayLike, hidden: str = "relu") -> float:
    """J = (1/m) sum_i L(a_i, y_i) with A[L] = sigma(Z[L]), computed from Z[L].

    -log(sigma(z)) = log(1 + e^{-z}) and -log(1 - sigma(z)) = log(1 + e^{z}):
    no log ever sees an a that rounding turned into 0 or 1.
    """
    params, X, Y = _checked(params, X, Y)
    g, _ = activation(hidden, "hidden")
    Zs, _ = _forward(params, X, g)
    losses = Y * np.logaddexp(0, -Zs[-1]) + (1 - Y) * np.logaddexp(0, Zs[-1])
    return float(losses.mean())


# --8<-- [end:J]


# --8<-- [start:dZ_output]
def dZ_output(Z_L: ArrayLike, Y: ArrayLike) -> Array:
    """dZ[L] = A[L] - Y, (1, m): sigmoid output with cross-entropy, as in logistic regression."""
    Z_L, Y = _entrywise("Z_L", Z_L, "Y", Y, labels=True)
    return sigma(Z_L) - Y


# --8<-- [end:dZ_output]


# --8<-- [start:dZ_hidden]
def dZ_hidden(dA: ArrayLike, Z: ArrayLike, g_prime: Callable[[Array], Array]) -> Array:
    """dZ[l] = dA[l] * g'(Z[l]), entry by entry (not a matrix product): both are (n_l, m)."""
    dA, Z = _entrywise("dA", dA, "Z", Z)
    if not callable(g_prime):
        raise ValueError(f"g_prime must be a function of Z, got {type(g_prime).__name__}")
    return dA * g_prime(Z)


# --8<-- [end:dZ_hidden]


# --8<-- [start:dW]
def dW(dZ: ArrayLike, A_prev: ArrayLike) -> Array:
    """dW[l] = (1/m) dZ[l] A[l-1]^T: (n_l, m) @ (m, n_{l-1}) = (n_l, n_{l-1}), the shape of W[l]."""
    dZ, A_prev = _same_m(dZ, A_prev)
    return dZ @ A_prev.T / dZ.shape[1]  # entry (j, k) is (1/m) sum_i dz_j^(i) a_k^(i)


# --8<-- [end:dW]


# --8<-- [start:db]
def db(dZ: ArrayLike) -> Array:
    """db[l] = (1/m) sum_i dZ[l], the sum over the m columns: (n_l, 1), the shape of b[l]."""
    dZ = matrix("dZ", dZ, "(n_l, m)")
    return dZ.sum(axis=1, keepdims=True) / dZ.shape[1]  # keepdims: (n_l, 1), not (n_l,)


# --8<-- [end:db]


# --8<-- [start:dA_prev]
def dA_prev(W: ArrayLike, dZ: ArrayLike) -> Array:
    """dA[l-1] = W[l]^T dZ[l]: (n_{l-1}, n_l) @ (n_l, m) = (n_{l-1}, m), no 1/m (one loss per column)."""
    W, dZ = matrix("W", W, "(n_l, n_{l-1})"), matrix("dZ", dZ, "(n_l, m)")
    if W.shape[0] != dZ.shape[0]:
        raise ValueError(f"W has {W.shape[0]} rows (units n_l) but dZ has {dZ.shape[0]}: W {W.shape}, dZ {dZ.shape}")
    return W.T @ dZ  # entry (k, i) is sum_j w_jk dz_j^(i): every unit j that a_k feeds


# --8<-- [end:dA_prev]


@dataclass(frozen=True)
class Problem:
    """A network and its data: params [(W[1], b[1]), ...], X = A[0] (n_0, m), labels Y (1, m), the hidden g."""

    params: Params
    X: ArrayLike
    Y: ArrayLike
    hidden: str = "relu"


def gradients(problem: Problem) -> dict[str, Array]:
    """{"dJ/dW[l]": ..., "dJ/db[l]": ...} for l = 1, ..., L, the shapes of W[l] and b[l].

    First every dZ[l], from dZ[L] = A[L] - Y down through dZ[l] = W[l+1]^T dZ[l+1] * g'(Z[l]);
    then each layer's dW[l] and db[l] from its own dZ[l] and A[l-1].
    """
    if not isinstance(problem, Problem):
        raise ValueError(f"problem must be a network.Problem(params, X, Y, hidden), got {type(problem).__name__}")
    params, X, Y = _checked(problem.params, problem.X, problem.Y)
    g, g_prime = activation(problem.hidden, "hidden")
    Zs, As = _forward(params, X, g)
    L = len(params)
    dZs = {L: dZ_output(Zs[L - 1], Y)}
    for l in range(L - 1, 0, -1):  # noqa: E741 (l is the course's layer index)
        dZs[l] = dZ_hidden(dA_prev(params[l][0], dZs[l + 1]), Zs[l - 1], g_prime)  # params[l] is layer l + 1
    grads = {}
    for l in range(1, L + 1):  # noqa: E741
        grads[f"dJ/dW[{l}]"], grads[f"dJ/db[{l}]"] = dW(dZs[l], As[l - 1]), db(dZs[l])
    return grads


def layers(grads: dict[str, Array]) -> list[tuple[Array, Array]]:
    """The gradients as a list [(dW[1], db[1]), ..., (dW[L], db[L])], in the order of params."""
    L = sum(key.startswith("dJ/dW[") for key in grads) if isinstance(grads, dict) else 0
    want = [f"dJ/d{p}[{l}]" for l in range(1, L + 1) for p in "Wb"]  # noqa: E741
    if L == 0 or sorted(grads) != sorted(want):
        raise ValueError(f"grads must be a dict from gradients(), keyed dJ/dW[l] and dJ/db[l], got {grads!r:.80}")
    return [(grads[f"dJ/dW[{l}]"], grads[f"dJ/db[{l}]"]) for l in range(1, L + 1)]  # noqa: E741


def _entrywise(name_1: str, x_1: ArrayLike, name_2: str, x_2: ArrayLike, labels: bool = False) -> tuple[Array, Array]:
    """Two matrices meant entry by entry, as float64, of one shape (no broadcasting); labels in [0, 1]."""
    x_1, x_2 = matrix(name_1, x_1, "(n_l, m)"), matrix(name_2, x_2, "(n_l, m)")
    same_shape(**{name_1: x_1, name_2: x_2})
    if labels:
        in_interval(name_2, x_2, 0.0, 1.0, closed=True)
    return x_1, x_2


def _same_m(dZ: ArrayLike, A_prev: ArrayLike) -> tuple[Array, Array]:
    """The arguments of dW as float64 matrices, dZ (n_l, m) and A_prev (n_{l-1}, m), with the same m."""
    dZ, A_prev = matrix("dZ", dZ, "(n_l, m)"), matrix("A_prev", A_prev, "(n_{l-1}, m)")
    if dZ.shape[1] != A_prev.shape[1]:
        raise ValueError(
            f"dZ and A_prev must have one column per example, the same m: dZ {dZ.shape}, A_prev {A_prev.shape}"
        )
    return dZ, A_prev


def _checked_params(params: Params, X: ArrayLike) -> tuple[Params, Array]:
    """The parameters and X as float64, or a ValueError naming the argument, the layer and the shapes."""
    X = finite_array("X", X)
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X must have shape (n_0, m) with n_0 >= 1 and m >= 1, got shape {X.shape}")
    if not isinstance(params, list | tuple) or len(params) == 0:
        raise ValueError(f"params must be a non-empty list [(W1, b1), ..., (WL, bL)], got {type(params).__name__}")
    checked = []
    n_prev, what_prev = X.shape[0], f"X has n_0 = {X.shape[0]} rows"
    for l, pair in enumerate(params, start=1):  # noqa: E741 (l is the course's layer index)
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValueError(f"params[{l - 1}] must be a pair (W{l}, b{l}), got {type(pair).__name__}")
        W = finite_array(f"W{l}", pair[0])
        b = finite_array(f"b{l}", pair[1])
        if W.ndim != 2 or W.shape[0] == 0:
            raise ValueError(f"W{l} must be a matrix (n_{l}, n_{l - 1}), got shape {W.shape}")
        if W.shape[1] != n_prev:
            raise ValueError(
                f"W{l} has shape {W.shape}, but {what_prev}: W{l} must have {n_prev} columns, shape (n_{l}, {n_prev})"
            )
        if b.shape != (W.shape[0], 1):
            raise ValueError(
                f"b{l} must have shape (n_{l}, 1) = ({W.shape[0]}, 1) to match W{l} {W.shape}, got {b.shape}"
            )
        checked.append((W, b))
        n_prev, what_prev = W.shape[0], f"layer {l} has n_{l} = {W.shape[0]} units (W{l} is {W.shape})"
    return checked, X


def _checked(params: Params, X: ArrayLike, Y: ArrayLike) -> tuple[Params, Array, Array]:
    """The arguments as float64, or a ValueError naming the argument, the layer and the shapes."""
    checked, X = _checked_params(params, X)
    W = checked[-1][0]
    if W.shape[0] != 1:
        L = len(checked)
        raise ValueError(f"the output layer L = {L} must have 1 unit to match Y (1, m), but W{L} has shape {W.shape}")
    m = X.shape[1]
    Y = real_array("Y", Y)
    if Y.shape != (1, m):
        raise ValueError(f"Y must have shape (1, m) = (1, {m}) to match X {X.shape}, got shape {Y.shape}")
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    return checked, X, Y
