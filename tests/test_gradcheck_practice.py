"""Gradient checking in practice: every table's verdict, the check after training, and each failing as it should."""

from __future__ import annotations

import numpy as np
import pytest

from checker import numeric
from checker.latex import StepError
from snippets import network
from snippets.pages import gradient_checking_in_practice as page
from support import ROOT

TARGET = "snippets.pages.gradient_checking_in_practice:check_after_training"


def test_the_check_after_training_passes():
    assert numeric.run(TARGET).worst < numeric.LIMIT


def test_the_check_after_training_fails_without_the_l2_term(monkeypatch):
    monkeypatch.setattr(page, "dW_l2", lambda dZ, A_prev, W, lambd: network.dW(dZ, A_prev))
    with pytest.raises(StepError, match="is above 1e-07"):
        numeric._run(TARGET)


@pytest.mark.parametrize("table", ["table_regularisation", "table_dropout", "table_training", "table_components"])
def test_every_table_prints_its_expected_verdicts(table):
    text = getattr(page, table)()
    assert text.count("\n") >= 4 and "**a mistake**" in text


def test_the_numbers_behind_the_tables():
    reg, drop, training = page._regularisation(), page._dropout(), page._training()
    assert max(reg["off"], reg["on"], drop["fixed"], drop["off"]) < 1e-9  # right gradients: rounding only
    assert reg["forgotten"] > 1e-3 and drop["fresh"] > 0.5
    # The cache bug is invisible while every b is 0, to every digit, and plain after training.
    assert training["start cache"] == training["start right"] < 1e-9
    assert training["later right"] < 1e-9 < 1e-3 < training["later cache"]


def test_the_components_point_at_db():
    m = page.examples()
    for name, error in page._components():
        if name.startswith("db"):
            assert error == pytest.approx((m - 1) / (m + 1), rel=1e-6)  # m times too large in every db[l]
        else:
            assert error < 1e-9


def test_a_table_refuses_a_verdict_the_text_contradicts(monkeypatch):
    monkeypatch.setattr(page, "STEPS", 0)  # no training: the cache bug stays hidden, but the table says it shows
    with pytest.raises(ValueError, match=r"'after 0 steps, tanh′ of Z without b': difference .* passes"):
        page.table_training()
    monkeypatch.setattr(page, "THRESHOLD", 1e-13)  # a line below rounding: right gradients "fail"
    with pytest.raises(ValueError, match="fails the 1e-13 line"):
        page.table_regularisation()


def test_the_printed_constants():
    assert page.THRESHOLD == 2e-7  # the assignment's line
    # 12288 inputs, then 20, 7, 5 and 1 units: sum of n_l (n_{l-1} + 1), worked by hand
    assert page.parameters_of_a_cat_classifier() == 12288 * 20 + 20 + 20 * 7 + 7 + 7 * 5 + 5 + 5 + 1 == 245973
    assert page.evaluations_of_a_cat_classifier() == 2 * 245973


def test_the_shown_numbers():
    assert page._shown(3.15e-11) == "3.2 × 10⁻¹¹" and page._shown(0.8338) == "0.83"
    assert page._shown(2e-7) == "2 × 10⁻⁷"


def test_the_start_is_the_course_s():
    params, _, Y = page._start(np.random.default_rng(0))
    assert all((b == 0).all() for _, b in params) and set(np.unique(Y)) == {0.0, 1.0}


def test_the_cache_bug_shows_after_the_first_step(monkeypatch):
    assert page.first_step_over_the_line() == 1
    right = page._backward
    monkeypatch.setattr(page, "_backward", lambda params, X, Y, bug="", **rest: right(params, X, Y, **rest))
    monkeypatch.setattr(page, "STEPS", 3)
    with pytest.raises(ValueError, match="does not find the cache bug within 3 steps"):
        page.first_step_over_the_line()  # a bug that never shows is not printed as found


def test_the_page_describes_the_networks_the_code_checks():
    text = " ".join((ROOT / "docs/course-2/gradient-checking-in-practice.md").read_text().split())
    n = page.SIZES
    assert len(n) == 4, "the page says two hidden layers"
    assert f"One network: {n[0]} inputs, two tanh hidden layers of {n[1]} and {n[2]} units" in text
    big = page.CAT_CLASSIFIER
    assert f"{big[2]}, {big[3]} and {big[4]} units" in text
