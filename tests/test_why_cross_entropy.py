"""Why cross-entropy: the second derivatives, the page's checks and numbers, each shown failing on what it guards."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest

from checker import numeric
from checker.document import CheckFailure, check_source
from checker.latex import StepError
from pipeline import figures
from snippets import squared_error
from snippets.pages import two_valleys as valleys
from snippets.pages import why_cross_entropy as page
from support import ROOT

PAGE = ROOT / "docs/logistic-regression/why-cross-entropy.md"
CHECKS = ["check_squared_error_bends_down", "check_cross_entropy_bends_up"]


@pytest.mark.parametrize("name", CHECKS)
def test_each_check_passes(name):
    assert numeric.run(f"snippets.pages.why_cross_entropy:{name}").worst < numeric.LIMIT


def test_the_formulas_on_a_case_worked_by_hand():
    # a = 1/2, y = 1, x = 2: E'' = 4 (1/4)(1/4 + (-1/2)(0)) = 1/4; L'' = 4 (1/4) = 1.
    assert squared_error.d2E_dw2(0.5, 1.0, 2.0) == pytest.approx(0.25)
    assert squared_error.d2L_dw2(0.5, 2.0) == pytest.approx(1.0)
    # a = 0.1, y = 1, x = 1: x^2 a (1 - a)^2 (3a - 1) = 0.1 * 0.81 * (-0.7) < 0, the factored form on the page.
    assert squared_error.d2E_dw2(0.1, 1.0, 1.0) == pytest.approx(0.1 * 0.81 * -0.7)
    assert squared_error.d2L_dw2(np.array([0.0, 1.0]), np.array([3.0, -3.0])).tolist() == [0.0, 0.0]


def _fails(name: str, monkeypatch, attribute: str, wrong) -> str:
    monkeypatch.setattr(page, attribute, wrong)
    with pytest.raises(StepError) as info:
        numeric.run(f"snippets.pages.why_cross_entropy:{name}")
    return str(info.value)


def test_the_squared_error_check_fails_without_the_term_that_bends_down(monkeypatch):
    # x^2 (a(1 - a))^2, the part that is never negative, is a plausible half of the product rule.
    message = _fails(CHECKS[0], monkeypatch, "d2E_dw2", lambda a, y, x: np.square(x) * (a * (1 - a)) ** 2)
    assert "is above 1e-07" in message and "central differences of J at 60 digits" in message


def test_the_squared_error_check_fails_with_a_sign_slip(monkeypatch):
    wrong = lambda a, y, x: np.square(x) * a * (1 - a) * (a * (1 - a) - (a - y) * (1 - 2 * a))  # noqa: E731
    assert "is above 1e-07" in _fails(CHECKS[0], monkeypatch, "d2E_dw2", wrong)


def test_the_cross_entropy_check_fails_with_x_for_x_squared(monkeypatch):
    assert "is above 1e-07" in _fails(CHECKS[1], monkeypatch, "d2L_dw2", lambda a, x: x * a * (1 - a))


def test_the_page_data_must_bend_down_somewhere(monkeypatch):
    # One example on the right side of the sigmoid: on [-6, 6] its J bends up everywhere, and the claim fails.
    monkeypatch.setattr(page, "X_PAGE", np.array([0.1]))
    monkeypatch.setattr(page, "Y_PAGE", np.array([1.0]))
    monkeypatch.setattr(page, "B_PAGE", 3.0)
    message = _fails(CHECKS[0], monkeypatch, "d2E_dw2", squared_error.d2E_dw2)
    assert "keeps one sign on (-6.0, 6.0)" in message


def test_the_cross_entropy_check_fails_if_the_independent_J_bends_down(monkeypatch):
    # The guard looks at the central differences, not at the site's formula: give it a J that bends down.
    right = page._J
    monkeypatch.setattr(page, "_J", lambda w, x, y, b, loss: right(w, x, y, b, "squared"))
    message = _fails(CHECKS[1], monkeypatch, "d2L_dw2", squared_error.d2L_dw2)
    assert "J'' with cross-entropy is negative" in message


def test_the_central_difference_is_the_second_derivative():
    # J = (1/2)(sigma(w) - 1)^2 for x = 1, y = 1, b = 0: its second derivative by mpmath's own diff.
    x, y = np.array([1.0]), np.array([1.0])
    for w in (-2.0, 0.3, 1.7):
        exact = mpmath.diff(lambda t: (1 / (1 + mpmath.exp(-t)) - 1) ** 2 / 2, w, 2)
        assert page._second_difference(w, x, y, 0.0, "squared") == pytest.approx(float(exact), rel=1e-12)


def _dJ_exact(w: float) -> float:
    """dJ/dw of the squared error on the page's data, by mpmath's diff of the page's mpmath J at 40 digits."""
    with mpmath.workdps(40):
        return float(mpmath.diff(lambda t: page._J(t, page.X_PAGE, page.Y_PAGE, page.B_PAGE, "squared"), w))


@pytest.mark.parametrize("name", ["w_worse_minimum", "w_best_minimum", "w_hump"])
def test_the_printed_stationary_points_are_where_mpmath_finds_a_zero_slope(name):
    w = getattr(valleys, name)()
    with mpmath.workdps(40):
        root = mpmath.findroot(_dJ_exact, w)
    assert float(root) == pytest.approx(w, abs=1e-9)


def test_the_valleys_are_minima_and_the_hump_a_maximum():
    bends = {
        w: valleys._d2J_page(w, "squared")
        for w in (valleys.w_worse_minimum(), valleys.w_best_minimum(), valleys.w_hump())
    }
    assert bends[valleys.w_worse_minimum()] > 0 and bends[valleys.w_best_minimum()] > 0 and bends[valleys.w_hump()] < 0
    assert valleys.w_worse_minimum() < valleys.w_hump() < valleys.w_best_minimum()
    assert valleys.J_worse_minimum() > valleys.J_best_minimum()
    assert [kind for _, kind in valleys._stationary("cross-entropy")] == ["minimum"]


def test_the_slowdown_is_one_over_a_times_1_minus_a():
    # 1 / (sigma(-6) sigma(6)) = (1 + e^6)(1 + e^-6) = 2 + e^6 + e^-6.
    assert page.slowdown_at_minus_6() == pytest.approx(2 + math.exp(6) + math.exp(-6), rel=1e-12)
    assert page.a_at_minus_6() == pytest.approx(1 / (1 + math.exp(6)), rel=1e-15)
    rows = page.slowdown_table().splitlines()
    assert len(rows) == 2 + len(page.SLOWDOWN_Z) and rows[4].startswith("| 0.119 | −0.881 | −0.0925 |")


def test_gradient_descent_ends_in_the_valley_of_its_start_and_the_squared_error_is_slow():
    # Left of the hump the squared error ends in the higher valley; the cross-entropy, from both, in its one valley.
    assert valleys._steps(valleys.START_LEFT, "squared")[1] == pytest.approx(
        valleys.w_worse_minimum(), abs=valleys.NEAR
    )
    assert valleys._steps(valleys.START_RIGHT, "squared")[1] == pytest.approx(
        valleys.w_best_minimum(), abs=valleys.NEAR
    )
    for start in (valleys.START_LEFT, valleys.START_RIGHT):
        w = valleys._steps(start, "cross-entropy")[1]
        assert w == pytest.approx(valleys.w_cross_entropy_minimum(), abs=valleys.NEAR)
    assert valleys.steps_squared_left() > 10 * valleys.steps_cross_entropy_left()
    assert valleys.steps_squared_right() > 100 * valleys.steps_cross_entropy_right()


def test_the_step_count_is_the_same_with_mpmath_gradients():
    # The same descent, each step's dJ/dw from mpmath's diff of the page's mpmath J: the same number of steps.
    def steps(start: float) -> int:
        w, floor = start, valleys.w_worse_minimum()
        for step in range(1, 1000):
            w -= _dJ_exact(w)
            if abs(w - floor) < valleys.NEAR:
                return step
        raise AssertionError("no valley")

    assert steps(valleys.START_LEFT) == valleys.steps_squared_left()


def test_a_descent_that_reaches_no_valley_is_an_error(monkeypatch):
    monkeypatch.setattr(valleys, "MOST_STEPS", 10)
    with pytest.raises(ValueError, match="reached no valley in 10 steps"):
        valleys.steps_squared_left()


def test_the_figure_draws_what_the_page_prints():
    drawn = valleys.figure_two_costs()
    assert f"w = {valleys._w(valleys.w_worse_minimum())}" in drawn.description
    assert f"hump at w = {valleys._w(valleys.w_hump())}" in drawn.description
    assert f"lowest at w = {valleys._w(valleys.w_cross_entropy_minimum())}" in drawn.description
    html = figures.render("snippets.pages.two_valleys:figure_two_costs")  # the colours and ids pass
    assert html.count("<svg") == 1 and "var(--figure-ink)" in html


def test_the_page_fails_when_the_second_derivative_drops_a_term():
    source = PAGE.read_text()
    right = r"\frac{d^2 E}{dw^2} = x^2 a(1 - a) \\ \cdot \left(a(1 - a) + (a - y)(1 - 2a)\right)"
    wrong = source.replace(right, r"\frac{d^2 E}{dw^2} = x^2 a^2 (1 - a)^2", 1)
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"why-cross-entropy\.md:\d+: step 'one-weight'"):
        check_source(str(PAGE), wrong)


def test_the_page_fails_when_the_squared_error_claims_a_minus_y():
    source = PAGE.read_text()
    wrong = source.replace(r"= (a - y) a (1 - a)", "= a - y", 1)
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"step 'gradient'"):
        check_source(str(PAGE), wrong)


def test_the_page_fails_when_the_line_through_w_and_b_forgets_the_square():
    source = PAGE.read_text()
    wrong = source.replace(r"\frac{d^2 L}{dt^2} = (u x + v)^2 a(1 - a)", r"\frac{d^2 L}{dt^2} = (u x + v) a(1 - a)", 1)
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"step 'convex'"):
        check_source(str(PAGE), wrong)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: squared_error.d2E_dw2(1.5, 1.0, 1.0), r"a must lie in \[0, 1\]"),
        (lambda: squared_error.d2E_dw2(0.5, -0.5, 1.0), r"y must lie in \[0, 1\]"),
        (lambda: squared_error.d2E_dw2([0.5, 0.5], [1.0, 0.0, 1.0], 1.0), "same shape"),
        (lambda: squared_error.d2L_dw2(0.5, np.inf), "x must be finite"),
        (lambda: squared_error.d2L_dw2([[0.5], [0.5]], [[1.0, 2.0]]), "same shape"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_page_describes_the_training_set_the_code_uses():
    # The page writes the data in words (single digits are not printed from code): they must be the code's.
    def shown(values) -> str:
        return ", ".join(f"{v:g}" for v in values)

    text = PAGE.read_text()
    assert f"\\(x = {shown(page.X_PAGE)}\\) and\nlabels \\({shown(page.Y_PAGE)}\\)" in text
    assert f"the bias held at \\(b = {page.B_PAGE:g}\\)" in text
