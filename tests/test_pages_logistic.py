"""The numerical checks of the sigmoid, dL/dw and m-examples pages, at many random points."""

from __future__ import annotations

import numpy as np
import pytest

from checker.numeric import worst
from snippets.logistic import da_dz, sigma, sigma_prime
from snippets.pages import dl_dw_db, m_examples, sigmoid_derivative

CHECKS = [
    sigmoid_derivative.check_derivative,
    sigmoid_derivative.check_far_from_zero,
    dl_dw_db.check_dw,
    dl_dw_db.check_db,
    m_examples.check_dw,
    m_examples.check_db,
]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f"{f.__module__.rsplit('.', 1)[-1]}.{f.__name__}")
@pytest.mark.parametrize("seed", range(10))
def test_page_checks_agree(check, seed):
    assert worst(check(np.random.default_rng(seed))) < 1e-7


@pytest.mark.parametrize(("n_x", "m"), [(1, 1), (2, 1), (1, 3), (5, 2), (4, 9)])
@pytest.mark.parametrize("check", [m_examples.check_dw, m_examples.check_db], ids=lambda f: f.__name__)
def test_m_examples_checks_hold_for_every_shape(check, n_x, m):
    assert worst(check(np.random.default_rng(n_x * 10 + m), n_x=n_x, m=m)) < 1e-7


# The table on the sigmoid page: z, a(1 - a) from a rounded a, and its relative error.
@pytest.mark.parametrize(("z", "low", "high"), [(20.0, 1e-8, 1e-7), (30.0, 5e-4, 2e-3), (37.0, 1.0, 1.0)])
def test_sigmoid_page_table_of_lost_digits(z, low, high):
    exact = np.exp(-z) / (1 + np.exp(-z)) ** 2  # no cancellation here: e^{-z} is tiny, 1 + e^{-z} is not
    error = abs(da_dz(sigma(z)) - exact) / exact  # a(1 - a) from a rounded a = sigma(z)
    assert low <= error <= high
    assert abs(sigma_prime(z) - exact) / exact < 1e-15
