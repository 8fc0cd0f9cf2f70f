"""The vectorised cost and gradients: shapes, bad arguments, central differences and autograd."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad

from snippets import vectorised
from snippets.gradcheck import central_difference, relative_error
from snippets.logistic import loss, sigma
from snippets.vectorised import J, Problem, db, dw, dZ

# (n_x, m): a single example, a single feature, and wider and taller problems.
SHAPES = [(1, 1), (3, 1), (1, 4), (2, 2), (4, 7), (7, 3)]


def gradients(w, b, X, Y):
    """The site's (dw, db), from gradients(Problem)."""
    found = vectorised.gradients(Problem(X=X, Y=Y, w=w, b=b))
    return found["dJ/dw"], found["dJ/db"]


def problem(rng, n_x, m):
    return rng.normal(size=(n_x, 1)), float(rng.normal()), rng.normal(size=(n_x, m)), rng.uniform(size=(1, m))


def autograd_J(w, b, X, Y):
    """The cost written a second time, from the definition, for autograd to differentiate."""
    A = 1 / (1 + anp.exp(-(anp.dot(w.T, X) + b)))
    return -anp.mean(Y * anp.log(A) + (1 - Y) * anp.log(1 - A))


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("seed", range(3))
def test_gradients_agree_with_central_differences_of_J(shape, seed):
    w, b, X, Y = problem(np.random.default_rng(seed), *shape)
    dw, db = gradients(w, b, X, Y)
    assert dw.shape == w.shape and isinstance(db, float)
    assert relative_error(dw, central_difference(lambda t: J(t, b, X, Y), w)) < 1e-7
    assert relative_error(db, central_difference(lambda t: J(w, t, X, Y), np.array(b))) < 1e-7


@pytest.mark.parametrize("shape", SHAPES, ids=str)
@pytest.mark.parametrize("seed", range(3))
def test_gradients_agree_with_autograd(shape, seed):
    w, b, X, Y = problem(np.random.default_rng(seed), *shape)
    dw, db = gradients(w, b, X, Y)
    assert relative_error(dw, grad(autograd_J, 0)(w, b, X, Y)) < 1e-12
    assert relative_error(db, grad(autograd_J, 1)(w, b, X, Y)) < 1e-12
    assert J(w, b, X, Y) == pytest.approx(float(autograd_J(w, b, X, Y)), rel=1e-12)


def test_J_is_the_mean_of_the_one_example_losses():
    w, b, X, Y = problem(np.random.default_rng(0), 3, 5)
    A = sigma(w.T @ X + b)
    assert J(w, b, X, Y) == pytest.approx(float(loss(A, Y).mean()), rel=1e-14)


def test_m_equal_1_gives_the_one_example_gradients():
    w, b, X, Y = problem(np.random.default_rng(1), 2, 1)
    dw, db = gradients(w, b, X, Y)
    dz = sigma(w.T @ X + b) - Y
    np.testing.assert_allclose(dw, X * dz, rtol=1e-15)
    assert db == pytest.approx(float(dz[0, 0]), rel=1e-15)


def test_J_and_gradients_stay_finite_where_a_rounds_to_0_or_1():
    X = np.array([[50.0, -50.0, 800.0]])
    Y = np.array([[0.0, 1.0, 1.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):  # e^{-800} may underflow to 0
        cost = J(np.ones((1, 1)), 0.0, X, Y)
        dw, db = gradients(np.ones((1, 1)), 0.0, X, Y)
    assert cost == pytest.approx(100 / 3, rel=1e-12)  # L = |z| when the prediction is confidently wrong
    assert np.isfinite(dw).all() and np.isfinite(db)


@pytest.mark.parametrize(
    ("w", "b", "X", "Y", "message"),
    [
        (np.ones(2), 0.0, np.ones((2, 3)), np.ones((1, 3)), r"w must have shape \(n_x, 1\) = \(2, 1\)"),
        (np.ones((3, 1)), 0.0, np.ones((2, 3)), np.ones((1, 3)), r"w must have shape"),
        (np.ones((2, 1)), [0.0, 1.0], np.ones((2, 3)), np.ones((1, 3)), r"b must be one number"),
        (np.ones((2, 1)), 0.0, np.ones(3), np.ones((1, 3)), r"X must have shape \(n_x, m\)"),
        (np.ones((2, 1)), 0.0, np.ones((2, 0)), np.ones((1, 0)), r"m >= 1"),
        (np.ones((2, 1)), 0.0, np.ones((2, 3)), np.ones(3), r"Y must have shape \(1, m\) = \(1, 3\)"),
        (np.ones((2, 1)), 0.0, np.ones((2, 3)), np.ones((3, 1)), r"Y must have shape"),
        (np.ones((2, 1)), 0.0, np.ones((2, 3)), [[0.0, 2.0, 1.0]], r"Y must lie in \[0, 1\], but Y\[0, 1\] = 2.0"),
        (np.ones((2, 1)), 0.0, [[1.0, np.nan, 0.0], [0, 0, 0]], np.ones((1, 3)), r"X contains NaN"),
        (np.ones((2, 1)), np.inf, np.ones((2, 3)), np.ones((1, 3)), r"b must be finite"),
        (np.array([[1.0], [-np.inf]]), 0.0, np.ones((2, 3)), np.ones((1, 3)), r"w must be finite, but w\[1, 0\]"),
        (np.ones((2, 1)), 0.0, "abc", np.ones((1, 3)), r"X must be real numbers"),
    ],
)
@pytest.mark.parametrize("f", [J, gradients], ids=["J", "gradients"])
def test_bad_arguments_are_named_in_a_ValueError(f, w, b, X, Y, message):
    with pytest.raises(ValueError, match=message):
        f(w, b, X, Y)


def test_gradients_takes_a_Problem_and_returns_named_gradients():
    w, b, X, Y = problem(np.random.default_rng(2), 3, 4)
    found = vectorised.gradients(Problem(X=X, Y=Y, w=w, b=b))
    assert list(found) == ["dJ/dw", "dJ/db"] and found["dJ/dw"].shape == (3, 1) and isinstance(found["dJ/db"], float)
    with pytest.raises(ValueError, match=r"problem must be a vectorised.Problem\(X, Y, w, b\), got tuple"):
        vectorised.gradients((w, b, X, Y))


def test_the_three_formulas_are_the_course_s():
    A, Y, X = np.array([[0.25, 0.5, 0.75]]), np.array([[0.0, 1.0, 1.0]]), np.array([[1.0, 2.0, 3.0], [0.0, 1.0, 0.0]])
    np.testing.assert_allclose(dZ(A, Y), [[0.25, -0.5, -0.25]])
    np.testing.assert_allclose(dw(X, dZ(A, Y)), [[(0.25 - 1.0 - 0.75) / 3], [-0.5 / 3]])
    assert db(dZ(A, Y)) == pytest.approx(-0.5 / 3)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: dZ(np.full((1, 4), 0.5), np.ones((4, 1))),
            r"A and Y must have the same shape .* A \(1, 4\), Y \(4, 1\)",
        ),
        (lambda: dZ([[1.5]], [[1.0]]), r"A must lie in \[0, 1\]"),
        (lambda: dZ([[0.5]], [[-1.0]]), r"Y must lie in \[0, 1\]"),
        (lambda: dZ([[0.5 + 1j]], [[1.0]]), r"A must be real numbers, got complex"),
        (lambda: dw(np.ones((2, 3)), np.ones((3, 1))), r"dZ must have shape \(1, m\) = \(1, 3\) to match X \(2, 3\)"),
        (lambda: dw(np.ones((2, 3)), np.ones((1, 4))), r"dZ must have shape \(1, m\) = \(1, 3\)"),
        (lambda: dw(np.ones(3), np.ones((1, 3))), r"X must have shape \(n_x, m\)"),
        (lambda: dw(np.ones((2, 3)), [[1.0, np.inf, 0.0]]), r"dZ must be finite"),
        (lambda: db(np.ones((2, 3))), r"dZ must have shape \(1, m\), one row, got shape \(2, 3\)"),
        (lambda: db(np.ones((1, 0))), r"dZ must have shape \(1, m\)"),
        (lambda: db(None), r"dZ must be real numbers"),
    ],
)
def test_each_formula_names_a_bad_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()
