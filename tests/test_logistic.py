"""The numpy snippets against sympy's own derivatives and against finite differences."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from snippets.gradcheck import central_difference, relative_error
from snippets.logistic import da_dz, dL_da, dL_dz, loss, sigma, sigma_prime

z_, a_, y_ = sp.symbols("z a y", real=True)
SIGMA = 1 / (1 + sp.exp(-z_))
LOSS = -(y_ * sp.log(a_) + (1 - y_) * sp.log(1 - a_))
# Independent oracles: sympy differentiates, mpmath evaluates at 50 digits.
oracle_sigma = sp.lambdify(z_, SIGMA, "mpmath")
oracle_sigma_prime = sp.lambdify(z_, sp.diff(SIGMA, z_), "mpmath")
oracle_loss = sp.lambdify((a_, y_), LOSS, "mpmath")
oracle_dL_da = sp.lambdify((a_, y_), sp.diff(LOSS, a_), "mpmath")
oracle_dL_dz = sp.lambdify((z_, y_), sp.diff(LOSS.subs(a_, SIGMA), z_), "mpmath")

EXTREME_Z = [-700.0, -40.0, -5.0, -1e-3, 0.0, 1e-3, 5.0, 40.0, 700.0]


def mp(f, *args):
    import mpmath

    with mpmath.workdps(50):
        return float(f(*[mpmath.mpf(x) for x in args]))


@pytest.mark.parametrize("z", EXTREME_Z)
def test_sigma_matches_sympy_at_extreme_z_without_warnings(z):
    with np.errstate(all="raise"):
        got = sigma(z)
    assert got == pytest.approx(mp(oracle_sigma, z), rel=1e-15, abs=1e-300)


def test_sigma_is_exactly_half_at_zero_and_monotone():
    z = np.linspace(-50, 50, 2001)
    a = sigma(z)
    assert sigma(0.0) == 0.5
    assert np.all(np.diff(a) >= 0)
    assert np.all((a >= 0) & (a <= 1))


@pytest.mark.parametrize("z", EXTREME_Z)
def test_sigma_prime_matches_sympy_at_extreme_z(z):
    with np.errstate(all="raise"):
        got = sigma_prime(z)
    assert got == pytest.approx(mp(oracle_sigma_prime, z), rel=1e-14, abs=1e-300)


@pytest.mark.parametrize("z", [-30.0, -5.0, 0.0, 5.0, 20.0])
def test_da_dz_from_a_matches_sympy(z):
    # 1 - a keeps about 16 + log10(1 - a) digits: 7 at z = 20.
    assert da_dz(sigma(z)) == pytest.approx(mp(oracle_sigma_prime, z), rel=1e-6)


def test_da_dz_from_a_loses_what_a_lost():
    # sigma(40) rounds to 1 in float64, so a(1 - a) is 0 while sigma'(40) is 4.2e-18.
    assert da_dz(sigma(40.0)) == 0.0
    assert sigma_prime(40.0) == pytest.approx(4.248354255291589e-18, rel=1e-14)


@pytest.mark.parametrize("z", [-40.0, -5.0, 0.0, 5.0, 40.0])
@pytest.mark.parametrize("y", [0.0, 0.3, 1.0])
def test_dL_dz_matches_sympy(z, y):
    # Computed from a and y alone, dz stays exact where dL/da and da/dz are extreme.
    assert dL_dz(sigma(z), y) == pytest.approx(mp(oracle_dL_dz, z, y), rel=1e-12, abs=1e-15)


def test_loss_and_dL_da_match_sympy():
    rng = np.random.default_rng(0)
    for a, y in zip(rng.uniform(1e-6, 1 - 1e-6, 50), rng.uniform(0, 1, 50), strict=True):
        assert loss(a, y) == pytest.approx(mp(oracle_loss, a, y), rel=1e-12)
        assert dL_da(a, y) == pytest.approx(mp(oracle_dL_da, a, y), rel=1e-9)


def test_formulas_agree_with_central_differences():
    rng = np.random.default_rng(1)
    z = rng.uniform(-8, 8, 20)
    y = rng.uniform(0, 1, 20)
    a = sigma(z)
    # Each entry is an independent example, so the gradient of the sum is the entrywise derivative.
    assert relative_error(dL_dz(a, y), central_difference(lambda t: loss(sigma(t), y).sum(), z)) < 1e-7
    assert relative_error(da_dz(a), central_difference(lambda t: sigma(t).sum(), z)) < 1e-7
    assert relative_error(dL_da(a, y), central_difference(lambda t: loss(t, y).sum(), a, eps=1e-9)) < 1e-6


def test_dL_dz_is_dL_da_times_da_dz():
    a = np.array([0.01, 0.3, 0.5, 0.9, 0.999])
    y = np.array([1.0, 0.0, 0.5, 1.0, 0.0])
    np.testing.assert_allclose(dL_da(a, y) * da_dz(a), dL_dz(a, y), rtol=1e-12)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: loss(1.0, 0.0), r"a must lie in \(0, 1\), but a = 1.0"),
        (lambda: loss(0.0, 0.0), r"a must lie in \(0, 1\), but a = 0.0"),
        (lambda: dL_da([0.2, 1.5], [0, 1]), r"a\[1\] = 1.5"),
        (lambda: loss(0.5, 2.0), r"y must lie in \[0, 1\], but y = 2.0"),
        (lambda: dL_dz(0.5, -0.1), r"y must lie in \[0, 1\]"),
        (lambda: sigma([0.0, np.nan]), r"z contains NaN at index \[1\]"),
        (lambda: dL_dz([0.2, 0.3], [1.0, 0.0, 1.0]), r"a and y must have the same shape .*a \(2,\), y \(3,\)"),
        # (3, 1) against (1, 3) would broadcast to the (3, 3) outer product of 9 losses.
        (lambda: loss(np.full((3, 1), 0.5), np.ones((1, 3))), r"a and y must have the same shape .*\(3, 1\).*\(1, 3\)"),
        (lambda: dL_dz(np.full((3, 1), 0.5), np.ones((1, 3))), r"a and y must have the same shape"),
        (lambda: dL_da([0.5, 0.5], [[1.0], [0.0]]), r"a and y must have the same shape"),
        (lambda: sigma([1.0 + 2.0j]), r"z must be real numbers, got complex"),
        (lambda: sigma(1.0 + 0.0j), r"z must be real numbers, got complex"),
        (lambda: dL_dz(0.5, [0.5j]), r"y must be real numbers, got complex"),
        (lambda: sigma_prime([np.inf]), r"z must be finite, but z\[0\] = inf"),
        (lambda: sigma(-np.inf), r"z must be finite, but z = -inf"),
        (lambda: sigma([]), r"z must hold at least one number, got an empty array of shape \(0,\)"),
        (lambda: loss(np.ones((2, 0)), 1.0), r"a must hold at least one number"),
        (lambda: sigma([[1.0, 2.0], [3.0]]), r"z must be real numbers in rows of one length, got a ragged list"),
        (lambda: sigma("0.5"), r"z must be real numbers, got str"),
        (lambda: sigma(None), r"z must be real numbers"),
        (lambda: da_dz(1.2), r"a must lie in \[0, 1\]"),
        (lambda: sigma("seven"), r"z must be real numbers"),
    ],
)
def test_bad_input_is_a_value_error_that_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_saturated_sigma_still_gives_finite_dz():
    a = sigma(np.array([-700.0, 700.0]))
    assert np.all(np.isfinite(dL_dz(a, np.array([1.0, 0.0]))))
    with pytest.raises(ValueError, match="a must lie in"):
        loss(a, np.array([1.0, 0.0]))


def test_a_single_number_stands_for_every_entry_and_nothing_else_broadcasts():
    a = np.array([[0.2], [0.5], [0.9]])
    for f in (loss, dL_da, dL_dz):
        np.testing.assert_array_equal(f(a, 1.0), f(a, np.ones((3, 1))))  # y = 1 for every example
        np.testing.assert_array_equal(f(0.5, a), f(np.full((3, 1), 0.5), a))
        np.testing.assert_array_equal(f(a, np.array(1.0)), f(a, 1.0))  # a 0-d array is a single number
        with pytest.raises(ValueError, match=r"a and y must have the same shape"):
            f(a, [1.0])  # a (1,) array is not a single number: it would broadcast
    assert sigma(0.0).shape == ()  # a number in, a 0-d array out, as the pages use it
