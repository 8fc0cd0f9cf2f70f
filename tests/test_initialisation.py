"""Initialisation: a symmetric start keeps the units of a layer alike; the checks fail when the symmetry breaks."""

from __future__ import annotations

import numpy as np
import pytest

from checker import numeric
from checker.document import CheckFailure, check_source
from checker.latex import StepError
from snippets.network import random_parameters
from snippets.pages import initialisation as page
from support import ROOT

PAGE = ROOT / "docs/course-2/initialisation.md"


@pytest.mark.parametrize("name", ["check_equal_rows", "check_zero_stays_zero"])
def test_each_check_passes(name):
    assert numeric.run(f"snippets.pages.initialisation:{name}").worst < numeric.LIMIT


def test_a_symmetric_start_has_alike_units():
    params = page.symmetric_parameters(np.random.default_rng(0), [3, 4, 2, 1])
    (W1, b1), (W2, b2), (W3, _) = params
    assert (W1 == W1[:1]).all() and (b1 == b1[0]).all() and len(np.unique(W1[0])) == 3  # columns may differ
    assert len(np.unique(W2)) == 1 and len(np.unique(b2)) == 1 and len(np.unique(W3)) == 1


@pytest.mark.parametrize("seed", range(5))
def test_the_rows_of_W_are_bit_for_bit_equal_after_the_steps(seed):
    rng = np.random.default_rng(seed)
    for sizes, m in page.SHAPES:
        X, Y = page._data(rng, sizes, m)
        for W, b in page._trained(page.symmetric_parameters(rng, sizes), X, Y)[:-1]:
            assert np.array_equal(W, np.repeat(W[:1], W.shape[0], axis=0)) and np.array_equal(b, b[:1] + 0 * b)


@pytest.mark.parametrize("seed", range(numeric.SEEDS))
def test_a_random_start_gives_each_unit_its_own_row(seed):
    assert page.row_spread(np.random.default_rng(seed), [3, 4, 1], 5) > 1e-3


def test_check_equal_rows_fails_from_a_random_start(monkeypatch):
    monkeypatch.setattr(page, "symmetric_parameters", lambda rng, sizes: random_parameters(rng, sizes))
    with pytest.raises(StepError, match="row 1 of central differences"):
        numeric.run("snippets.pages.initialisation:check_equal_rows")


def test_check_equal_rows_fails_when_one_row_of_dW_is_off(monkeypatch):
    original = page.gradients

    def one_row_off(problem):
        grads = original(problem)
        grads["dJ/dW[1]"] = grads["dJ/dW[1]"].copy()
        grads["dJ/dW[1]"][-1] *= 1.01  # the last unit's row, 1% too large
        return grads

    monkeypatch.setattr(page, "gradients", one_row_off)
    with pytest.raises(StepError, match="is above 1e-07"):
        numeric.run("snippets.pages.initialisation:check_equal_rows")


def test_check_zero_fails_when_the_hidden_weights_move(monkeypatch):
    original = page._trained
    monkeypatch.setattr(page, "_trained", lambda params, X, Y: [(W + 1e-9, b) for W, b in original(params, X, Y)])
    with pytest.raises(StepError, match="against the zero matrix"):
        numeric.run("snippets.pages.initialisation:check_zero_stays_zero")


def test_the_page_fails_when_a_difference_of_gradients_is_wrong():
    source = PAGE.read_text()
    wrong = source.replace(r"= (o - y) (a_1 - a_2)" + "\n```", r"= (o - y) (a_1 + a_2)" + "\n```", 1)
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"initialisation\.md:\d+: step 'two-units'"):
        check_source(str(PAGE), wrong)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: page.symmetric_parameters(np.random.default_rng(0), [3, 4, 2]), "n_L = 1"),
        (lambda: page.symmetric_parameters(np.random.default_rng(0), [3, 0, 1]), r"sizes\[1\]"),
        (lambda: page.symmetric_parameters(None, [3, 4, 1]), "rng"),
        (lambda: page.row_spread(np.random.default_rng(0), [3, 4, 1], 0), "m must be"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
