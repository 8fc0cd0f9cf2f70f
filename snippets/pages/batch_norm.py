"""Numerical checks of the batch-norm page: the forward formulas, dbeta, dgamma and dZ, against independent values.

A unit's batch norm feeds a tanh, then a sigmoid output with the cross-entropy: the cost J here is
written on its own, at 30 digits with mpmath (mean and variance as sums divided by m, not with
snippets.batch_norm), and every independent derivative is mpmath's numerical derivative of it. The
gradient handed down from above, dJ/dZ_tilde, is taken the same way, so each check tests one formula
of the page and nothing else. The mini-batches have m = 1 (where z - mu = 0, z_norm = 0 and dZ = 0),
2, 3, 5 and 8. Exact digits rather than float64 central differences: with m = 2, z_norm is close to
+1 and -1 whatever z is, and dZ is only of the size of eps, below what float64 differences resolve.
"""

from __future__ import annotations

import mpmath
import numpy as np

from snippets._validate import generator
from snippets.batch_norm import Z_norm, Z_tilde, dbeta, dgamma, dZ, sigma2
from snippets.gradcheck import Compared

Array = np.ndarray
# (n_l, m) of the mini-batches a check draws: one example, two, and more; one unit and several.
SHAPES = [(1, 1), (2, 1), (1, 2), (3, 2), (1, 3), (2, 5), (1, 8)]
# eps is drawn from 10^-5 to 10^-1 (log-uniform). At m = 2 the site's dZ is a difference of numbers of
# order 1 that leaves one of order eps: float64 keeps about 16 - 5 = 11 of its digits there.
EPS_POWERS = (-5.0, -1.0)
HOW = "derivatives of J at 30 digits (mpmath), the gradient from above too"
DIGITS = 30
Rows = list[list[mpmath.mpf]]  # a matrix at 30 digits, one list per unit


class _Batch:
    """One mini-batch: Z (n, m), each unit's gamma and beta, eps, and the layers above (tanh, sigmoid, labels Y)."""

    def __init__(self, rng: np.random.Generator, n: int, m: int):
        self.Z = rng.normal(scale=1.5, size=(n, m)) + rng.normal(size=(n, 1))
        self.gamma, self.beta = rng.uniform(0.5, 2.0, size=(n, 1)), rng.normal(size=(n, 1))
        self.eps = float(10 ** rng.uniform(*EPS_POWERS))
        self.V, self.c = rng.normal(size=(1, n)), float(rng.normal())
        self.Y = rng.uniform(size=(1, m))

    def normalised(self, Z: Rows) -> Rows:
        """(z - mean) / sqrt(variance + eps) for each unit, the sums written out: the independent forward pass."""
        rows = []
        for row in Z:
            mean = mpmath.fsum(row) / len(row)
            variance = mpmath.fsum((z - mean) ** 2 for z in row) / len(row)
            rows.append([(z - mean) / mpmath.sqrt(variance + mpmath.mpf(self.eps)) for z in row])
        return rows

    def tilde(self, Z: Rows, gamma: Rows, beta: Rows) -> Rows:
        """Z_tilde = gamma z_norm + beta, each unit with its own gamma and beta ((n, 1) columns)."""
        return [[g[0] * z + b[0] for z in row] for row, g, b in zip(self.normalised(Z), gamma, beta, strict=True)]

    def above(self, Zt: Rows) -> mpmath.mpf:
        """J from Z_tilde: A = tanh(Z_tilde), then a sigmoid output and the mean cross-entropy over the batch."""
        total = mpmath.mpf(0)
        for i, y in enumerate(self.Y[0]):
            out = mpmath.fsum(float(v) * mpmath.tanh(row[i]) for v, row in zip(self.V[0], Zt, strict=True)) + self.c
            total += -float(y) * mpmath.log(mpmath.sigmoid(out)) - (1 - float(y)) * mpmath.log(1 - mpmath.sigmoid(out))
        return total / len(self.Y[0])

    def J(self, Z: Rows | None = None, gamma: Rows | None = None, beta: Rows | None = None) -> mpmath.mpf:
        """The cost from Z, gamma and beta (this batch's own where one is not given)."""
        Z, gamma, beta = (
            _exact(v) if u is None else u for u, v in ((Z, self.Z), (gamma, self.gamma), (beta, self.beta))
        )
        return self.above(self.tilde(Z, gamma, beta))

    def Z_tilde(self) -> Array:
        """Z_tilde of the independent forward pass, as float64."""
        with mpmath.workdps(DIGITS):
            return _floats(self.tilde(_exact(self.Z), _exact(self.gamma), _exact(self.beta)))

    def Z_norm(self) -> Array:
        """z_norm of the independent forward pass, as float64."""
        with mpmath.workdps(DIGITS):
            return _floats(self.normalised(_exact(self.Z)))


def _exact(A: Array) -> Rows:
    return [[mpmath.mpf(float(v)) for v in row] for row in A]


def _floats(rows: Rows) -> Array:
    return np.array([[float(v) for v in row] for row in rows])


def _gradient(f, A: Array) -> Array:
    """df/dA entry by entry at 30 digits (mpmath.diff), f taking the matrix as rows of mpmath numbers."""
    found = np.empty(A.shape)
    with mpmath.workdps(DIGITS):
        rows = _exact(A)
        for j, i in np.ndindex(A.shape):

            def moved(t: mpmath.mpf, j: int = j, i: int = i) -> mpmath.mpf:
                copy = [list(row) for row in rows]
                copy[j][i] = t
                return f(copy)

            found[j, i] = float(mpmath.diff(moved, rows[j][i]))
    return found


def eps_smallest() -> float:
    """The smallest eps a check draws."""
    return 10 ** EPS_POWERS[0]


def eps_largest() -> float:
    """The largest eps a check draws."""
    return 10 ** EPS_POWERS[1]


def digits() -> int:
    """The working precision of the independent cost and its derivatives, in decimal digits."""
    return DIGITS


def _batches(rng: np.random.Generator) -> list[_Batch]:
    generator("rng", rng)
    return [_Batch(rng, n, m) for n, m in SHAPES]


# --8<-- [start:check_forward]
def check_forward(rng: np.random.Generator) -> list[Compared]:
    """z_norm and z_tilde = gamma z_norm + beta against the same at 30 digits (mpmath)."""
    found = []
    for b in _batches(rng):
        norm = Z_norm(b.Z, b.eps)
        found.append(Compared(norm, b.Z_norm(), "z_norm from mpmath at 30 digits"))
        found.append(Compared(Z_tilde(norm, b.gamma, b.beta), b.Z_tilde(), "z_tilde from mpmath at 30 digits"))
    return found


# --8<-- [end:check_forward]


# --8<-- [start:check_dbeta_dgamma]
def check_dbeta_dgamma(rng: np.random.Generator) -> list[Compared]:
    """The sums dbeta = sum_i dz_tilde(i), dgamma = sum_i dz_tilde(i) z_norm(i) against dJ/dbeta, dJ/dgamma."""
    found = []
    for b in _batches(rng):
        dZt = _gradient(b.above, b.Z_tilde())  # what the layer above hands down
        found.append(Compared(dbeta(dZt), _gradient(lambda beta, b=b: b.J(beta=beta), b.beta), HOW))
        found.append(Compared(dgamma(dZt, b.Z_norm()), _gradient(lambda g, b=b: b.J(gamma=g), b.gamma), HOW))
    return found


# --8<-- [end:check_dbeta_dgamma]


# --8<-- [start:check_dZ]
def check_dZ(rng: np.random.Generator) -> list[Compared]:
    """The gradient dZ through the normalisation, the paths through mu and sigma^2 included, against dJ/dZ."""
    found = []
    for b in _batches(rng):
        dZt = _gradient(b.above, b.Z_tilde())  # what the layer above hands down
        site = dZ(dZt, b.Z_norm(), b.gamma, sigma2(b.Z), b.eps)
        found.append(Compared(site, _gradient(lambda Z, b=b: b.J(Z=Z), b.Z), HOW))
    return found


# --8<-- [end:check_dZ]
