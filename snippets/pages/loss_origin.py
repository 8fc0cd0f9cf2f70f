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
from snippets._validate import generator
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


# --8<-- [start:check_bernoulli]
def check_bernoulli(rng: np.random.Generator) -> list[Compared]:
    """J and the mean of -log(a^y (1 - a)^(1 - y)) against -(1/m) log of the sample's probability."""
    rng, found = generator("rng", rng), []
    for n_x, m in SHAPES:
        X, w, b = rng.uniform(-2, 2, size=(n_x, m)), rng.uniform(-1, 1, size=(n_x, 1)), float(rng.uniform(-1, 1))
        A = sigma(w.T @ X + b)
        Y = (rng.uniform(size=(1, m)) < A).astype(float)  # y = 1 with probability a: a sample from the model
        with mpmath.workdps(DIGITS):
            z = [sum(mpmath.mpf(float(w[j, 0])) * mpmath.mpf(float(X[j, i])) for j in range(n_x)) + b for i in range(m)]
            a = [1 / (1 + mpmath.exp(-zi)) for zi in z]
            independent = _minus_mean_log([a[i] if Y[0, i] == 1 else 1 - a[i] for i in range(m)])
        found.append(Compared(vectorised.J(w, b, X, Y), independent, HOW))
        found.append(Compared(-np.mean(np.log(bernoulli(A, Y))), independent, HOW))
    return found


# --8<-- [end:check_bernoulli]


# --8<-- [start:check_categorical]
def check_categorical(rng: np.random.Generator) -> list[Compared]:
    """The softmax J and the mean of -log(prod_k a_k^(y_k)) against -(1/m) log of the sample's probability."""
    rng, found = generator("rng", rng), []
    for C, m in SHAPES:
        C += 1  # at least two classes
        Z = rng.uniform(-3, 3, size=(C, m))
        A = softmax.softmax(Z)
        k = [int(rng.choice(C, p=A[:, i])) for i in range(m)]  # class k with probability a_k
        Y = np.zeros((C, m))
        Y[k, np.arange(m)] = 1.0  # one-hot
        with mpmath.workdps(DIGITS):
            picked = []
            for i in range(m):
                e = [mpmath.exp(mpmath.mpf(float(Z[j, i]))) for j in range(C)]
                picked.append(e[k[i]] / mpmath.fsum(e))
            independent = _minus_mean_log(picked)
        found.append(Compared(softmax.cost(Z, Y), independent, HOW))
        found.append(Compared(-np.mean(np.log(categorical(A, Y))), independent, HOW))
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
