"""The fuzz test's arguments: a valid value each, the bad values that replace it, and the valid examples.

An ``Arg`` is one argument of a valid call; ``arr``, ``num``, ``name_of``, ``func`` and ``rng_arg``
make the bad values for each kind of argument. A ``Spec`` is one valid call of a function.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from snippets import network, vectorised

# -- Arguments: a valid value and the bad values that replace it --------------------------------


@dataclass(frozen=True)
class Arg:
    """One argument of a valid call: its value, the bad values to try, and the names a message may use for it."""

    value: Any
    bad: tuple[tuple[str, Any], ...] = ()
    names: tuple[str, ...] = ()  # the names a message may use; the argument's own name if empty
    array: bool = False  # a list of the same numbers must give the same result


def _with_entry(value: Any, entry: float) -> np.ndarray:
    """``value`` as float64, with its first entry replaced by ``entry``."""
    array = np.array(value, dtype=np.float64)
    array.flat[0] = entry
    return array


def _other_shape(value: np.ndarray) -> np.ndarray | None:
    """The same numbers in a shape that does not match: the transpose, or one entry more along the last axis."""
    if value.ndim == 2 and value.shape[0] != value.shape[1]:
        return value.T.copy()  # (3, 1) against (1, 3) is the outer-product trap
    if value.ndim >= 1:
        return np.concatenate([value, value[..., :1]], axis=-1)
    return None  # a single number fits any shape


def arr(value: Any, *, matrix: bool = False, within: str = "", mate: bool = False, names: tuple = ()) -> Arg:
    """An array argument: NaN, inf, complex, empty, ragged, text; 0-d and 1-d for a matrix; values outside
    ``within`` ("[0, 1]" labels, "(0, 1)" probabilities); another shape for a ``mate`` (meant entry by entry
    or along an axis with another argument)."""
    value = np.ascontiguousarray(value, dtype=np.float64)  # C order, as a list's array would be: the same rounding
    bad = [
        ("nan", _with_entry(value, np.nan)),
        ("inf", _with_entry(value, np.inf)),
        ("-inf", _with_entry(value, -np.inf)),
        ("complex", value + 1e-3j),
        ("complex-0j", value.astype(np.complex128)),  # even a zero imaginary part is not a real number
        ("empty", np.empty((*value.shape[:-1], 0)) if value.ndim else np.empty(0)),
        ("ragged", [[0.5, 0.5], [0.5]]),
        ("text", "0.5"),
        ("none", None),
    ]
    if matrix:
        bad += [("0-d", np.float64(value.flat[0])), ("1-d", value.ravel())]
    if within:
        bad += [("above", _with_entry(value, 1.5)), ("below", _with_entry(value, -0.5))]
    if within == "(0, 1)":
        bad += [("zero", _with_entry(value, 0.0)), ("one", _with_entry(value, 1.0))]
    if mate and (other := _other_shape(value)) is not None:
        bad.append(("shape", other))
    return Arg(value, tuple(bad), names, array=True)


def num(value: float, *bad: tuple[str, Any]) -> Arg:
    """A number argument (b, eps, epsilon, scale): NaN, inf, complex, text, two numbers, and ``bad``."""
    common = [("nan", np.nan), ("inf", np.inf), ("complex", value + 1j), ("text", "0.1"), ("pair", [value, value])]
    return Arg(value, tuple(common) + bad)


def name_of(value: str) -> Arg:
    """An activation's name: an unknown name, and a value that is not a string."""
    return Arg(value, (("unknown", "softplus"), ("not-str", 3), ("none", None)))


def func(value: Callable) -> Arg:
    """A function argument (f, g, g_prime): a value that cannot be called."""
    return Arg(value, (("not-callable", 3.0),))


def rng_arg() -> Arg:
    """A numpy Generator: a seed or None is not one."""
    return Arg(np.random.default_rng(0), (("seed", 0), ("none", None)))


@dataclass(frozen=True)
class Spec:
    """A valid call: its arguments, and how they make the function's keyword arguments (by name if not given)."""

    args: dict[str, Arg]
    build: Callable[..., dict[str, Any]] | None = None

    def kwargs(self, **values: Any) -> dict[str, Any]:
        values = {name: arg.value for name, arg in self.args.items()} | values
        return self.build(**values) if self.build else values


# -- Valid examples ------------------------------------------------------------------------------

# Entry by entry (logistic regression, the stable loss): (3, 1) columns, so the transpose is (1, 3).
z31 = [[-1.0], [0.5], [2.0]]
a31 = [[0.2], [0.5], [0.9]]
y31 = [[0.0], [1.0], [0.3]]
# The output layer: (n_L, m) = (2, 3).
A23 = [[0.2, 0.5, 0.9], [0.6, 0.1, 0.4]]
Y23 = [[0.0, 1.0, 0.3], [1.0, 0.0, 0.5]]
Z23 = [[-1.0, 0.5, 2.0], [0.3, -0.2, 1.1]]
# Softmax: C = 3 classes, m = 2 examples, each column of Y sums to 1.
Z32 = [[1.0, -0.5], [0.2, 2.0], [-1.0, 0.0]]
Y32 = [[0.0, 0.2], [1.0, 0.5], [0.0, 0.3]]
# A network [n_0, n_1, n_2] = [3, 4, 1] on m = 5 examples.
_rng = np.random.default_rng(4)
X35 = _rng.normal(size=(3, 5))
W1, b1 = _rng.normal(size=(4, 3)), _rng.normal(size=(4, 1))
W2, b2 = _rng.normal(size=(1, 4)), _rng.normal(size=(1, 1))
Y15 = [[0.0, 1.0, 1.0, 0.0, 0.4]]
dZ45, Z45 = _rng.normal(size=(4, 5)), _rng.normal(size=(4, 5))
# Logistic regression over m = 5 examples: w (3, 1), X (3, 5).
w31 = _rng.normal(size=(3, 1))


def network_args() -> dict[str, Arg]:
    """The layers' W[l], b[l] (a message names W1, b2, ...), X and Y of a [3, 4, 1] network."""
    return {
        "W1": arr(W1, matrix=True, mate=True),
        "b1": arr(b1, matrix=True, mate=True),
        "W2": arr(W2, matrix=True, mate=True),
        "b2": arr(b2, matrix=True, mate=True),
        "X": arr(X35, matrix=True, mate=True),
        "Y": arr(Y15, matrix=True, within="[0, 1]", mate=True),
    }


def params_of(W1, b1, W2, b2):
    return [(W1, b1), (W2, b2)]


def network_call(W1, b1, W2, b2, X, Y, hidden):
    return {"params": params_of(W1, b1, W2, b2), "X": X, "Y": Y, "hidden": hidden}


def network_problem(W1, b1, W2, b2, X, Y, hidden):
    return {"problem": network.Problem(params_of(W1, b1, W2, b2), X, Y, hidden)}


def logistic_problem(w, b, X, Y):
    return {"problem": vectorised.Problem(X=X, Y=Y, w=w, b=b)}


def logistic_args() -> dict[str, Arg]:
    return {
        "w": arr(w31, matrix=True, mate=True),
        "b": num(0.3),
        "X": arr(X35, matrix=True, mate=True),
        "Y": arr(Y15, matrix=True, within="[0, 1]", mate=True),
    }


def rows_args() -> dict[str, Arg]:
    """network_args() in the row convention: W[l]^T, b[l]^T, X^T and Y^T."""
    return {
        name: arr(arg.value.T, matrix=True, within="[0, 1]" if name == "Y" else "", mate=True)
        for name, arg in network_args().items()
    }


def rows_logistic_args() -> dict[str, Arg]:
    """logistic_args() in the row convention: X is (m, n_x) and Y is (m, 1); w stays (n_x, 1)."""
    return logistic_args() | {
        "X": arr(X35.T, matrix=True, mate=True),
        "Y": arr(np.array(Y15).T, matrix=True, within="[0, 1]", mate=True),
    }
