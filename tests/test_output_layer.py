"""The output layer: dZ = dA * g'(Z) and dZ = A - Y, against central differences and autograd."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad

from checker.numeric import worst
from snippets.gradcheck import central_difference, relative_error
from snippets.logistic import sigma
from snippets.output_layer import (
    cross_entropy,
    dA_cross_entropy,
    dA_squared_error,
    dZ_chain,
    dZ_matched,
    g,
    g_prime,
    squared_error,
)
from snippets.pages import output_layer as page

# (n_L, m): one example (m = 1), one unit, several units.
SHAPES = [(1, 1), (3, 1), (1, 6), (2, 5), (4, 3)]
CHECKS = [
    page.check_dA,
    page.check_two_forms,
    page.check_squared_error,
    page.check_squared_error_tanh,
    page.check_linear,
]


def problem(rng, n_L, m):
    return rng.uniform(-4.0, 4.0, size=(n_L, m)), rng.uniform(0.0, 1.0, size=(n_L, m))


# The losses written a second time, as functions of Z, for autograd to differentiate.
def autograd_sum_of_losses(Z, Y, activation, loss):
    A = {"sigmoid": 1 / (1 + anp.exp(-Z)), "tanh": anp.tanh(Z), "linear": Z}[activation]
    if loss == "cross-entropy":
        return -anp.sum(Y * anp.log(A) + (1 - Y) * anp.log(1 - A))
    return anp.sum((A - Y) ** 2) / 2


PAIRS = [("sigmoid", "cross-entropy"), ("sigmoid", "squared"), ("tanh", "squared"), ("linear", "squared")]
MATCHED = {("sigmoid", "cross-entropy"), ("linear", "squared")}


def dA_of(loss, A, Y):
    return dA_cross_entropy(A, Y) if loss == "cross-entropy" else dA_squared_error(A, Y)


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("seed", range(10))
def test_page_checks_agree_with_central_differences(check, seed):
    assert worst(check(np.random.default_rng(seed))) < 1e-7


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize(("activation", "loss"), PAIRS, ids=lambda p: str(p))
def test_dZ_chain_agrees_with_autograd(activation, loss, shape):
    Z, Y = problem(np.random.default_rng(sum(shape)), *shape)
    dZ = dZ_chain(dA_of(loss, g(Z, activation), Y), Z, activation)
    assert dZ.shape == Z.shape
    assert relative_error(dZ, grad(autograd_sum_of_losses)(Z, Y, activation, loss)) < 1e-12


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize(("activation", "loss"), PAIRS, ids=lambda p: str(p))
def test_A_minus_Y_is_right_exactly_for_the_matched_pairs(activation, loss, shape):
    Z, Y = problem(np.random.default_rng(10 + sum(shape)), *shape)
    error = relative_error(dZ_matched(g(Z, activation), Y), grad(autograd_sum_of_losses)(Z, Y, activation, loss))
    if (activation, loss) in MATCHED:
        assert error < 1e-12
    else:
        assert error > 0.1  # the factor g'(Z) is missing: not a rounding difference


@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_the_two_forms_agree_for_sigmoid_and_cross_entropy(shape):
    Z, Y = problem(np.random.default_rng(20 + sum(shape)), *shape)
    A = g(Z, "sigmoid")
    assert relative_error(dZ_chain(dA_cross_entropy(A, Y), Z, "sigmoid"), dZ_matched(A, Y)) < 1e-13


def test_A_minus_Y_times_g_prime_again_is_wrong_for_cross_entropy():
    # The page's "never both": the sigmoid's derivative is already inside A - Y.
    Z, Y = problem(np.random.default_rng(3), 2, 4)
    twice = dZ_chain(dZ_matched(g(Z, "sigmoid"), Y), Z, "sigmoid")
    assert relative_error(twice, grad(autograd_sum_of_losses)(Z, Y, "sigmoid", "cross-entropy")) > 0.1


def test_dA_agrees_with_central_differences_for_one_example():
    A, Y = np.array([[0.3]]), np.array([[1.0]])
    by_difference = central_difference(lambda t: cross_entropy(t, Y).sum(), A)
    assert relative_error(dA_cross_entropy(A, Y), by_difference) < 1e-9
    assert dA_cross_entropy(A, Y)[0, 0] == pytest.approx(-1 / 0.3, rel=1e-15)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "linear"])
def test_g_prime_from_Z_is_the_derivative_from_A(activation):
    Z = np.linspace(-5.0, 5.0, 11).reshape(1, -1)
    A = g(Z, activation)
    from_A = {"sigmoid": A * (1 - A), "tanh": 1 - A**2, "linear": np.ones_like(A)}[activation]
    np.testing.assert_allclose(g_prime(Z, activation), from_A, rtol=1e-12)


def test_losses_are_the_formulas_entry_by_entry():
    A, Y = np.array([[0.25, 0.5]]), np.array([[1.0, 0.0]])
    np.testing.assert_allclose(cross_entropy(A, Y), [[np.log(4), np.log(2)]], rtol=1e-15)
    np.testing.assert_allclose(squared_error(A, Y), [[0.28125, 0.125]], rtol=1e-15)
    np.testing.assert_array_equal(g(np.array([[0.0]]), "sigmoid"), sigma(np.array([[0.0]])))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: dA_cross_entropy([[0.5, 1.0]], [[1.0, 1.0]]), r"A must lie in \(0, 1\), but A\[0, 1\] = 1.0"),
        (lambda: dA_cross_entropy([[0.5]], [[1.5]]), r"Y must lie in \[0, 1\]"),
        (lambda: cross_entropy([[0.5, 0.5]], [[1.0]]), r"Y must have the shape of A \(1, 2\), got shape \(1, 1\)"),
        (lambda: squared_error([0.5, 0.5], [0.0, 1.0]), r"A must have shape \(n_L, m\)"),
        (lambda: dA_squared_error(np.ones((1, 0)), np.ones((1, 0))), r"n_L, m >= 1, got shape \(1, 0\)"),
        (lambda: dZ_matched(0.5, 0.0), r"A must have shape \(n_L, m\) with n_L, m >= 1, got shape \(\)"),
        (lambda: dZ_matched([[0.5]], 0.0), r"Y must have shape \(n_L, m\)"),
        (
            lambda: cross_entropy([[0.5, 0.5]], [[1.0], [0.0]]),
            r"Y must have the shape of A \(1, 2\), got shape \(2, 1\)",
        ),
        (lambda: g([[1.0 + 1j]], "tanh"), r"Z must be real numbers, got complex"),
        (lambda: dZ_chain([[1.0]], [[2j]], "tanh"), r"Z must be real numbers, got complex"),
        (lambda: dZ_chain(np.ones((3, 1)), np.ones((1, 3)), "tanh"), r"dA and Z must have the same shape"),
        (lambda: dZ_matched([[np.nan]], [[0.0]]), r"A contains NaN"),
        (lambda: dZ_matched([[0.5]], [[np.inf]]), r"Y must be finite"),
        (lambda: dZ_chain(np.ones((1, 3)), np.ones((1, 2)), "sigmoid"), r"dA and Z must have the same shape"),
        (lambda: dZ_chain(np.ones((1, 2)), np.ones((1, 2)), "relu"), r"activation must be one of .*'relu'"),
        (lambda: g([[1.0]], "softmax"), r"activation must be one of"),
        (lambda: g_prime("z", "tanh"), r"Z must be real numbers"),
    ],
)
def test_bad_arguments_are_named_in_a_ValueError(call, message):
    with pytest.raises(ValueError, match=message):
        call()
