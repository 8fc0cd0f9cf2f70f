"""Rows are examples: the row-convention code against the course's and autograd; the page's tables, evaluated."""

from __future__ import annotations

import re

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad

from checker.numeric import worst
from snippets import conventions, network, vectorised
from snippets.conventions import J_rows, dA_prev_rows, db_rows, dw_mean_in_dZ, dW_rows, dw_rows, dZ_mean, to_rows
from snippets.gradcheck import relative_error
from snippets.logistic import sigma
from snippets.pages import conventions as page
from support import ROOT

TEXT = (ROOT / "docs" / "practice" / "conventions.md").read_text()
CHECKS = [
    page.check_logistic_rows,
    page.check_network_transposed,
    page.check_rows_against_J,
    page.check_one_over_m,
    page.check_elementwise,
]
# ([n_0, ..., n_L], m): one layer, one example, deeper and wider.
SHAPES = [([1, 1], 1), ([3, 1], 4), ([2, 3, 1], 1), ([4, 5, 1], 6), ([3, 4, 2, 1], 2)]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("seed", range(10))
def test_page_checks_pass(check, seed):
    assert worst(check(np.random.default_rng(seed))) < 1e-7


def gradients_rows(params, X, Y, hidden="relu"):
    """The row convention's [(dW[1], db[1]), ...]."""
    return network.layers(conventions.gradients_rows(network.Problem(params, X, Y, hidden)))


def _course(params, X, Y, hidden):
    return network.layers(network.gradients(network.Problem(params, X, Y, hidden)))


def _logistic_rows(w, b, X, Y):
    found = conventions.logistic_gradients_rows(vectorised.Problem(X=X, Y=Y, w=w, b=b))
    return found["dJ/dw"], found["dJ/db"]


def _mean_in_dZ(w, b, X, Y):
    found = conventions.logistic_gradients_mean_in_dZ(vectorised.Problem(X=X, Y=Y, w=w, b=b))
    return found["dJ/dw"], found["dJ/db"]


def _network(seed, sizes, m):
    rng = np.random.default_rng(seed)
    return network.random_parameters(rng, sizes), rng.normal(size=(sizes[0], m)), rng.uniform(size=(1, m))


@pytest.mark.parametrize(("sizes", "m"), SHAPES, ids=str)
@pytest.mark.parametrize("hidden", ["relu", "tanh", "sigmoid", "leaky_relu"])
def test_rows_give_the_transposed_gradients_with_the_transposed_shapes(sizes, m, hidden):
    params, X, Y = _network(len(sizes) + m, sizes, m)
    rows = gradients_rows(to_rows(params), X.T, Y.T, hidden)
    for (W, b), (dW, db), (dW_r, db_r) in zip(params, _course(params, X, Y, hidden), rows, strict=True):
        assert dW_r.shape == W.T.shape and db_r.shape == b.T.shape  # (n_{l-1}, n_l) and (1, n_l)
        np.testing.assert_allclose(dW_r, dW.T, rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(db_r, db.T, rtol=1e-12, atol=1e-15)
    assert J_rows(to_rows(params), X.T, Y.T, hidden) == pytest.approx(network.J(params, X, Y, hidden), rel=1e-14)


def autograd_J_rows(params, X, Y):
    """J with one example per row, from the definition, for autograd: Z = A W + b, tanh, then the sigmoid."""
    A = X
    for l, (W, b) in enumerate(params, start=1):  # noqa: E741
        Z = anp.dot(A, W) + b
        A = anp.tanh(Z) if l < len(params) else 1 / (1 + anp.exp(-Z))
    return -anp.mean(Y * anp.log(A) + (1 - Y) * anp.log(1 - A))


@pytest.mark.parametrize(("sizes", "m"), SHAPES, ids=str)
def test_rows_gradients_agree_with_autograd(sizes, m):
    params, X, Y = _network(7, sizes, m)
    params, X, Y = to_rows(params), X.T, Y.T
    oracle = grad(autograd_J_rows)(params, X, Y)
    for (dW, db), (dW_oracle, db_oracle) in zip(gradients_rows(params, X, Y, "tanh"), oracle, strict=True):
        assert relative_error(dW, dW_oracle) < 1e-12 and relative_error(db, db_oracle) < 1e-12


@pytest.mark.parametrize(("n_x", "m"), [(1, 1), (3, 1), (2, 5), (6, 3)])
def test_logistic_rows_and_the_1_over_m_in_dZ_give_the_courses_dw_and_db(n_x, m):
    rng = np.random.default_rng(n_x + m)
    w, b, X, Y = rng.normal(size=(n_x, 1)), float(rng.normal()), rng.normal(size=(n_x, m)), rng.uniform(size=(1, m))
    course = vectorised.gradients(vectorised.Problem(X=X, Y=Y, w=w, b=b))
    dw, db = course["dJ/dw"], course["dJ/db"]
    for dw_other, db_other in (_logistic_rows(w, b, X.T, Y.T), _mean_in_dZ(w, b, X, Y)):
        assert dw_other.shape == (n_x, 1)
        np.testing.assert_allclose(dw_other, dw, rtol=1e-13, atol=1e-16)
        assert db_other == pytest.approx(db, rel=1e-13, abs=1e-16)


@pytest.mark.parametrize(
    ("params", "X", "Y", "message"),
    [
        ([(np.ones((2, 1)), np.ones((1, 1)))], np.ones((2, 3)), np.ones((3, 1)), r"W1 must have shape \(n_0, n_1\)"),
        ([(np.ones((3, 1)), np.ones((1, 1)))], np.ones((3, 2)), np.ones((3, 1)), r"W1 must have shape"),
        ([(np.ones((2, 1)), np.ones((1, 2)))], np.ones((3, 2)), np.ones((3, 1)), r"b1 must have shape \(1, n_1\)"),
        ([(np.ones((2, 3)), np.ones((1, 3)))], np.ones((3, 2)), np.ones((3, 1)), r"output layer must have 1 unit"),
        ([(np.ones((2, 1)), np.ones((1, 1)))], np.ones((3, 2)), np.ones((1, 3)), r"Y must have shape \(m, 1\)"),
        ([(np.ones((2, 1)), np.ones((1, 1)))], np.ones((3, 2)), 2 * np.ones((3, 1)), r"Y must lie in \[0, 1\]"),
        ([(np.ones((2, 1)), np.ones((1, 1)))], np.ones(3), np.ones((3, 1)), r"X must have shape \(m, n_0\)"),
        ([], np.ones((3, 2)), np.ones((3, 1)), r"params must be a non-empty list"),
        ([(np.ones((2, 1)),)], np.ones((3, 2)), np.ones((3, 1)), r"params\[0\] must be a pair"),
    ],
)
@pytest.mark.parametrize("f", [J_rows, gradients_rows], ids=["J_rows", "gradients_rows"])
def test_bad_network_arguments_are_named(f, params, X, Y, message):
    with pytest.raises(ValueError, match=message):
        f(params, X, Y)


@pytest.mark.parametrize(
    ("w", "b", "X", "Y", "message"),
    [
        (np.ones((3, 1)), 0.0, np.ones((3, 2)), np.ones((3, 1)), r"w must have shape \(n_x, 1\) = \(2, 1\)"),
        (np.ones((2, 1)), [0.0, 1.0], np.ones((3, 2)), np.ones((3, 1)), r"b must be one number"),
        (np.ones((2, 1)), 0.0, np.ones((3, 2)), np.ones((1, 3)), r"Y must have shape \(m, 1\) = \(3, 1\)"),
        (np.ones((2, 1)), 0.0, np.ones(2), np.ones((3, 1)), r"X must have shape \(m, n_x\)"),
    ],
)
def test_bad_logistic_arguments_are_named(w, b, X, Y, message):
    with pytest.raises(ValueError, match=message):
        _logistic_rows(w, b, X, Y)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: dw_rows(np.ones((3, 2)), np.ones((4, 1))), r"X and dZ must have one row per example, the same m"),
        (lambda: dW_rows(np.ones((3, 2)), np.ones((2, 4))), r"A_prev and dZ must have one row per example"),
        (lambda: db_rows(np.ones(3)), r"dZ must have shape \(m, n_l\)"),
        (lambda: dA_prev_rows(np.ones((3, 4)), np.ones((2, 3))), r"dZ has 4 columns \(units n_l\) but W has 3"),
        (lambda: dZ_mean(np.full((1, 3), 0.5), np.ones((3, 1))), r"A and Y must have the same shape"),
        (lambda: dZ_mean([[1.5]], [[1.0]]), r"A must lie in \[0, 1\]"),
        (lambda: dw_mean_in_dZ(np.ones((2, 3)), np.ones((1, 2))), r"dZ must have shape \(1, m\) = \(1, 3\)"),
        (lambda: to_rows([(np.ones((2, 3)), np.ones((3, 1)))]), r"b1 must have shape \(2, 1\) to match W1 \(2, 3\)"),
        (lambda: to_rows([(np.ones(3), np.ones((3, 1)))]), r"W1 must have shape \(n_1, n_0\)"),
        (lambda: to_rows([(np.ones((2, 3)) * 1j, np.ones((2, 1)))]), r"W1 must be real numbers, got complex"),
        (lambda: to_rows("W"), r"params must be a non-empty list"),
        (lambda: J_rows([(np.ones((2, 1)), np.ones((1, 1)))], np.ones((3, 4)), np.ones((3, 1))), r"because X \(3, 4\)"),
        (
            lambda: J_rows([(np.ones((4, 1)), np.ones((1, 1)))], np.ones((3, 4)), np.ones((3, 1)), "swish"),
            r"hidden must",
        ),
        (lambda: conventions.gradients_rows((1, 2)), r"problem must be a network.Problem, got tuple"),
    ],
)
def test_each_row_formula_names_a_bad_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_row_formulas_are_the_course_s_transposed():
    rng = np.random.default_rng(5)
    A_prev, dZ, W = rng.normal(size=(3, 6)), rng.normal(size=(2, 6)), rng.normal(size=(2, 3))  # course: columns
    np.testing.assert_allclose(dW_rows(A_prev.T, dZ.T), network.dW(dZ, A_prev).T, rtol=1e-14)
    np.testing.assert_allclose(db_rows(dZ.T), network.db(dZ).T, rtol=1e-14)
    np.testing.assert_allclose(dA_prev_rows(dZ.T, W.T), network.dA_prev(W, dZ).T, rtol=1e-14)


# -- the page's tables, evaluated --------------------------------------------------------------


def _table_rows(heading: str) -> dict[str, list[str]]:
    """The table under a table heading row: first cell -> the backticked code of the other cells."""
    start = TEXT.index(heading)
    rows = {}
    for line in TEXT[start:].splitlines()[2:]:
        if not line.startswith("|"):
            break
        first, *cells = [c.strip() for c in line.strip("|").split("|")]
        rows[first] = [re.fullmatch(r"`([^`]*)`", c)[1] if c.startswith("`") else c for c in cells]
    return rows


def _layer(seed=0, n_prev=3, n=4, m=5):
    """A layer in the course's convention: W (n, n_prev), b, A_prev (n_prev, m), dZ (n, m); and X, dZ for logistic."""
    rng = np.random.default_rng(seed)
    return {
        "W": rng.normal(size=(n, n_prev)),
        "b": rng.normal(size=(n, 1)),
        "A_prev": rng.normal(size=(n_prev, m)),
        "dZ": rng.normal(size=(n, m)),
        "X": rng.normal(size=(n_prev, m)),
        "m": m,
    }


def test_the_formulas_table_is_the_course_and_its_transpose():
    table = _table_rows("| | this course | rows are examples |")
    course = _layer()
    rows = {name: value.T if isinstance(value, np.ndarray) else value for name, value in course.items()}
    rows["dZ_logistic"] = course["dZ"][:1].T
    checked = 0
    for name, (in_course, in_rows) in table.items():
        if not re.fullmatch(r"[\w .@/+()]+", in_course):
            continue  # a cell in words: the db row
        left = eval(in_course, {}, course | ({"dZ": course["dZ"][:1]} if "logistic" in name else {}))
        right = eval(in_rows.replace("dZ", "dZ_logistic") if "logistic" in name else in_rows, {}, rows)
        # The same numbers, transposed; logistic dw is (n_x, 1) in both.
        np.testing.assert_allclose(right, left if "logistic" in name else left.T, rtol=1e-14)
        checked += 1
    assert checked == 4  # forward, dW, dA_prev, logistic dw


def test_the_one_over_m_table_gives_the_same_dW():
    table = _table_rows("| | this course | automatic differentiation |")
    rng = np.random.default_rng(3)
    m = 6
    A, Y, A_prev = sigma(rng.normal(size=(1, m))), rng.uniform(size=(1, m)), rng.normal(size=(4, m))
    course_dZ = eval(table["`dZ`"][0], {}, {"A": A, "Y": Y, "m": m})
    other_dZ = eval(table["`dZ`"][1], {}, {"A": A, "Y": Y, "m": m})
    np.testing.assert_allclose(other_dZ, course_dZ / m, rtol=1e-15)
    dW = eval(table["`dW`"][0], {}, {"dZ": course_dZ, "A_prev": A_prev, "m": m})
    dW_other = eval(table["`dW`"][1], {}, {"dZ": other_dZ, "A_prev": A_prev, "m": m})
    np.testing.assert_allclose(dW_other, dW, rtol=1e-14)


def test_np_dot_instead_of_star_runs_when_n_equals_m_and_is_wrong():
    # The page's warning: with n_l = m the shapes fit a matrix product, and the result is not dA * g'(Z).
    rng = np.random.default_rng(0)
    dA, Z = rng.normal(size=(3, 3)), rng.normal(size=(3, 3))
    g_prime = 1 - np.tanh(Z) ** 2
    assert np.dot(dA, g_prime).shape == (3, 3)
    assert relative_error(np.dot(dA, g_prime), dA * g_prime) > 0.1
