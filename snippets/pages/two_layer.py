"""Numerical checks of the two-layer page: its six matrix formulas, and the site's backward pass, against J.

The network is the course's week-3 one: a tanh hidden layer of n_1 units and one
sigmoid output unit. Each check draws networks of several shapes (n_0, n_1, m),
m = 1 included, and compares with central differences of the cost J.

The page shows each formula on its own (the sections dZ2 to db1). The checks put
them together in ``six_formulas``, which reads a dict of named arrays and returns
a dict keyed "dJ/dW[l]": checking code, not shown on a page.
"""

from __future__ import annotations

import numpy as np

from snippets import network
from snippets._validate import generator, in_interval, same_shape
from snippets.gradcheck import Compared
from snippets.logistic import sigma
from snippets.network import Array, Params, Problem, forward, gradients
from snippets.pages import _columns, _rows_match
from snippets.pages.layer_l import dJ_db_by_differences, dJ_dW_by_differences, problem, stacked

# (n_0, n_1, m): the page's 2-2-1 network with one example, a single input, and wider ones.
SHAPES = [(2, 2, 1), (1, 3, 1), (3, 4, 5), (4, 2, 8), (5, 6, 3)]
KEYS = ["dJ/dW[1]", "dJ/db[1]", "dJ/dW[2]", "dJ/db[2]"]
NAMED = ["X", "Y", "W[2]", "A[1]", "A[2]"]  # the arrays the six formulas read


# --8<-- [start:dZ2]
def dZ2(A2: Array, Y: Array) -> Array:
    """dZ[2] = A[2] - Y, (1, m): the sigmoid output with cross-entropy."""
    A2, Y = _output_and_labels(A2, Y)  # one shape, no broadcasting; A2 in (0, 1), Y in [0, 1]
    return A2 - Y


# --8<-- [end:dZ2]


def _output_and_labels(A2: Array, Y: Array) -> tuple[Array, Array]:
    """A[2] and Y as float64 matrices of one shape, A[2] a sigmoid's output in (0, 1) and Y labels in [0, 1]."""
    A2, Y = _columns(A2=A2, Y=Y)
    same_shape(A2=A2, Y=Y)
    in_interval("A2", A2, 0.0, 1.0, closed=False)
    in_interval("Y", Y, 0.0, 1.0, closed=True)
    return A2, Y


# --8<-- [start:dW2]
def dW2(dZ2: Array, A1: Array) -> Array:
    """dW[2] = (1/m) dZ[2] A[1]^T: (1, m) @ (m, n_1) = (1, n_1), like W[2]."""
    dZ2, A1 = _columns(dZ2=dZ2, A1=A1)
    return dZ2 @ A1.T / dZ2.shape[1]


# --8<-- [end:dW2]


# --8<-- [start:db2]
def db2(dZ2: Array) -> Array:
    """db[2] = (1/m) sum_i dZ[2]: (1, 1), like b[2]."""
    (dZ2,) = _columns(dZ2=dZ2)
    return dZ2.sum(axis=1, keepdims=True) / dZ2.shape[1]


# --8<-- [end:db2]


# --8<-- [start:dZ1]
def dZ1(W2: Array, dZ2: Array, A1: Array) -> Array:
    """dZ[1] = W[2]^T dZ[2] * (1 - A[1]^2), (n_1, m): tanh'(Z[1]) = 1 - A[1]^2, A of the same layer 1."""
    (W2,), (dZ2, A1) = _columns(W2=W2), _columns(dZ2=dZ2, A1=A1)
    _rows_match("W2", W2, "dZ2", dZ2), _rows_match("W2^T", W2.T, "A1", A1)
    return (W2.T @ dZ2) * (1 - A1**2)


# --8<-- [end:dZ1]


# --8<-- [start:dW1]
def dW1(dZ1: Array, X: Array) -> Array:
    """dW[1] = (1/m) dZ[1] X^T: (n_1, m) @ (m, n_0) = (n_1, n_0), like W[1]."""
    dZ1, X = _columns(dZ1=dZ1, X=X)
    return dZ1 @ X.T / dZ1.shape[1]


# --8<-- [end:dW1]


# --8<-- [start:db1]
def db1(dZ1: Array) -> Array:
    """db[1] = (1/m) sum_i dZ[1]: (n_1, 1), like b[1]."""
    (dZ1,) = _columns(dZ1=dZ1)
    return dZ1.sum(axis=1, keepdims=True) / dZ1.shape[1]


# --8<-- [end:db1]


def named(params: Params, X: Array, Y: Array) -> dict[str, Array]:
    """The arrays the six formulas read, by name: "X", "Y", "W[2]", "A[1]" and "A[2]", from the L-layer code."""
    params, X, Y = network._checked(params, X, Y)  # a ValueError naming W1, ..., X or Y
    if len(params) != 2:
        raise ValueError(f"params must be the two layers [(W1, b1), (W2, b2)] of this page, got {len(params)} layers")
    Zs, As = forward(params, X, np.tanh)
    return {"X": X, "Y": Y, "W[2]": params[1][0], "A[1]": As[1], "A[2]": sigma(Zs[1])}


def six_formulas(net: dict[str, Array]) -> dict[str, Array]:
    """{"dJ/dW[2]": ..., "dJ/db[2]": ..., "dJ/dW[1]": ..., "dJ/db[1]": ...} from the page's formulas, for ``named``."""
    if not isinstance(net, dict) or not set(NAMED) <= set(net):
        got = f"keys {', '.join(net)}" if isinstance(net, dict) else type(net).__name__
        raise ValueError(f"net must be the dict of named(), keyed {', '.join(NAMED)}, got {got}")
    out = {"dZ[2]": dZ2(net["A[2]"], net["Y"])}
    out["dZ[1]"] = dZ1(net["W[2]"], out["dZ[2]"], net["A[1]"])
    return {
        "dJ/dW[2]": dW2(out["dZ[2]"], net["A[1]"]),
        "dJ/db[2]": db2(out["dZ[2]"]),
        "dJ/dW[1]": dW1(out["dZ[1]"], net["X"]),
        "dJ/db[1]": db1(out["dZ[1]"]),
    }


def by_differences(params: Params, X: Array, Y: Array) -> dict[str, Array]:
    """dJ/dW[l] and dJ/db[l] of both layers by central differences of J, tanh in the hidden layer."""
    found = {}
    for l in (1, 2):  # noqa: E741 (l is the course's layer index)
        found[f"dJ/dW[{l}]"] = dJ_dW_by_differences(params, X, Y, l, "tanh")
        found[f"dJ/db[{l}]"] = dJ_db_by_differences(params, X, Y, l, "tanh")
    return found


# --8<-- [start:formulas]
def check_formulas(rng: np.random.Generator) -> list[Compared]:
    """The six formulas, dZ2 = A2 − Y to db1, against central differences of J, shapes (n_0, n_1, m) up to (5, 6, 3)."""
    found = []
    for n_0, n_1, m in SHAPES:
        params, X, Y = problem(rng, [n_0, n_1, 1], m, "tanh")
        site, independent = six_formulas(named(params, X, Y)), by_differences(params, X, Y)
        found.append(stacked([(site[k], independent[k]) for k in KEYS], "central differences of J"))
    return found


# --8<-- [end:formulas]


# --8<-- [start:network]
def check_network(rng: np.random.Generator) -> list[Compared]:
    """The general L-layer code, run with L = 2 and tanh, against central differences of J, the same shapes."""
    found = []
    for n_0, n_1, m in SHAPES:
        params, X, Y = problem(rng, [n_0, n_1, 1], m, "tanh")
        site, independent = gradients(Problem(params, X, Y, "tanh")), by_differences(params, X, Y)
        found.append(stacked([(site[k], independent[k]) for k in KEYS], "central differences of J"))
    return found


# --8<-- [end:network]


# --8<-- [start:worked_example]
def check_worked_example(rng: np.random.Generator) -> Compared:
    """The worked 2-2-1 example's dW[1], db[1], dW[2], db[2] against central differences of its loss (J with m = 1).

    The example is fixed (snippets/pages/graphs.py): every seed checks the same numbers.
    """
    from snippets.pages import graphs  # here, not at the top: graphs computes its example with this module

    generator("rng", rng)
    v = graphs.network()
    params = [(graphs.W1, graphs.B1), (graphs.W2, graphs.B2)]
    independent = by_differences(params, graphs.X, graphs.Y)
    keys = {"dJ/dW[1]": "dW^{[1]}", "dJ/db[1]": "db^{[1]}", "dJ/dW[2]": "dW^{[2]}", "dJ/db[2]": "db^{[2]}"}
    return stacked([(v[shown], independent[key]) for key, shown in keys.items()], "central differences of J")


# --8<-- [end:worked_example]
# One fixed example, the same at every seed: run once, and named so on the page (checker/numeric.py).
check_worked_example.example = "the worked example"
