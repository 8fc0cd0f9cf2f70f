"""The gradient-checking page: its checks, its measured table and numbers, float32, kinks, the layer-by-layer check."""

from __future__ import annotations

import re

import numpy as np
import pytest

from checker.numeric import worst
from snippets import network
from snippets.activations import relu, relu_prime
from snippets.gradcheck import central_difference, relative_error
from snippets.pages import gradient_checking as page
from snippets.vectorised import J, Problem, gradients
from support import ROOT

TEXT = " ".join((ROOT / "docs" / "practice" / "gradient-checking.md").read_text().split())
CHECKS = [page.check_two_sided, page.check_one_sided, page.check_default_eps, page.check_kink]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("seed", range(10))
def test_page_checks_pass(check, seed):
    assert worst(check(np.random.default_rng(seed))) < 1e-7


def test_one_sided_difference_is_first_order():
    x = np.array([0.3, -1.2, 2.0])

    def f(t):
        return float(np.sum(t**3))

    errors = [np.max(np.abs(page.forward_difference(f, x, eps) - 3 * x**2)) for eps in (1e-2, 1e-3)]
    # O(eps): a tenth of eps gives a tenth of the error; the central difference gives a hundredth.
    assert errors[0] / errors[1] == pytest.approx(10, rel=0.05)


@pytest.mark.parametrize(
    ("eps", "message"),
    [
        (0.0, "eps must be a positive finite number, got 0.0"),
        (-1e-5, "eps must be a positive finite number, got -1e-05"),
        (np.nan, "eps contains NaN"),
        (np.inf, "eps must be finite"),
        (1e-5 + 1j, "eps must be real numbers, got complex"),
        ("1e-5", "eps must be real numbers, got str"),
        ([1e-5, 1e-5], r"eps must be a single number, got shape \(2,\)"),
    ],
)
def test_forward_difference_names_a_bad_eps(eps, message):
    with pytest.raises(ValueError, match=message):
        page.forward_difference(lambda t: 0.0, np.zeros(2), eps)


def test_forward_difference_needs_a_function():
    with pytest.raises(ValueError, match="f must be a function of x, got float"):
        page.forward_difference(3.0, np.zeros(2))


def test_errors_needs_at_least_one_problem():
    with pytest.raises(ValueError, match="problems must be a whole number >= 1, got 0"):
        page.errors(np.random.default_rng(0), 1e-5, problems=0)


# -- the measured table and numbers --------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")


def _number(cell: str) -> float:
    """'4 × 10⁻⁶' or '1' as a float."""
    cell = cell.strip()
    if "×" not in cell:
        return float(cell)
    digit, power = cell.split("×")
    return float(f"{digit.strip()}e{power.strip().removeprefix('10').translate(_SUPERSCRIPT)}")


def _one_digit(x: float) -> float:
    """X rounded to one significant digit, as the page prints it."""
    return float(f"{x:.0e}")


def _table() -> list[tuple[float, list[float]]]:
    # The page's table is the one eps_table makes (a computed-table fence, pipeline/printed.py).
    assert "```computed-table snippets.pages.gradient_checking:eps_table ```" in TEXT
    rows = re.findall(r"\| \\\(10\^\{(-\d+)\}\\\) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|", page.eps_table())
    return [(float(f"1e{e}"), [_number(c) for c in cells]) for e, *cells in rows]


def test_the_page_has_the_table_of_measurements():
    assert [eps for eps, _ in _table()] == [1e-2, 1e-3, 1e-5, 1e-7]


@pytest.mark.parametrize("row", range(4))
def test_the_pages_table_is_what_the_code_measures(row):
    eps, (median_64, worst_64, median_32) = _table()[row]
    e64 = page.errors(np.random.default_rng(0), eps)
    e32 = page.errors(np.random.default_rng(0), eps, page.J_float32)
    assert [_one_digit(np.median(e64)), _one_digit(e64.max()), _one_digit(np.median(e32))] == [
        median_64,
        worst_64,
        median_32,
    ]


def test_eps_1e7_lets_rounding_past_the_courses_fine_and_1e5_does_not():
    # Five draws of 200 problems, as the page says; the worst error of each draw.
    worst_7 = [page.errors(np.random.default_rng(seed), 1e-7).max() for seed in range(5)]
    worst_5 = [page.errors(np.random.default_rng(seed), 1e-5).max() for seed in range(5)]
    assert min(worst_7) >= 1e-7 and max(worst_5) < 1e-8
    assert min(w7 / w5 for w7, w5 in zip(worst_7, worst_5, strict=True)) > 10
    # The page prints these four with [number]{= ...}, which the build checks against these functions.
    assert page.worst_at_course_eps() == [min(worst_7), max(worst_7)]
    assert page.worst_at_site_eps() == [min(worst_5), max(worst_5)]
    assert "was between \\([1 \\times 10^{-7}]{= snippets.pages.gradient_checking:worst_at_course_eps[0]}\\)" in TEXT


def _args(p: Problem):
    return p.w, p.b, p.X, p.Y


def test_the_worst_problems_have_a_small_gradient():
    rng = np.random.default_rng(0)
    problems = [page.logistic_problem(rng) for _ in range(page.PROBLEMS)]
    worst_problem = max(problems, key=lambda p: page.error_of_check(p, 1e-7))
    found = gradients(worst_problem)
    assert min(np.abs(found["dJ/dw"]).min(), abs(found["dJ/db"])) < 1e-2 < J(*_args(worst_problem))


def test_no_eps_gets_a_float32_check_to_the_courses_fine():
    steps = np.logspace(-1, -7, 13)
    medians = [np.median(page.errors(np.random.default_rng(1), eps, page.J_float32, problems=50)) for eps in steps]
    assert min(medians) > 1e-6


def test_J_float32_is_J_to_float32_precision_and_no_better():
    rng = np.random.default_rng(2)
    problems = [_args(page.logistic_problem(rng)) for _ in range(20)]
    gaps = [abs(page.J_float32(*p) - J(*p)) / J(*p) for p in problems]
    assert max(gaps) < 1e-6  # float32 keeps about 7 digits
    assert max(gaps) > 1e-10  # and it is not float64 in disguise


def test_J_float32_names_a_bad_argument():
    with pytest.raises(ValueError, match=r"w must have shape \(n_x, 1\)"):
        page.J_float32(np.ones(2), 0.0, np.ones((2, 3)), np.ones((1, 3)))


# -- kinks -------------------------------------------------------------------------------------


def test_at_the_kink_the_central_difference_is_one_half_and_the_check_fails():
    by_difference = central_difference(lambda z: relu(z).sum(), np.zeros(1))
    assert by_difference[0] == 0.5
    # The backward pass's mask says 0 at z = 0: the course's worst verdict, for a correct gradient.
    assert relative_error(relu_prime(np.zeros(1)), by_difference) == 1.0


def test_a_kink_more_than_eps_away_does_not_matter():
    z = np.array([-3e-5, 2e-5])
    assert relative_error(relu_prime(z), central_difference(lambda t: relu(t).sum(), z)) < 1e-10


# -- a deep network, layer by layer -------------------------------------------------------------

NETWORKS = [([3, 1], 1), ([4, 3, 1], 1), ([2, 4, 4, 1], 5), ([5, 4, 3, 2, 1], 8)]


@pytest.mark.parametrize(("sizes", "m"), NETWORKS, ids=str)
@pytest.mark.parametrize("hidden", ["tanh", "sigmoid", "relu"])
def test_every_layer_passes_the_check(sizes, m, hidden):
    rng = np.random.default_rng(len(sizes) * 10 + m)
    params = network.random_parameters(rng, sizes)
    X, Y = rng.normal(size=(sizes[0], m)), rng.uniform(size=(1, m))
    found = page.layer_errors(params, X, Y, hidden)
    assert len(found) == len(sizes) - 1
    assert max(max(pair) for pair in found) < 1e-7


def test_a_bug_in_one_layer_shows_in_that_layer_only():
    rng = np.random.default_rng(2)
    sizes, m = [5, 8, 6, 4, 2, 1], 20
    params = network.random_parameters(rng, sizes)
    X, Y = rng.normal(size=(sizes[0], m)), rng.uniform(size=(1, m))
    broken = network.layers(network.gradients(network.Problem(params, X, Y, "tanh")))
    broken[0] = (broken[0][0], m * broken[0][1])  # db[1] without its 1/m
    found = page.layer_errors(params, X, Y, "tanh", grads=broken)
    assert found[0][1] > 1e-3  # the course's "very likely a bug"
    assert max(found[0][0], *(max(pair) for pair in found[1:])) < 1e-7


def test_layer_errors_needs_one_gradient_per_layer():
    rng = np.random.default_rng(0)
    params = network.random_parameters(rng, [2, 3, 1])
    X, Y = rng.normal(size=(2, 4)), rng.uniform(size=(1, 4))
    with pytest.raises(ValueError, match="grads must hold one"):
        page.layer_errors(params, X, Y, grads=network.layers(network.gradients(network.Problem(params, X, Y)))[:1])


# -- gradcheck's arguments --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: central_difference("f", np.zeros(2)), r"f must be a function of x, got str"),
        (lambda: central_difference(lambda t: 0.0, np.zeros(2), "1e-5"), r"eps must be a positive finite number"),
        (lambda: central_difference(lambda t: 0.0, np.zeros(2), True), r"eps must be a positive finite number"),
        (lambda: central_difference(lambda t: 0.0, [1 + 2j]), r"x must be real numbers, got complex"),
        (lambda: central_difference(lambda t: np.inf if t[0] > 0 else 0.0, np.zeros(1)), r"f is not finite within eps"),
        (lambda: relative_error([np.inf], [np.inf]), r"grad must be finite"),
        (lambda: relative_error(np.ones((3, 1)), np.ones((1, 3))), r"grad has shape \(3, 1\) but approx has shape"),
        (lambda: page.compared((1, 2), 1e-5), r"p must be a vectorised.Problem, got tuple"),
        (
            lambda: page.compared(page.logistic_problem(np.random.default_rng(0)), 1e-5, cost=3.0),
            r"cost must be a function cost\(w, b, X, Y\), got float",
        ),
        (lambda: page.logistic_problem(0), r"rng must be a numpy.random.Generator"),
    ],
)
def test_a_bad_argument_of_the_checking_code_is_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
