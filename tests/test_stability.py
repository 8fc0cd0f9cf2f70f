"""The numerical-stability page: float64's behaviour as the page states it, and the stable loss and gradient."""

from __future__ import annotations

import math

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import elementwise_grad

from checker.numeric import worst
from snippets.gradcheck import central_difference, relative_error
from snippets.logistic import loss, sigma
from snippets.pages import numerical_stability as page
from snippets.stable import (
    dz_from_z,
    first_z_where_a_is_1,
    last_z_where_a_is_0,
    loss_clipped,
    loss_from_a,
    loss_from_z,
)
from support import ROOT

PAGE = (ROOT / "docs" / "practice" / "numerical-stability.md").read_text()
CHECKS = [page.check_dz, page.check_far]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("seed", range(10))
def test_page_checks_agree(check, seed):
    assert worst(check(np.random.default_rng(seed))) < 1e-7


# -- What the page states about float64 --------------------------------------


def test_a_is_exactly_1_from_the_z_the_page_states_and_not_before():
    z = first_z_where_a_is_1()
    assert sigma(z) == 1.0 and sigma(np.nextafter(z, 0.0)) < 1.0
    assert sigma(np.nextafter(z, np.inf)) == 1.0 and sigma(40.0) == 1.0
    assert math.isclose(z, 53 * math.log(2), rel_tol=1e-15)  # e^{-z} = 2^{-53}, half the gap above 1
    assert f"\\(z \\ge\\) [{z!r}]{{= " in PAGE  # printed by pipeline/printed.py, which checks it


def test_a_is_exactly_0_up_to_the_z_the_page_states_and_not_after():
    z = last_z_where_a_is_0()
    assert sigma(z) == 0.0 and sigma(np.nextafter(z, 0.0)) > 0.0
    assert sigma(-800.0) == 0.0
    assert math.isclose(z, -1075 * math.log(2), rel_tol=1e-15)  # e^{z} = 2^{-1075}, half the smallest float64
    assert f"\\(z \\le\\) [{z!r}]{{= " in PAGE


def test_the_gap_below_1_is_2_to_the_minus_53():
    assert 1.0 - np.nextafter(1.0, 0.0) == 2.0**-53


@pytest.mark.parametrize("table", [page.loss_table, page.gradient_table, page.clipping_table], ids=lambda f: f.__name__)
def test_the_page_shows_the_tables_the_code_makes(table):
    assert f"```computed-table\n{page.__name__}:{table.__name__}\n```" in PAGE


def test_a_correct_confident_prediction_gives_NaN_from_a_and_a_tiny_loss_from_z():
    assert np.isnan(loss_from_a(sigma(40.0), 1.0))  # 0 * log(0) = 0 * (-inf)
    assert np.isinf(loss_from_a(sigma(40.0), 0.0))
    assert loss_from_z(40.0, 1.0) == pytest.approx(np.exp(-40.0), rel=1e-15)  # log(1 + e^{-40})
    assert np.isnan(np.mean(loss_from_a(sigma(np.array([0.0, 40.0])), 1.0)))  # one NaN spoils the mean


@pytest.mark.parametrize("y", [0.0, 1.0])
def test_dL_da_times_a_one_minus_a_is_NaN_where_a_minus_y_is_finite(y):
    a = sigma(40.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        dL_da = (a - y) / (a * (1 - a))  # 1/0 = inf for y = 0, 0/0 = NaN for y = 1
        assert np.isnan(dL_da * (a * (1 - a)))
    assert abs(a - y) <= 1.0


def test_dL_da_is_about_1e13_at_z_30_before_a_rounds_to_1():
    a = sigma(30.0)
    assert a < 1.0 and 1e13 < (a - 0.0) / (a * (1 - a)) < 1.1e13


def test_dz_keeps_its_digits_from_z():
    a = sigma(40.0)
    assert a - 1.0 == 0.0  # finite, if not every digit: the true value is -sigma(-40)
    assert dz_from_z(40.0, 1.0) == pytest.approx(-np.exp(-40.0), rel=1e-15)


def test_clipping_caps_the_loss_and_zeroes_the_gradient():
    epsilon = 1e-7
    assert loss_clipped(sigma(-800.0), 1.0, epsilon) == pytest.approx(-np.log(epsilon), rel=1e-12)
    z = np.array([-20.0])
    flat = central_difference(lambda t: loss_clipped(sigma(t), 1.0, epsilon).sum(), z)
    assert flat[0] == 0.0
    # The page: in every row of its table the true loss is -z and the true dz = a - y is -1, to four digits.
    z = np.array(page.CLIPPED_Z)
    np.testing.assert_allclose(loss_from_z(z, 1.0), -z, rtol=5e-5)
    np.testing.assert_allclose(dz_from_z(z, 1.0), -1.0, atol=5e-5)
    # Outside the clipped region the clip changes nothing.
    z = np.array([-10.0, 3.0])
    np.testing.assert_allclose(loss_clipped(sigma(z), 1.0, epsilon), loss_from_z(z, 1.0), rtol=1e-12)


# -- The loss and the gradient from z ----------------------------------------


def autograd_loss(z, y):
    """The loss from its definition, with a = sigma(z), for autograd to differentiate."""
    a = 1 / (1 + anp.exp(-z))
    return -(y * anp.log(a) + (1 - y) * anp.log(1 - a))


@pytest.mark.parametrize("m", [1, 7])
def test_loss_and_dz_from_z_agree_with_autograd_where_float64_is_safe(m):
    rng = np.random.default_rng(m)
    z, y = rng.uniform(-15.0, 15.0, size=m), rng.uniform(0.0, 1.0, size=m)
    np.testing.assert_allclose(loss_from_z(z, y), autograd_loss(z, y), rtol=1e-9)
    assert relative_error(dz_from_z(z, y), elementwise_grad(autograd_loss)(z, y)) < 1e-9
    np.testing.assert_allclose(loss_from_z(z, y), loss(sigma(z), y), rtol=1e-9)


@pytest.mark.parametrize("m", [1, 9])
def test_dz_from_z_agrees_with_central_differences(m):
    rng = np.random.default_rng(10 + m)
    z, y = rng.uniform(-40.0, 40.0, size=m), rng.uniform(0.0, 1.0, size=m)
    assert relative_error(dz_from_z(z, y), central_difference(lambda t: loss_from_z(t, y).sum(), z)) < 1e-7


def test_dz_from_z_is_a_minus_y():
    z, y = np.linspace(-8.0, 8.0, 9), np.linspace(0.0, 1.0, 9)
    # sigma(z) - y subtracts nearly equal numbers near y: it is off by up to 2^{-53} there.
    np.testing.assert_allclose(dz_from_z(z, y), sigma(z) - y, rtol=1e-14, atol=2.0**-53)
    assert dz_from_z(8.0, 1.0) == pytest.approx(-1 / (1 + np.exp(8.0)), rel=1e-15)  # -sigma(-8), every digit


def test_the_loss_from_z_is_finite_for_every_finite_z():
    z = np.array([-1e308, -800.0, -40.0, 0.0, 40.0, 800.0, 1e308])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for y in (0.0, 0.5, 1.0):
            assert np.isfinite(loss_from_z(z, y)).all()
            assert np.isfinite(dz_from_z(z, y)).all()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: loss_from_a([0.5, 1.5], 1.0), r"a must lie in \[0, 1\], but a\[1\] = 1.5"),
        (lambda: loss_from_a(0.5, 2.0), r"y must lie in \[0, 1\]"),
        (lambda: loss_from_a([0.5, 0.5], [1.0, 0.0, 1.0]), r"a and y must have the same shape .*a \(2,\), y \(3,\)"),
        # (3, 1) against (1, 3) would broadcast to the (3, 3) outer product.
        (lambda: loss_from_z(np.zeros((3, 1)), np.ones((1, 3))), r"z and y must .*z \(3, 1\), y \(1, 3\)"),
        (lambda: dz_from_z(np.zeros((1, 3)), np.ones((3, 1))), r"z and y must have the same shape"),
        (lambda: loss_clipped(np.full((3, 1), 0.5), np.ones((1, 3))), r"a and y must have the same shape"),
        (lambda: loss_from_a([0.5 + 1j], 1.0), r"a must be real numbers, got complex"),
        (lambda: loss_from_z(1.0, np.nan), r"y contains NaN"),
        (lambda: loss_from_a(np.inf, 1.0), r"a must be finite"),
        (lambda: dz_from_z([], []), r"z must hold at least one number"),
        (lambda: loss_from_z(0.0, -0.5), r"y must lie in \[0, 1\], but y = -0.5"),
        (lambda: loss_clipped(0.5, 1.0, epsilon=np.nan), r"epsilon contains NaN"),
        (lambda: loss_clipped(0.5, 1.0, epsilon=1e-7 + 1j), r"epsilon must be real numbers, got complex"),
        (lambda: loss_clipped(0.5, 1.0, epsilon=[1e-7, 1e-6]), r"epsilon must be a single number, got shape \(2,\)"),
        (lambda: loss_clipped(0.5, 1.0, epsilon=0.0), r"epsilon must lie in \(0, 0.5\), got 0.0"),
        (lambda: loss_clipped(0.5, 1.0, epsilon=0.7), r"epsilon must lie in"),
        (lambda: loss_from_z(np.nan, 1.0), r"z contains NaN"),
        (lambda: loss_from_z(np.inf, 1.0), r"z must be finite"),
        (lambda: dz_from_z(1.0, "one"), r"y must be real numbers"),
    ],
)
def test_bad_arguments_are_named_in_a_ValueError(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_a_single_label_stands_for_every_entry():
    z = np.array([[-3.0], [0.5], [40.0]])
    for f in (loss_from_z, dz_from_z):
        np.testing.assert_array_equal(f(z, 1.0), f(z, np.ones((3, 1))))
        with pytest.raises(ValueError, match=r"z and y must have the same shape"):
            f(z, np.ones((1, 3)))  # not the (3, 3) outer product
    a = sigma(z)
    np.testing.assert_array_equal(loss_clipped(a, 0.0), loss_clipped(a, np.zeros((3, 1))))
