"""L2 regularisation: the site's formulas, the page's checks, and each check failing on the formula it guards."""

from __future__ import annotations

import numpy as np
import pytest

from checker import numeric
from checker.document import CheckFailure, check_source
from checker.latex import StepError
from snippets import regularisation
from snippets.network import dW
from snippets.pages import l2_regularisation as page
from support import ROOT

PAGE = ROOT / "docs/course-2/l2-regularisation.md"
CHECKS = ("check_cost", "check_dW_db", "check_on_off")


@pytest.mark.parametrize("name", CHECKS)
def test_each_check_passes(name):
    result = numeric.run(f"snippets.pages.l2_regularisation:{name}")
    assert result.worst < numeric.LIMIT


def test_the_term_and_dW_on_a_case_worked_by_hand():
    W = np.array([[1.0, -2.0], [0.5, 3.0]])  # ||W||_F^2 = 1 + 4 + 0.25 + 9 = 14.25
    assert regularisation.l2_term([W, np.ones((1, 2))], 0.8, 4) == pytest.approx(0.8 / 8 * (14.25 + 2))
    dZ, A_prev = np.ones((2, 4)), np.zeros((2, 4))  # (1/m) dZ A^T = 0: only the term is left
    assert np.allclose(regularisation.dW_l2(dZ, A_prev, W, 0.8), 0.2 * W)
    assert np.array_equal(regularisation.dW_l2(dZ, A_prev + 1, W, 0.0), dW(dZ, A_prev + 1))


def _fails(name: str, monkeypatch, attribute: str, wrong) -> str:
    monkeypatch.setattr(page, attribute, wrong)
    with pytest.raises(StepError) as info:
        numeric.run(f"snippets.pages.l2_regularisation:{name}")
    return str(info.value)


def test_check_dW_db_fails_without_the_term(monkeypatch):
    message = _fails("check_dW_db", monkeypatch, "dW_l2", lambda dZ, A_prev, W, lambd: dW(dZ, A_prev))
    assert "is above 1e-07 (against central differences of the regularised J)" in message


def test_check_dW_db_fails_with_the_2_kept(monkeypatch):
    wrong = lambda dZ, A_prev, W, lambd: dW(dZ, A_prev) + 2 * lambd / dZ.shape[1] * W  # noqa: E731
    assert "relative error" in _fails("check_dW_db", monkeypatch, "dW_l2", wrong)


def test_check_dW_db_fails_when_db_gains_a_term(monkeypatch):
    from snippets.network import db

    assert "relative error" in _fails("check_dW_db", monkeypatch, "db", lambda dZ: db(dZ) + 0.01)


def test_check_cost_fails_without_the_half(monkeypatch):
    wrong = lambda Ws, lambd, m: 2 * regularisation.l2_term(Ws, lambd, m)  # noqa: E731
    assert "np.linalg.norm" in _fails("check_cost", monkeypatch, "l2_term", wrong)


def test_check_on_off_fails_when_the_pass_forgets_the_term(monkeypatch):
    original = page._gradients_l2
    monkeypatch.setattr(page, "_gradients_l2", lambda params, X, Y, lambd: original(params, X, Y, 0.0))
    with pytest.raises(StepError, match="regularisation on"):
        numeric.run("snippets.pages.l2_regularisation:check_on_off")


@pytest.mark.parametrize("seed", range(numeric.SEEDS))
def test_a_gradient_without_the_term_fails_the_regularised_check_at_every_seed(seed):
    assert page.error_without_term(np.random.default_rng(seed)) > 1e-3


def test_the_page_fails_when_its_matrix_line_drops_the_term():
    source = PAGE.read_text()
    wrong = source.replace(r"A^{[l-1]T} + \frac{\lambda}{m} W^{[l]}", r"A^{[l-1]T}", 1)
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"l2-regularisation\.md:\d+: step 'matrix'"):
        check_source(str(PAGE), wrong)


def test_the_page_fails_when_the_written_out_step_keeps_the_2():
    source = PAGE.read_text()
    wrong = source.replace(r"\frac{dR}{dw_1} = \frac{\lambda}{2} w_1", r"\frac{dR}{dw_1} = \lambda w_1", 1)
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"step 'one-weight'"):
        check_source(str(PAGE), wrong)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: regularisation.l2_term([np.ones((2, 2))], -0.1, 3), "lambd must be >= 0"),
        (lambda: regularisation.l2_term([], 0.1, 3), "Ws must be a non-empty list"),
        (lambda: regularisation.l2_term([np.ones((2, 2))], 0.1, 0), "m must be a whole number"),
        (lambda: regularisation.dW_l2(np.ones((2, 3)), np.ones((4, 3)), np.ones((4, 2)), 0.1), r"W \(4, 2\)"),
        (lambda: regularisation.dW_l2(np.ones((2, 3)), np.ones((4, 3)), np.ones((2, 4)), np.nan), "lambd"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
