"""Rows are examples: logistic regression and the L-layer network with X stored as (m, n_x).

The course puts one example in each column: X is (n_x, m). Most libraries put one
example in each row: X is (m, n_x), and a layer's Z[l] and A[l] are (m, n_l).
A layer then computes Z[l] = A[l-1] W[l] + b[l] with W[l] of shape (n_{l-1}, n_l),
the transpose of the course's W[l], and b[l] of shape (1, n_l). Every gradient
comes out as the transpose of the course's, with the same numbers.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._validate import finite_array, in_interval, real_array
from .activations import activation
from .logistic import sigma
from .vectorised import _checked as _checked_logistic

Array = NDArray[np.float64]
Params = list[tuple[Array, Array]]  # [(W1, b1), ..., (WL, bL)]: W_l is (n_{l-1}, n_l), b_l is (1, n_l)


# --8<-- [start:logistic_rows]
def logistic_gradients_rows(w: ArrayLike, b: float, X: ArrayLike, Y: ArrayLike) -> tuple[Array, float]:
    """(dw, db) with one example per row: X is (m, n_x), Y is (m, 1), w is (n_x, 1).

    Z = X w + b is (m, 1); dZ = A - Y; dw = (1/m) X^T dZ and db = (1/m) sum_i dZ_i.
    """
    w, b, X, Y = _checked_logistic(w, b, X, Y, rows=True)
    m = X.shape[0]
    A = sigma(X @ w + b)  # (m, n_x) @ (n_x, 1) = (m, 1)
    dZ = A - Y  # (m, 1): dz = a - y, one row per example
    dw = (X.T @ dZ) / m  # (n_x, m) @ (m, 1) = (n_x, 1): the course's X dZ^T, transposed inside
    db = float(dZ.sum()) / m
    return dw, db


# --8<-- [end:logistic_rows]


# --8<-- [start:one_over_m]
def logistic_gradients_mean_in_dZ(w: ArrayLike, b: float, X: ArrayLike, Y: ArrayLike) -> tuple[Array, float]:
    """The course's dw and db (X is (n_x, m)), with the 1/m moved into dZ = dJ/dZ = (A - Y) / m.

    This is the dZ an automatic differentiator reports for the mean cost J;
    dw = X dZ^T and db = sum_i dZ_i then need no 1/m.
    """
    w, b, X, Y = _checked_logistic(w, b, X, Y)
    m = X.shape[1]
    dZ = (sigma(w.T @ X + b) - Y) / m  # (1, m): dJ/dz^(i), the 1/m from J being a mean
    dw = X @ dZ.T  # (n_x, 1), no 1/m: it is already in dZ
    db = float(dZ.sum())
    return dw, db


# --8<-- [end:one_over_m]


# --8<-- [start:J_rows]
def J_rows(params: Params, X: ArrayLike, Y: ArrayLike, hidden: str = "relu") -> float:
    """J = (1/m) sum_i L(a_i, y_i) for the network with one example per row: X is (m, n_0), Y is (m, 1)."""
    params, X, Y = _checked_rows(params, X, Y)
    g, _ = activation(hidden)
    Zs, _ = _forward_rows(params, X, g)
    # -log(sigma(z)) = log(1 + e^{-z}) and -log(1 - sigma(z)) = log(1 + e^{z}), from Z[L].
    losses = Y * np.logaddexp(0, -Zs[-1]) + (1 - Y) * np.logaddexp(0, Zs[-1])
    return float(losses.mean())


# --8<-- [end:J_rows]


# --8<-- [start:gradients_rows]
def gradients_rows(params: Params, X: ArrayLike, Y: ArrayLike, hidden: str = "relu") -> list[tuple[Array, Array]]:
    """[(dW[1], db[1]), ...] with one example per row: dW[l] is (n_{l-1}, n_l), db[l] is (1, n_l)."""
    params, X, Y = _checked_rows(params, X, Y)
    g, g_prime = activation(hidden)
    Zs, As = _forward_rows(params, X, g)
    m = X.shape[0]
    grads = []
    dZ = sigma(Zs[-1]) - Y  # dZ[L] = A[L] - Y, (m, 1)
    for l in range(len(params), 0, -1):  # noqa: E741 (l is the course's layer index), from L down to 1
        W, _ = params[l - 1]
        dW = (As[l - 1].T @ dZ) / m  # (n_{l-1}, m) @ (m, n_l) = (n_{l-1}, n_l), the shape of W[l]
        db = dZ.sum(axis=0, keepdims=True) / m  # sum over the rows (examples): (1, n_l)
        grads.append((dW, db))
        if l > 1:
            dA = dZ @ W.T  # dA[l-1]: (m, n_l) @ (n_l, n_{l-1}) = (m, n_{l-1})
            dZ = dA * g_prime(Zs[l - 2])  # dZ[l-1], entry by entry
    return grads[::-1]


# --8<-- [end:gradients_rows]


# --8<-- [start:transpose]
def to_rows(params: Params) -> Params:
    """The course's [(W[l], b[l])] as the row convention stores them: [(W[l]^T, b[l]^T)]."""
    return [(np.asarray(W).T, np.asarray(b).T) for W, b in params]


# --8<-- [end:transpose]


def _forward_rows(params: Params, X: Array, g) -> tuple[list[Array], list[Array]]:
    """Zs = [Z[1], ..., Z[L]] and As = [A[0] = X, ..., A[L-1]]: Z[l] = A[l-1] W[l] + b[l], (m, n_l)."""
    Zs, As = [], [X]
    for l, (W, b) in enumerate(params, start=1):  # noqa: E741 (l is the course's layer index)
        Zs.append(As[-1] @ W + b)  # (m, n_{l-1}) @ (n_{l-1}, n_l) + (1, n_l): b broadcast to every row
        if l < len(params):
            As.append(g(Zs[-1]))
    return Zs, As


def _checked_rows(params: Params, X: ArrayLike, Y: ArrayLike) -> tuple[Params, Array, Array]:
    """The arguments as float64 in the row convention, or a ValueError naming the argument and the shapes."""
    X = finite_array("X", X)
    if X.ndim != 2 or 0 in X.shape:
        raise ValueError(f"X must have shape (m, n_0) with m >= 1 and n_0 >= 1, got shape {X.shape}")
    m, n_prev = X.shape
    if not isinstance(params, list | tuple) or len(params) == 0:
        raise ValueError(f"params must be a non-empty list [(W1, b1), ..., (WL, bL)], got {type(params).__name__}")
    checked = []
    for l, pair in enumerate(params, start=1):  # noqa: E741 (l is the course's layer index)
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValueError(f"params[{l - 1}] must be a pair (W{l}, b{l}), got {type(pair).__name__}")
        W, b = finite_array(f"W{l}", pair[0]), finite_array(f"b{l}", pair[1])
        if W.ndim != 2 or W.shape[0] != n_prev or W.shape[1] == 0:
            raise ValueError(f"W{l} must have shape (n_{l - 1}, n_{l}) with n_{l - 1} = {n_prev}, got shape {W.shape}")
        if b.shape != (1, W.shape[1]):
            raise ValueError(f"b{l} must have shape (1, n_{l}) = (1, {W.shape[1]}) to match W{l}, got {b.shape}")
        checked.append((W, b))
        n_prev = W.shape[1]
    if n_prev != 1:
        raise ValueError(f"the output layer must have 1 unit to match Y (m, 1), but W{len(params)} has {n_prev}")
    Y = real_array("Y", Y)
    if Y.shape != (m, 1):
        raise ValueError(f"Y must have shape (m, 1) = ({m}, 1) to match X {X.shape}, got shape {Y.shape}")
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    return checked, X, Y
