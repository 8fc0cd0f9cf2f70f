"""The numerical checks the pages show, one module a page; the tests run every one.

The argument checks below are the pages' own (snippets._validate holds the package's):
each is a ValueError naming the argument.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from snippets._validate import matrix


def _columns(**arrays: ArrayLike) -> list[NDArray[np.float64]]:
    """The arrays as float64 matrices (n, m) with one m, one column per example, or a ValueError naming them."""
    found = [matrix(name, value) for name, value in arrays.items()]
    if len({a.shape[1] for a in found}) > 1:
        got = ", ".join(f"{name} {a.shape}" for name, a in zip(arrays, found, strict=True))
        raise ValueError(f"{' and '.join(arrays)} must have one column per example, the same m: {got}")
    return found


def _rows_match(left: str, a: NDArray[np.float64], right: str, b: NDArray[np.float64]) -> None:
    """A ValueError unless a has as many rows as b: the units of one layer, as in W^T dZ."""
    if a.shape[0] != b.shape[0]:
        raise ValueError(f"{left} {a.shape} and {right} {b.shape} must have the same number of rows (units)")


def _generator(rng: object) -> np.random.Generator:
    """``rng`` if it is a numpy.random.Generator (numeric.run passes one per seed), else a ValueError."""
    if not isinstance(rng, np.random.Generator):
        raise ValueError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    return rng


def _count(name: str, value: object, low: int = 1) -> int:
    """``value`` as an int of at least ``low`` (a size: m, n_x, a number of problems), or a ValueError naming it."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {value!r}")
    return int(value)
