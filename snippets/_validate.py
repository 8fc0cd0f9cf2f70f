"""Argument checks shared by the numerical snippets: bad input is a ValueError, never a NaN."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def real_array(name: str, value: ArrayLike) -> NDArray[np.float64]:
    """``value`` as a float64 array; a ValueError if it is not real or holds NaN."""
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be real numbers, got {value!r}") from None
    if np.isnan(array).any():
        raise ValueError(f"{name} contains NaN at index {np.argwhere(np.isnan(array))[0].tolist()}")
    return array


def finite_array(name: str, value: ArrayLike) -> NDArray[np.float64]:
    """``value`` as a float64 array; a ValueError naming the first entry that is NaN or infinite."""
    array = real_array(name, value)
    bad = ~np.isfinite(array)
    if bad.any():
        where = tuple(np.argwhere(bad)[0])
        entry = f"{name}[{', '.join(map(str, where))}]" if where else name
        raise ValueError(f"{name} must be finite, but {entry} = {float(array[where])!r}")
    return array


def in_interval(name: str, array: NDArray[np.float64], low: float, high: float, closed: bool) -> None:
    """Raise a ValueError naming the first entry of ``array`` outside (low, high) or [low, high]."""
    outside = (array < low) | (array > high) if closed else (array <= low) | (array >= high)
    if outside.any():
        where = tuple(np.argwhere(outside)[0])
        bounds = f"[{low:g}, {high:g}]" if closed else f"({low:g}, {high:g})"
        entry = f"{name}[{', '.join(map(str, where))}]" if where else name
        raise ValueError(f"{name} must lie in {bounds}, but {entry} = {float(array[where])!r}")


def broadcast(**arrays: NDArray[np.float64]) -> None:
    """Raise a ValueError naming the arguments whose shapes do not broadcast."""
    try:
        np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{name} {a.shape}" for name, a in arrays.items())
        raise ValueError(f"shapes do not broadcast: {shapes}") from None
