"""An L-layer network for binary labels, in numpy: the cost J and the gradients of every layer.

Shapes as in the course, one column per example. X = A[0] is (n_0, m), Y is (1, m).
Layer l = 1, ..., L has W[l] (n_l, n_{l-1}) and b[l] (n_l, 1), and computes
Z[l] = W[l] A[l-1] + b[l] and A[l] = g(Z[l]), both (n_l, m). The hidden layers
share one activation g (ReLU unless told otherwise); the output layer L has one
unit and the sigmoid, and J is the mean cross-entropy over the m examples.

In the list ``params``, layer l is ``params[l - 1] = (W[l], b[l])``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import finite_array, in_interval, real_array
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


# --8<-- [start:forward]
def forward(params: Params, X: Array, g: Callable[[Array], Array]) -> tuple[list[Array], list[Array]]:
    """Zs = [Z[1], ..., Z[L]] and As = [A[0], A[1], ..., A[L-1]], with A[0] = X.

    Z[l] = W[l] A[l-1] + b[l]: (n_l, n_{l-1}) @ (n_{l-1}, m) + (n_l, 1) = (n_l, m);
    b[l] is broadcast to every column. The hidden layers apply g; the output layer's
    sigma(Z[L]) is left to J and dZ_output, which work from Z[L].
    """
    Zs, As = [], [X]
    for l, (W, b) in enumerate(params, start=1):  # noqa: E741 (l is the course's layer index)
        Zs.append(W @ As[-1] + b)
        if l < len(params):
            As.append(g(Zs[-1]))
    return Zs, As


# --8<-- [end:forward]


# --8<-- [start:J]
def J(params: Params, X: ArrayLike, Y: ArrayLike, hidden: str = "relu") -> float:
    """J = (1/m) sum_i L(a_i, y_i) with A[L] = sigma(Z[L]), computed from Z[L].

    -log(sigma(z)) = log(1 + e^{-z}) and -log(1 - sigma(z)) = log(1 + e^{z}):
    no log ever sees an a that rounding turned into 0 or 1.
    """
    params, X, Y = _checked(params, X, Y)
    g, _ = activation(hidden)
    Zs, _ = forward(params, X, g)
    losses = Y * np.logaddexp(0, -Zs[-1]) + (1 - Y) * np.logaddexp(0, Zs[-1])
    return float(losses.mean())


# --8<-- [end:J]


# --8<-- [start:dZ_output]
def dZ_output(Z_L: Array, Y: Array) -> Array:
    """dZ[L] = A[L] - Y, (1, m): sigmoid output with cross-entropy, as in logistic regression."""
    return sigma(Z_L) - Y


# --8<-- [end:dZ_output]


# --8<-- [start:dZ_hidden]
def dZ_hidden(dA: Array, Z: Array, g_prime: Callable[[Array], Array]) -> Array:
    """dZ[l] = dA[l] * g'(Z[l]), entry by entry (not a matrix product): both are (n_l, m)."""
    return dA * g_prime(Z)


# --8<-- [end:dZ_hidden]


# --8<-- [start:dW_db]
def dW_db(dZ: Array, A_prev: Array) -> tuple[Array, Array]:
    """dW[l] = (1/m) dZ[l] A[l-1]^T and db[l] = (1/m) sum over the m columns of dZ[l].

    (n_l, m) @ (m, n_{l-1}) = (n_l, n_{l-1}), the shape of W[l]; db[l] is (n_l, 1) like b[l].
    """
    m = dZ.shape[1]
    dW = (dZ @ A_prev.T) / m  # entry (j, k) is (1/m) sum_i dz_j^(i) a_k^(i)
    db = dZ.sum(axis=1, keepdims=True) / m  # keepdims: (n_l, 1), not (n_l,)
    return dW, db


# --8<-- [end:dW_db]


# --8<-- [start:dA_prev]
def dA_prev(W: Array, dZ: Array) -> Array:
    """dA[l-1] = W[l]^T dZ[l]: (n_{l-1}, n_l) @ (n_l, m) = (n_{l-1}, m), no 1/m (one loss per column)."""
    return W.T @ dZ  # entry (k, i) is sum_j w_jk dz_j^(i): every unit j that a_k feeds


# --8<-- [end:dA_prev]


# --8<-- [start:gradients]
def gradients(params: Params, X: ArrayLike, Y: ArrayLike, hidden: str = "relu") -> list[tuple[Array, Array]]:
    """[(dW[1], db[1]), ..., (dW[L], db[L])]: dJ/dW[l] and dJ/db[l], the shapes of W[l] and b[l]."""
    params, X, Y = _checked(params, X, Y)
    g, g_prime = activation(hidden)
    Zs, As = forward(params, X, g)
    L = len(params)
    grads = []
    dZ = dZ_output(Zs[L - 1], Y)  # dZ[L]
    for l in range(L, 0, -1):  # noqa: E741 (l is the course's layer index), from L down to 1
        W, _ = params[l - 1]
        grads.append(dW_db(dZ, As[l - 1]))  # uses A[l-1]
        if l > 1:
            dZ = dZ_hidden(dA_prev(W, dZ), Zs[l - 2], g_prime)  # dZ[l-1], from Z[l-1]
    return grads[::-1]


# --8<-- [end:gradients]


def _checked(params: Params, X: ArrayLike, Y: ArrayLike) -> tuple[Params, Array, Array]:
    """The arguments as float64, or a ValueError naming the argument, the layer and the shapes."""
    X = finite_array("X", X)
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X must have shape (n_0, m) with n_0 >= 1 and m >= 1, got shape {X.shape}")
    n_0, m = X.shape
    if not isinstance(params, list | tuple) or len(params) == 0:
        raise ValueError(f"params must be a non-empty list [(W1, b1), ..., (WL, bL)], got {type(params).__name__}")
    checked = []
    n_prev, what_prev = n_0, f"X has n_0 = {n_0} rows"
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
    if n_prev != 1:
        L = len(params)
        raise ValueError(f"the output layer L = {L} must have 1 unit to match Y (1, m), but W{L} has shape {W.shape}")
    Y = real_array("Y", Y)
    if Y.shape != (1, m):
        raise ValueError(f"Y must have shape (1, m) = (1, {m}) to match X {X.shape}, got shape {Y.shape}")
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    return checked, X, Y
