"""L2 regularisation: the cost's extra term and the extra term of dW[l], one formula per function.

The regularised cost is J = (1/m) sum_i L_i + (lambd / 2m) sum_l ||W[l]||_F^2, with ||W||_F^2
the sum of the squares of W's entries (the Frobenius norm). lambd is the course's spelling
of lambda (a keyword in Python). b[l] is not in the term, so db[l] does not change.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._validate import Array, count, matrix, number
from .network import dW


def _lambd(lambd: float) -> float:
    """The argument lambd as a float >= 0, or a ValueError: a negative lambda would reward large weights."""
    lambd = number("lambd", lambd)
    if lambd < 0:
        raise ValueError(f"lambd must be >= 0 (0 switches regularisation off), got {lambd!r}")
    return lambd


# --8<-- [start:l2_term]
def l2_term(Ws: list[ArrayLike], lambd: float, m: int) -> float:
    """(lambd / 2m) sum_l ||W[l]||_F^2: what L2 regularisation adds to the cost J, for the weights Ws of every layer."""
    lambd, m = _lambd(lambd), count("m", m)
    if not isinstance(Ws, list | tuple) or not Ws:
        raise ValueError(f"Ws must be a non-empty list [W1, ..., WL], got {Ws!r:.60}")
    Ws = [matrix(f"Ws[{i}]", W, "(n_l, n_{l-1})") for i, W in enumerate(Ws)]
    return lambd / (2 * m) * sum(float(np.sum(W**2)) for W in Ws)  # ||W||_F^2 = sum_jk w_jk^2


# --8<-- [end:l2_term]


# --8<-- [start:dW_l2]
def dW_l2(dZ: ArrayLike, A_prev: ArrayLike, W: ArrayLike, lambd: float) -> Array:
    """dW[l] = (1/m) dZ[l] A[l-1]^T + (lambd/m) W[l]: the cross-entropy's part plus the term's, (n_l, n_{l-1})."""
    without, m = dW(dZ, A_prev), matrix("dZ", dZ, "(n_l, m)").shape[1]  # (1/m) dZ A_prev^T, validated there
    W, lambd = matrix("W", W, "(n_l, n_{l-1})"), _lambd(lambd)
    if W.shape != without.shape:
        raise ValueError(f"W {W.shape} must have the shape of dZ A_prev^T, {without.shape}")
    return without + lambd / m * W  # d/dw of (lambd/2m) w^2 is (lambd/m) w


# --8<-- [end:dW_l2]
