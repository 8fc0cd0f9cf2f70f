"""Numerical checks of the where-the-loss-comes-from page: J is minus the log of the sample's likelihood, over m.

The labels are a sample from the model itself: y = 1 with probability a (a Bernoulli label)
or class k with probability a_k (a categorical one). The independent value is minus the log
of the probability of the whole sample, a product of m probabilities, each picked by its
label (a if y = 1, else 1 - a; a_k of the class drawn), with the model computed again in
mpmath at 50 digits; it is divided by m. The site's J (snippets.vectorised, snippets.softmax)
and the page's likelihoods (snippets.likelihood) must give the same number.
"""

from __future__ import annotations

import mpmath
import numpy as np

from snippets import softmax, vectorised
from snippets._validate import Array, generator
from snippets.gradcheck import Compared
from snippets.likelihood import bernoulli, categorical
from snippets.logistic import sigma

# (features or classes, examples): one example, a few, and a sample whose product of probabilities underflows float64
# long before mpmath minds (m = 2000 probabilities of about 1/2 multiply to 1e-602).
SHAPES = [(1, 1), (2, 5), (3, 40), (2, 2000)]
DIGITS = 50
HOW = f"minus the log of the sample's probability (a product, at {DIGITS} digits), over m"


def _minus_mean_log(probabilities: list[mpmath.mpf]) -> float:
    """-(1/m) log(p_1 p_2 ... p_m): the likelihood multiplied out first, then one log."""
    return float(-mpmath.log(mpmath.fprod(probabilities)) / len(probabilities))


def _bernoulli_sample(rng: np.random.Generator, n_x: int, m: int) -> tuple[Array, Array, float, Array, Array, float]:
    """X, w, b, A, labels Y drawn from the model itself (y = 1 with probability a), -(1/m) log of their probability."""
    X, w, b = rng.uniform(-2, 2, size=(n_x, m)), rng.uniform(-1, 1, size=(n_x, 1)), float(rng.uniform(-1, 1))
    A = sigma(w.T @ X + b)
    Y = (rng.uniform(size=(1, m)) < A).astype(float)
    with mpmath.workdps(DIGITS):  # the model again, at 50 digits: a = 1 / (1 + e^-(w^T x + b)) for each example
        z = [mpmath.fdot(w[:, 0].tolist(), X[:, i].tolist()) + b for i in range(m)]  # exact copies of the floats
        a = [1 / (1 + mpmath.exp(-zi)) for zi in z]
        return X, w, b, A, Y, _minus_mean_log([a[i] if Y[0, i] == 1 else 1 - a[i] for i in range(m)])


def _categorical_sample(rng: np.random.Generator, C: int, m: int) -> tuple[Array, Array, float]:
    """Scores Z (C, m), one-hot labels Y drawn from the softmax itself, and -(1/m) log of their probability."""
    Z = rng.uniform(-3, 3, size=(C, m))
    k = [int(rng.choice(C, p=softmax.softmax(Z)[:, i])) for i in range(m)]  # class k with probability a_k
    Y = np.zeros((C, m))
    Y[k, np.arange(m)] = 1.0
    with mpmath.workdps(DIGITS):  # the softmax again, at 50 digits: a_k = e^{z_k} / sum_j e^{z_j}
        picked = []
        for i in range(m):
            e = [mpmath.exp(mpmath.mpf(float(Z[j, i]))) for j in range(C)]
            picked.append(e[k[i]] / mpmath.fsum(e))
        return Z, Y, _minus_mean_log(picked)


# --8<-- [start:check_bernoulli]
def check_bernoulli(rng: np.random.Generator) -> list[Compared]:
    """J and the mean of -log(a^y (1 - a)^(1 - y)) against -(1/m) log of the sample's probability."""
    rng, found = generator("rng", rng), []
    for n_x, m in SHAPES:
        X, w, b, A, Y, independent = _bernoulli_sample(rng, n_x, m)
        found.append(Compared(vectorised.J(w, b, X, Y), independent, HOW))
        found.append(Compared(-np.mean(np.log(bernoulli(A, Y))), independent, HOW))
    return found


# --8<-- [end:check_bernoulli]


# --8<-- [start:check_categorical]
def check_categorical(rng: np.random.Generator) -> list[Compared]:
    """The softmax J and the mean of -log(prod_k a_k^(y_k)) against -(1/m) log of the sample's probability."""
    rng, found = generator("rng", rng), []
    for C, m in SHAPES:
        Z, Y, independent = _categorical_sample(rng, C + 1, m)  # at least two classes
        found.append(Compared(softmax.cost(Z, Y), independent, HOW))
        found.append(Compared(-np.mean(np.log(categorical(softmax.softmax(Z), Y))), independent, HOW))
    return found


# --8<-- [end:check_categorical]


def halves_to_underflow() -> int:
    """How many factors of 1/2, multiplied in float64, give exactly 0: a likelihood of that many examples underflows."""
    product, m = 1.0, 0
    while product > 0:
        product, m = product * 0.5, m + 1
    return m


def digits() -> int:
    """The precision of the independent values, in decimal digits."""
    return DIGITS
