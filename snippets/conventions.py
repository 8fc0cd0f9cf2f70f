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

from . import network, vectorised
from ._validate import finite_array, in_interval, matrix, real_array, same_shape
from .activations import activation
from .logistic import sigma
from .vectorised import _checked as _checked_logistic
from .vectorised import _X_dZ

Array = NDArray[np.float64]
Params = list[tuple[Array, Array]]  # [(W1, b1), ..., (WL, bL)]: W_l is (n_{l-1}, n_l), b_l is (1, n_l)


# --8<-- [start:logistic_rows]
def dw_rows(X: ArrayLike, dZ: ArrayLike) -> Array:
    """The gradient dw = (1/m) X^T dZ, one example per row: (n_x, m) @ (m, 1) = (n_x, 1), the course's X dZ^T."""
    X, dZ = _same_rows("X", X, "(m, n_x)", "dZ", dZ, "(m, 1)")
    return X.T @ dZ / X.shape[0]


# --8<-- [end:logistic_rows]


# --8<-- [start:one_over_m]
def dZ_mean(A: ArrayLike, Y: ArrayLike) -> Array:
    """The row dZ = dJ/dZ = (A - Y) / m, (1, m): the mean cost's 1/m moved into dZ, as autodiff reports it."""
    A, Y = matrix("A", A, "(1, m)"), matrix("Y", Y, "(1, m)")
    same_shape(A=A, Y=Y)
    in_interval("A", A, 0.0, 1.0, closed=True)
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    return (A - Y) / A.shape[1]


def dw_mean_in_dZ(X: ArrayLike, dZ: ArrayLike) -> Array:
    """The gradient dw = X dZ^T with no 1/m: it is already in dZ = (A - Y) / m. (n_x, m) @ (m, 1) = (n_x, 1)."""
    X, dZ = _X_dZ(X, dZ)
    return X @ dZ.T


# --8<-- [end:one_over_m]


# --8<-- [start:J_rows]
def J_rows(params: Params, X: ArrayLike, Y: ArrayLike, hidden: str = "relu") -> float:
    """J = (1/m) sum_i L(a_i, y_i) for the network with one example per row: X is (m, n_0), Y is (m, 1)."""
    params, X, Y = _checked_rows(params, X, Y)
    g, _ = activation(hidden, "hidden")
    Zs, _ = _forward_rows(params, X, g)
    # -log(sigma(z)) = log(1 + e^{-z}) and -log(1 - sigma(z)) = log(1 + e^{z}), from Z[L].
    losses = Y * np.logaddexp(0, -Zs[-1]) + (1 - Y) * np.logaddexp(0, Zs[-1])
    return float(losses.mean())


# --8<-- [end:J_rows]


# --8<-- [start:dW_rows]
def dW_rows(A_prev: ArrayLike, dZ: ArrayLike) -> Array:
    """dW[l] = (1/m) A[l-1]^T dZ[l]: (n_{l-1}, m) @ (m, n_l) = (n_{l-1}, n_l), the shape of W[l] with rows."""
    A_prev, dZ = _same_rows("A_prev", A_prev, "(m, n_{l-1})", "dZ", dZ, "(m, n_l)")
    return A_prev.T @ dZ / dZ.shape[0]


# --8<-- [end:dW_rows]


# --8<-- [start:db_rows]
def db_rows(dZ: ArrayLike) -> Array:
    """db[l] = (1/m) sum of the rows (examples) of dZ[l]: (1, n_l), the shape of b[l] with rows."""
    dZ = matrix("dZ", dZ, "(m, n_l)")
    return dZ.sum(axis=0, keepdims=True) / dZ.shape[0]


# --8<-- [end:db_rows]


# --8<-- [start:dA_prev_rows]
def dA_prev_rows(dZ: ArrayLike, W: ArrayLike) -> Array:
    """dA[l-1] = dZ[l] W[l]^T: (m, n_l) @ (n_l, n_{l-1}) = (m, n_{l-1}), the course's W^T dZ transposed."""
    dZ, W = matrix("dZ", dZ, "(m, n_l)"), matrix("W", W, "(n_{l-1}, n_l)")
    if dZ.shape[1] != W.shape[1]:
        raise ValueError(f"dZ has {dZ.shape[1]} columns (units n_l) but W has {W.shape[1]}: dZ {dZ.shape}, W {W.shape}")
    return dZ @ W.T


# --8<-- [end:dA_prev_rows]


def logistic_gradients_rows(problem: vectorised.Problem) -> dict[str, Array | float]:
    """{"dJ/dw": (n_x, 1), "dJ/db": number} for a Problem whose X is (m, n_x) and Y is (m, 1), rows as examples."""
    _problem(problem, vectorised.Problem)
    w, b, X, Y = _checked_logistic(problem.w, problem.b, problem.X, problem.Y, rows=True)
    dZ = sigma(X @ w + b) - Y  # (m, 1): dz = a - y, one row per example
    return {"dJ/dw": dw_rows(X, dZ), "dJ/db": float(dZ.sum()) / X.shape[0]}


def logistic_gradients_mean_in_dZ(problem: vectorised.Problem) -> dict[str, Array | float]:
    """The course's dJ/dw and dJ/db (X is (n_x, m)), with the 1/m in dZ = (A - Y) / m."""
    _problem(problem, vectorised.Problem)
    w, b, X, Y = _checked_logistic(problem.w, problem.b, problem.X, problem.Y)
    dZ = dZ_mean(sigma(w.T @ X + b), Y)
    return {"dJ/dw": dw_mean_in_dZ(X, dZ), "dJ/db": float(dZ.sum())}


def gradients_rows(problem: network.Problem) -> dict[str, Array]:
    """{"dJ/dW[l]": (n_{l-1}, n_l), "dJ/db[l]": (1, n_l)} for a network.Problem in the row convention.

    Its params are [(W[l], b[l])] as rows store them (to_rows), X is (m, n_0) and Y is (m, 1).
    """
    _problem(problem, network.Problem)
    params, X, Y = _checked_rows(problem.params, problem.X, problem.Y)
    g, g_prime = activation(problem.hidden, "hidden")
    Zs, As = _forward_rows(params, X, g)
    L = len(params)
    dZs = {L: sigma(Zs[-1]) - Y}  # dZ[L] = A[L] - Y, (m, 1)
    for l in range(L - 1, 0, -1):  # noqa: E741 (l is the course's layer index)
        dZs[l] = dA_prev_rows(dZs[l + 1], params[l][0]) * g_prime(Zs[l - 1])  # params[l] is layer l + 1
    return {
        key: value
        for l in range(1, L + 1)  # noqa: E741
        for key, value in ((f"dJ/dW[{l}]", dW_rows(As[l - 1], dZs[l])), (f"dJ/db[{l}]", db_rows(dZs[l])))
    }


# --8<-- [start:transpose]
def to_rows(params: Params) -> Params:
    """The course's [(W[l], b[l])] as the row convention stores them: [(W[l]^T, b[l]^T)]."""
    if not isinstance(params, list | tuple) or len(params) == 0:
        raise ValueError(f"params must be a non-empty list [(W1, b1), ..., (WL, bL)], got {type(params).__name__}")
    rows = []
    for l, pair in enumerate(params, start=1):  # noqa: E741 (l is the course's layer index)
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValueError(f"params[{l - 1}] must be a pair (W{l}, b{l}), got {type(pair).__name__}")
        W, b = matrix(f"W{l}", pair[0], f"(n_{l}, n_{l - 1})"), matrix(f"b{l}", pair[1], f"(n_{l}, 1)")
        if b.shape != (W.shape[0], 1):
            raise ValueError(f"b{l} must have shape ({W.shape[0]}, 1) to match W{l} {W.shape}, got {b.shape}")
        rows.append((W.T, b.T))
    return rows


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
    checked, what_prev = [], f"X {X.shape} has n_0 = {n_prev} columns"
    for l, pair in enumerate(params, start=1):  # noqa: E741 (l is the course's layer index)
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ValueError(f"params[{l - 1}] must be a pair (W{l}, b{l}), got {type(pair).__name__}")
        W, b = finite_array(f"W{l}", pair[0]), finite_array(f"b{l}", pair[1])
        if W.ndim != 2 or W.shape[0] != n_prev or W.shape[1] == 0:
            raise ValueError(
                f"W{l} must have shape (n_{l - 1}, n_{l}) with n_{l - 1} = {n_prev}, because {what_prev}; "
                f"got shape {W.shape}"
            )
        if b.shape != (1, W.shape[1]):
            raise ValueError(f"b{l} must have shape (1, n_{l}) = (1, {W.shape[1]}) to match W{l}, got {b.shape}")
        checked.append((W, b))
        n_prev, what_prev = W.shape[1], f"layer {l} has n_{l} = {W.shape[1]} units (W{l} is {W.shape})"
    if n_prev != 1:
        raise ValueError(f"the output layer must have 1 unit to match Y (m, 1), but W{len(params)} has {n_prev}")
    Y = real_array("Y", Y)
    if Y.shape != (m, 1):
        raise ValueError(f"Y must have shape (m, 1) = ({m}, 1) to match X {X.shape}, got shape {Y.shape}")
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    return checked, X, Y


def _problem(problem: object, kind: type) -> None:
    if not isinstance(problem, kind):
        raise ValueError(
            f"problem must be a {kind.__module__.rsplit('.', 1)[-1]}.{kind.__name__}, got {type(problem).__name__}"
        )


def _same_rows(
    name_1: str, x_1: ArrayLike, shape_1: str, name_2: str, x_2: ArrayLike, shape_2: str
) -> tuple[Array, Array]:
    """Two matrices with one example per row, as float64, with the same number of rows m."""
    x_1, x_2 = matrix(name_1, x_1, shape_1), matrix(name_2, x_2, shape_2)
    if x_1.shape[0] != x_2.shape[0]:
        raise ValueError(
            f"{name_1} and {name_2} must have one row per example, the same m: "
            + f"{name_1} {x_1.shape}, {name_2} {x_2.shape}"
        )
    return x_1, x_2
