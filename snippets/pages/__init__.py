"""The numerical checks the pages show, one module a page; the tests run every one.

The argument checks below are the pages' own, for matrices one column per example; the rest
(a Generator rng, a count m, a number eps) are snippets._validate's. Each is a ValueError naming the argument.
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
