"""Multi-label output: the cost and dZ = A - Y, the page's checks, and each check failing on the formula it guards."""

from __future__ import annotations

import numpy as np
import pytest

from checker import numeric
from checker.document import CheckFailure, check_source
from checker.latex import StepError
from snippets import multi_label, softmax
from snippets.gradcheck import central_difference, relative_error
from snippets.pages import multi_label as page
from support import ROOT

PAGE = ROOT / "docs/networks/multi-label.md"


@pytest.mark.parametrize("name", ["check_dZ", "check_cost"])
def test_each_check_passes(name):
    assert numeric.run(f"snippets.pages.multi_label:{name}").worst < numeric.LIMIT


def test_the_formulas_on_a_case_worked_by_hand():
    # Z = 0: every a = 1/2, each unit's loss log 2 whatever its label; two units, two examples.
    Z, Y = np.zeros((2, 2)), np.array([[1.0, 0.0], [1.0, 1.0]])
    assert multi_label.cost(Z, Y) == pytest.approx(2 * np.log(2))
    assert np.allclose(multi_label.dZ(Z, Y), [[-0.5, 0.5], [-0.5, -0.5]])


def test_a_column_may_hold_several_1s_or_none():
    Z, Y = np.array([[3.0, -1.0], [2.0, 0.5], [-2.0, 1.0]]), np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 0.0]])
    assert np.allclose(multi_label.dZ(Z, Y), 1 / (1 + np.exp(-Z)) - Y)


def test_softmax_with_a_cat_and_a_dog_is_not_A_minus_Y_and_the_site_refuses_it():
    Z, Y = np.array([[0.3], [-0.2], [1.1]]), np.array([[1.0], [1.0], [0.0]])  # labels summing to 2
    true = central_difference(lambda t: softmax.cost(t, Y), Z)  # one example: dL/dZ = d(mJ)/dZ
    a = softmax.softmax(Z)
    assert relative_error(a - Y, true) > 0.1  # A - Y is far from the softmax's real gradient here
    assert np.allclose(true, a * Y.sum() - Y, atol=1e-8)  # the page's a_1 (y_1 + y_2 + y_3) - y_1, for each unit
    with pytest.raises(ValueError, match="must sum to 1 for dZ = A - Y"):
        softmax.gradient(Z, Y)


def _fails(name: str, monkeypatch, attribute: str, wrong) -> str:
    monkeypatch.setattr(page, attribute, wrong)
    with pytest.raises(StepError) as info:
        numeric.run(f"snippets.pages.multi_label:{name}")
    return str(info.value)


def test_check_dZ_fails_on_the_softmax_s_A_minus_Y(monkeypatch):
    wrong = lambda Z, Y: softmax.softmax(Z) - Y  # noqa: E731 (one probability shared between the units)
    assert "is above 1e-07" in _fails("check_dZ", monkeypatch, "dZ", wrong)


def test_check_dZ_fails_with_the_sigmoid_s_slope_multiplied_in_again(monkeypatch):
    def wrong(Z, Y):
        A = 1 / (1 + np.exp(-Z))
        return (A - Y) * A * (1 - A)

    assert "is above 1e-07" in _fails("check_dZ", monkeypatch, "dZ", wrong)


def test_check_cost_fails_on_a_cost_averaged_over_the_units(monkeypatch):
    wrong = lambda Z, Y: multi_label.cost(Z, Y) / np.shape(Z)[0]  # noqa: E731
    assert "is above 1e-07" in _fails("check_cost", monkeypatch, "cost", wrong)


@pytest.mark.parametrize(
    ("right", "wrong", "step"),
    [
        ("dZ^{[L]} = A^{[L]} - Y\ndW", "dZ^{[L]} = \\frac{1}{n^{[L]}} (A^{[L]} - Y)\ndW", "matrix"),
        (r"dA^{[L-1]} = W^{[L]T} dZ^{[L]}", r"dA^{[L-1]} = W^{[L]T} dZ^{[L]} + 0.1", "matrix"),
        (r"\frac{dL_2}{dz_1} = 0", r"\frac{dL_2}{dz_1} = a_2 - y_2", "per-unit"),
        (r"\frac{dL_3}{dz_3} = a_3 - y_3", r"\frac{dL_3}{dz_3} = a_3 - y_1", "per-unit"),
    ],
)
def test_the_page_fails_when_a_step_is_wrong(right, wrong, step):
    source = PAGE.read_text()
    assert source.count(right) == 1
    with pytest.raises(CheckFailure, match=rf"multi-label\.md:\d+: step '{step}'"):
        check_source(str(PAGE), source.replace(right, wrong))


def test_the_matrix_line_fails_when_J_does_not_add_the_units():
    source = PAGE.read_text()
    right = r"J = \frac{1}{m} \sum_{i=1}^{m} \sum_{j=1}^{n^{[L]}} \mathcal{L}_{ji}"
    assert source.count(right) == 1
    averaged = source.replace(right, r"J = \frac{1}{m n^{[L]}} \sum_{i=1}^{m} \sum_{j=1}^{n^{[L]}} \mathcal{L}_{ji}")
    # the cost itself is refused now (matrix_canon.py: J is the mean of the examples' summed losses)
    with pytest.raises(CheckFailure, match=r"step 'matrix': .*J is the mean of the examples' losses .*1/m"):
        check_source(str(PAGE), averaged)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: multi_label.dZ(np.zeros((2, 3)), np.zeros((3, 2))), "must have the same shape"),
        (lambda: multi_label.cost(np.zeros((2, 2)), [[0.0, 1.5], [1.0, 0.0]]), r"Y must lie in \[0, 1\]"),
        (lambda: multi_label.cost(np.zeros(3), np.zeros(3)), r"Z_L must have shape \(n_L, m\)"),
        (lambda: multi_label.dZ([[np.inf]], [[1.0]]), "Z_L must be finite"),
        (lambda: page.labels(np.random.default_rng(0), 0, 2, soft=False), "n_L must be a whole number >= 1"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
