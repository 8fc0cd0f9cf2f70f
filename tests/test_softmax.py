"""Softmax with cross-entropy: the cost from Z, dZ = A - Y and the Jacobian, by central differences and autograd."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad
from autograd import jacobian as autograd_jacobian

from checker.numeric import worst
from snippets.gradcheck import central_difference, relative_error
from snippets.logistic import sigma
from snippets.pages import softmax as page
from snippets.softmax import cost, gradient, jacobian, log_softmax, softmax

# (C, m): two classes, one example (m = 1), and wider and taller problems.
SHAPES = [(2, 1), (3, 1), (2, 5), (3, 4), (6, 2), (10, 1)]
CHECKS = [page.check_gradient, page.check_jacobian, page.check_chain_rule, page.check_two_classes]


def problem(rng, C, m, one_hot):
    return rng.normal(0.0, 2.0, size=(C, m)), page.labels(rng, C, m, one_hot)


# Softmax and the cost written a second time, from the definitions, for autograd.
def autograd_softmax(z):
    e = anp.exp(z)
    return e / anp.sum(e, axis=0, keepdims=True)


def autograd_J(Z, Y):
    return -anp.mean(anp.sum(Y * anp.log(autograd_softmax(Z)), axis=0))


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("seed", range(10))
def test_page_checks_agree(check, seed):
    assert worst(check(np.random.default_rng(seed))) < 1e-7


@pytest.mark.parametrize("one_hot", [True, False], ids=["one-hot", "soft"])
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_dZ_agrees_with_central_differences_of_m_J(shape, one_hot):
    Z, Y = problem(np.random.default_rng(sum(shape)), *shape, one_hot)
    m = shape[1]
    dZ = gradient(Z, Y)
    assert dZ.shape == Z.shape
    assert relative_error(dZ, central_difference(lambda t: m * cost(t, Y), Z)) < 1e-7


@pytest.mark.parametrize("one_hot", [True, False], ids=["one-hot", "soft"])
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_cost_and_dZ_agree_with_autograd(shape, one_hot):
    Z, Y = problem(np.random.default_rng(100 + sum(shape)), *shape, one_hot)
    m = shape[1]
    assert cost(Z, Y) == pytest.approx(float(autograd_J(Z, Y)), rel=1e-12)
    assert relative_error(gradient(Z, Y), m * grad(autograd_J)(Z, Y)) < 1e-12  # dZ = m dJ/dZ: no 1/m


@pytest.mark.parametrize("C", [1, 2, 3, 7])
def test_jacobian_agrees_with_autograd(C):
    z = np.random.default_rng(C).normal(size=C)
    expected = autograd_jacobian(lambda t: autograd_softmax(t[:, None])[:, 0])(z)
    J = jacobian(z)
    assert J.shape == (C, C)
    assert relative_error(J, expected) < 1e-12 or np.abs(J - expected).max() < 1e-17  # C = 1: both are 0
    np.testing.assert_allclose(J, J.T, rtol=0, atol=0)  # da_i/dz_j = -a_i a_j = da_j/dz_i
    np.testing.assert_allclose(J.sum(axis=0), 0, atol=1e-16)  # the a_i sum to 1 whatever z is


def test_jacobian_accepts_a_column_of_Z():
    z = np.array([[0.5], [-1.0], [2.0]])
    np.testing.assert_array_equal(jacobian(z), jacobian(z[:, 0]))


def test_jacobian_keeps_its_digits_when_one_a_is_near_1():
    z = np.array([30.0, 0.0, 0.0])
    exact = 2 * np.exp(-30.0) / (1 + 2 * np.exp(-30.0)) ** 2  # a_1 (1 - a_1), with 1 - a_1 = 2e^{-30}/(1 + 2e^{-30})
    assert jacobian(z)[0, 0] == pytest.approx(exact, rel=1e-14)


def test_labels_need_only_sum_to_1_not_be_one_hot():
    Z = np.array([[1.0, -2.0], [0.5, 0.0], [-1.0, 3.0]])
    Y = np.array([[0.2, 0.0], [0.7, 0.5], [0.1, 0.5]])
    np.testing.assert_allclose(gradient(Z, Y), softmax(Z) - Y, rtol=0, atol=0)
    assert relative_error(gradient(Z, Y), 2 * grad(autograd_J)(Z, Y)) < 1e-12


def test_labels_that_do_not_sum_to_1_are_refused_with_the_column():
    Z = np.zeros((3, 2))
    Y = np.array([[1.0, 0.2], [0.0, 0.2], [0.0, 0.2]])
    with pytest.raises(ValueError, match=r"column 1 sums to 0.6"):
        gradient(Z, Y)
    # For such labels the true dL/dz is a * sum(y) - y (step 4), not a - y.
    true = 2 * grad(autograd_J)(Z, Y)
    A = softmax(Z)
    np.testing.assert_allclose(true, A * Y.sum(axis=0) - Y, rtol=1e-12)
    assert relative_error(A - Y, true) > 0.1


def test_softmax_columns_sum_to_1_and_ignore_a_shift():
    Z = np.random.default_rng(0).normal(size=(4, 5))
    A = softmax(Z)
    np.testing.assert_allclose(A.sum(axis=0), 1.0, rtol=1e-15)
    np.testing.assert_allclose(softmax(Z + 123.0), A, rtol=1e-13)


def test_e_to_the_z_overflows_above_709_as_the_page_says():
    with np.errstate(over="ignore", invalid="ignore"):
        assert np.isfinite(np.exp(709.7)) and np.isinf(np.exp(709.8))
        assert np.isnan(autograd_softmax(np.array([[1000.0], [0.0]]))).any()  # inf / inf without the shift


def test_large_scores_stay_finite_and_exact():
    Z = np.array([[1000.0, -1000.0], [0.0, 0.0], [-1000.0, 1000.0]])
    Y = np.array([[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        A = softmax(Z)
        J = cost(Z, Y)
        dZ = gradient(Z, Y)
    np.testing.assert_array_equal(A, [[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    assert J == pytest.approx(1000.0, rel=1e-15)  # (0 + 2000) / 2: e^{-1000} and e^{-2000} underflow to 0
    np.testing.assert_array_equal(dZ, A - Y)


def test_a_tiny_loss_keeps_its_digits():
    # L = log(1 + e^{-40}), about 4.2e-18: log(a_1) and (M + log(sum)) - z_1 both round it to 0.
    Z, Y = np.array([[40.0], [0.0]]), np.array([[1.0], [0.0]])
    exact = np.log1p(np.exp(-40.0))
    assert cost(Z, Y) == pytest.approx(exact, rel=1e-15)
    assert log_softmax(Z)[0, 0] == pytest.approx(-exact, rel=1e-15)
    assert np.log(softmax(Z))[0, 0] == 0.0
    assert (40.0 + np.log(np.exp(0.0) + np.exp(-40.0))) - 40.0 == 0.0


def test_two_classes_are_the_sigmoid():
    Z = np.array([[2.0, -1.0, 0.3], [0.5, 1.0, 0.3]])
    np.testing.assert_allclose(softmax(Z)[0], sigma(Z[0] - Z[1]), rtol=1e-15)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: softmax([1.0, 2.0]), r"Z must have shape \(C, m\)"),
        (lambda: softmax(np.ones((3, 0))), r"Z must have shape \(C, m\) with C, m >= 1, got shape \(3, 0\)"),
        (lambda: softmax(2.0), r"Z must have shape \(C, m\) with C, m >= 1, got shape \(\)"),
        (lambda: softmax([[1.0 + 1j], [0.0]]), r"Z must be real numbers, got complex"),
        (lambda: cost([[1.0], [2.0]], [[1.0 + 0j], [0.0]]), r"Y must be real numbers, got complex"),
        (lambda: gradient([[1.0], [2.0]], 1.0), r"Y must have the shape of Z \(2, 1\), got shape \(\)"),
        (lambda: cost([[1.0], [2.0]], [[np.inf], [0.0]]), r"Y must be finite"),
        (lambda: softmax([[1.0], [np.inf]]), r"Z must be finite, but Z\[1, 0\] = inf"),
        (lambda: cost([[1.0], [2.0]], [[1.0, 0.0]]), r"Y must have the shape of Z \(2, 1\), got shape \(1, 2\)"),
        (lambda: cost([[1.0], [2.0]], [[1.5], [-0.5]]), r"Y must lie in \[0, 1\], but Y\[0, 0\] = 1.5"),
        (lambda: gradient([[1.0], [2.0]], [[np.nan], [1.0]]), r"Y contains NaN"),
        (lambda: gradient([[1.0], [2.0]], [[0.5], [0.4]]), r"each column of Y must sum to 1.*column 0 sums to 0.9"),
        (lambda: jacobian(np.ones((3, 2))), r"z must be one example's logits"),
        (lambda: jacobian([]), r"z must hold at least one number"),
        (lambda: jacobian(1.0), r"z must be one example's logits"),
        (lambda: jacobian([1.0, 2j]), r"z must be real numbers, got complex"),
        (lambda: jacobian("abc"), r"z must be real numbers"),
    ],
)
def test_bad_arguments_are_named_in_a_ValueError(call, message):
    with pytest.raises(ValueError, match=message):
        call()
