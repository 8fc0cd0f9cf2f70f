"""Inverted dropout: the site's formulas, the page's checks, and each check failing on the formula it guards."""

from __future__ import annotations

import numpy as np
import pytest

from checker import numeric
from checker.document import CheckFailure, check_source
from checker.latex import StepError
from snippets import dropout
from snippets.pages import dropout as page
from support import ROOT

PAGE = ROOT / "docs/course-2/dropout.md"


@pytest.mark.parametrize("name", ["check_dA", "check_gradients"])
def test_each_check_passes(name):
    assert numeric.run(f"snippets.pages.dropout:{name}").worst < numeric.LIMIT


def test_the_formulas_on_a_case_worked_by_hand():
    A, D = np.array([[0.4, -0.8], [1.0, 0.2]]), np.array([[1.0, 0.0], [0.0, 1.0]])
    assert np.allclose(dropout.drop(A, D, 0.8), [[0.5, 0.0], [0.0, 0.25]])
    assert np.allclose(dropout.dA_drop(A, D, 0.8), [[0.5, 0.0], [0.0, 0.25]])
    assert np.array_equal(dropout.drop(A, np.ones((2, 2)), 1.0), A)  # keep_prob = 1: dropout off


def test_the_mask_keeps_about_keep_prob_of_the_units():
    D = dropout.mask(np.random.default_rng(0), (200, 300), 0.8)
    assert set(np.unique(D)) == {0.0, 1.0}
    assert abs(D.mean() - 0.8) < 0.01  # 60000 draws: the standard deviation of the mean is 0.0016
    assert (dropout.mask(np.random.default_rng(1), (3, 4), 1.0) == 1).all()


def _fails(name: str, monkeypatch, wrong) -> str:
    monkeypatch.setattr(page, "dA_drop", wrong)
    with pytest.raises(StepError) as info:
        numeric.run(f"snippets.pages.dropout:{name}")
    return str(info.value)


@pytest.mark.parametrize("name", ["check_dA", "check_gradients"])
def test_the_checks_fail_without_the_division_by_keep_prob(monkeypatch, name):
    message = _fails(name, monkeypatch, lambda dA, D, keep_prob: dA * D)
    assert "is above 1e-07" in message


@pytest.mark.parametrize("name", ["check_dA", "check_gradients"])
def test_the_checks_fail_with_a_fresh_mask_in_the_backward_pass(monkeypatch, name):
    rng = np.random.default_rng(5)
    message = _fails(name, monkeypatch, lambda dA, D, keep_prob: dA * dropout.mask(rng, D.shape, keep_prob) / keep_prob)
    assert "relative error" in message


def test_check_gradients_fails_with_no_dropout_in_the_backward_pass(monkeypatch):
    assert "is above 1e-07" in _fails("check_gradients", monkeypatch, lambda dA, D, keep_prob: dA)


@pytest.mark.parametrize("seed", range(numeric.SEEDS))
def test_a_check_with_a_new_mask_per_evaluation_of_J_fails_at_every_seed(seed):
    assert page.error_with_new_masks(np.random.default_rng(seed)) > 0.5


def test_the_page_fails_when_the_matrix_line_forgets_keep_prob():
    source = PAGE.read_text()
    wrong = source.replace(r"dH^{[1]} = \frac{1}{p} \, dA^{[1]} * D^{[1]}", r"dH^{[1]} = dA^{[1]} * D^{[1]}", 1)
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"dropout\.md:\d+: step 'matrix'"):
        check_source(str(PAGE), wrong)


def test_the_page_fails_when_the_unit_step_forgets_keep_prob():
    source = PAGE.read_text()
    wrong = source.replace(
        r"\frac{dL}{dh_1} = (o - y) v_1 \cdot \frac{k_1}{p}", r"\frac{dL}{dh_1} = (o - y) v_1 \cdot k_1", 1
    )
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"step 'one-unit'"):
        check_source(str(PAGE), wrong)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: dropout.drop(np.ones((2, 2)), np.ones((2, 2)), 0.0), r"keep_prob must lie in \(0, 1\]"),
        (lambda: dropout.drop(np.ones((2, 2)), np.ones((2, 2)), 1.5), "keep_prob"),
        (lambda: dropout.dA_drop(np.ones((2, 2)), [[1.0, 0.5], [0.0, 1.0]], 0.8), r"D\[0, 1\] = 0.5"),
        (lambda: dropout.dA_drop(np.ones((2, 2)), np.ones((2, 1)), 0.8), "same shape"),
        (lambda: dropout.mask(np.random.default_rng(0), (2, 0), 0.8), r"shape must be \(n_l, m\)"),
        (lambda: dropout.mask(0, (2, 2), 0.8), "rng must be a numpy.random.Generator"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
