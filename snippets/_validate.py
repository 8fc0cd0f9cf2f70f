"""Argument checks shared by the numerical snippets: bad input is a ValueError naming the argument and why.

Never a NaN, an inf, a silent broadcast or a truncation. The rules every public function keeps:

- An array argument (a number, a Python list or a numpy array) holds real numbers:
  bool, int or float, never complex (converting drops the imaginary part) or text.
  Every entry is finite, and there is at least one entry (an empty array, or m = 0
  examples, is an error, not a NaN mean).
- Arguments meant entry by entry (a and y, A and Y) have the same shape, or one of
  them is a single number (0-d), which then stands for every entry. numpy's
  broadcasting is never used silently: (3, 1) against (1, 3) is an error, not the
  (3, 3) outer product.
- A matrix argument, one column per example, is 2-d with at least one row and one column.
- Labels y and probabilities a lie in their interval (``in_interval``).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Array = NDArray[np.float64]


def real_array(name: str, value: ArrayLike) -> Array:
    """``value`` as a float64 array, or a ValueError: not real numbers, complex, empty, NaN or infinite."""
    array = _real(name, value)
    if array.size == 0:
        raise ValueError(f"{name} must hold at least one number, got an empty array of shape {array.shape}")
    return array


def finite_array(name: str, value: ArrayLike) -> Array:
    """The checks of ``real_array`` but an empty array passes: for a caller whose own message names the empty axis.

    ``matrix`` does that for a matrix; prefer it.
    """
    return _real(name, value)


def number(name: str, value: float) -> float:
    """``value`` as one real, finite float (a 0-d array counts), or a ValueError."""
    array = real_array(name, value)
    if array.ndim != 0:
        raise ValueError(f"{name} must be a single number, got shape {array.shape}")
    return float(array)


def count(name: str, value: int, low: int = 1) -> int:
    """``value`` as an int >= ``low`` (m examples, n units, a number of problems), or a ValueError; not a bool."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < low:
        raise ValueError(f"{name} must be a whole number >= {low}, got {value!r}")
    return int(value)


def generator(name: str, value: np.random.Generator) -> np.random.Generator:
    """``value`` if it is a numpy Generator (np.random.default_rng(seed)), or a ValueError naming ``name``."""
    if not isinstance(value, np.random.Generator):
        raise ValueError(f"{name} must be a numpy.random.Generator, e.g. np.random.default_rng(0), got {value!r:.40}")
    return value


def matrix(name: str, value: ArrayLike, shape: str = "(n, m)") -> Array:
    """``value`` as a real, finite float64 matrix with at least one row and one column, or a ValueError.

    ``shape`` names the axes as the course does, "(n_L, m)": the message says which one is wrong.
    """
    array = _real(name, value)
    if array.ndim != 2 or 0 in array.shape:
        raise ValueError(f"{name} must have shape {shape} with {shape.strip('()')} >= 1, got shape {array.shape}")
    return array


def in_interval(name: str, array: Array, low: float, high: float, closed: bool) -> None:
    """Raise a ValueError naming the first entry of ``array`` outside (low, high) or [low, high]."""
    outside = (array < low) | (array > high) if closed else (array <= low) | (array >= high)
    bounds = f"[{low:g}, {high:g}]" if closed else f"({low:g}, {high:g})"
    _first_bad(name, array, outside, f"must lie in {bounds}")


def same_shape(**arrays: Array) -> None:
    """Raise a ValueError unless the arrays meant entry by entry have one shape; a single number (0-d) fits any."""
    shapes = {a.shape for a in arrays.values() if a.ndim > 0}
    if len(shapes) > 1:
        names = " and ".join(arrays)
        got = ", ".join(f"{name} {a.shape}" for name, a in arrays.items())
        raise ValueError(f"{names} must have the same shape (or be a single number), got {got}")


def _real(name: str, value: ArrayLike) -> Array:
    """``value`` as a float64 array of real, finite numbers (maybe empty), or a ValueError naming ``name``."""
    try:
        raw = np.asarray(value)
    except ValueError:  # a ragged list: rows of different lengths
        ragged = type(value).__name__
        raise ValueError(f"{name} must be real numbers in rows of one length, got a ragged {ragged}") from None
    if raw.dtype.kind == "c":
        raise ValueError(f"{name} must be real numbers, got complex ({raw.dtype}): its imaginary part would be lost")
    if raw.dtype.kind not in "biuf":  # bool, signed and unsigned int, float
        raise ValueError(f"{name} must be real numbers, got {type(value).__name__} of {raw.dtype}: {value!r:.60}")
    array = raw.astype(np.float64, copy=False)
    if np.isnan(array).any():
        raise ValueError(f"{name} contains NaN at index {np.argwhere(np.isnan(array))[0].tolist()}")
    _first_bad(name, array, ~np.isfinite(array), "must be finite")
    return array


def _first_bad(name: str, array: Array, bad: NDArray[np.bool_], must: str) -> None:
    """Raise '<name> <must>, but <name>[i, j] = value' for the first entry where ``bad`` holds."""
    if bad.any():
        where = tuple(np.argwhere(bad)[0])
        entry = f"{name}[{', '.join(map(str, where))}]" if where else name
        raise ValueError(f"{name} {must}, but {entry} = {float(array[where])!r}")
