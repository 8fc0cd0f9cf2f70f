"""Where the loss comes from: the likelihoods, the page's checks and steps, each shown failing on what it guards."""

from __future__ import annotations

import numpy as np
import pytest

from checker import numeric
from checker.document import CheckFailure, check_source
from checker.latex import StepError
from snippets import likelihood, softmax, vectorised
from snippets.pages import loss_origin as page
from support import ROOT

PAGE = ROOT / "docs/logistic-regression/where-the-loss-comes-from.md"
vectorised_J = vectorised.J  # the site's J, kept before a test replaces it


@pytest.mark.parametrize("name", ["check_bernoulli", "check_categorical"])
def test_each_check_passes(name):
    assert numeric.run(f"snippets.pages.loss_origin:{name}").worst < numeric.LIMIT


def test_the_probabilities_on_a_case_worked_by_hand():
    assert likelihood.bernoulli([0.8, 0.8], [1.0, 0.0]) == pytest.approx([0.8, 0.2])
    A = np.array([[0.7, 0.1], [0.2, 0.3], [0.1, 0.6]])
    assert likelihood.categorical(A, [[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]]) == pytest.approx(np.array([[0.7, 0.6]]))
    # The minus log of the product is m J: two examples, a = 0.8 with y = 1 and y = 0.
    assert -np.log(np.prod(likelihood.bernoulli([0.8, 0.8], [1.0, 0.0]))) / 2 == pytest.approx(
        -(np.log(0.8) + np.log(0.2)) / 2
    )


def _fails(name: str, monkeypatch, where, attribute: str, wrong) -> str:
    monkeypatch.setattr(where, attribute, wrong)
    with pytest.raises(StepError) as info:
        numeric.run(f"snippets.pages.loss_origin:{name}")
    return str(info.value)


def test_the_bernoulli_check_fails_with_the_powers_swapped(monkeypatch):
    message = _fails("check_bernoulli", monkeypatch, page, "bernoulli", lambda a, y: a ** (1 - y) * (1 - a) ** y)
    assert "is above 1e-07" in message and "a product, at 50 digits" in message


def test_the_bernoulli_check_fails_when_J_is_a_sum(monkeypatch):
    summed = lambda w, b, X, Y: vectorised_J(w, b, X, Y) * np.shape(X)[1]  # noqa: E731
    assert "is above 1e-07" in _fails("check_bernoulli", monkeypatch, vectorised, "J", summed)


def test_the_bernoulli_check_fails_when_J_loses_its_minus(monkeypatch):
    negated = lambda w, b, X, Y: -vectorised_J(w, b, X, Y)  # noqa: E731
    assert "is above 1e-07" in _fails("check_bernoulli", monkeypatch, vectorised, "J", negated)


def test_the_categorical_check_fails_with_the_label_of_the_wrong_class(monkeypatch):
    rolled = lambda A, Y: likelihood.categorical(A, np.roll(Y, 1, axis=0))  # noqa: E731
    assert "is above 1e-07" in _fails("check_categorical", monkeypatch, page, "categorical", rolled)


def test_the_categorical_check_fails_when_the_softmax_cost_is_a_sum(monkeypatch):
    summed = lambda Z, Y: -float((np.asarray(Y) * softmax.log_softmax(Z)).sum())  # noqa: E731
    assert "is above 1e-07" in _fails("check_categorical", monkeypatch, softmax, "cost", summed)


def test_a_likelihood_of_1075_halves_underflows():
    # float64's smallest number above 0 is 2^-1074 (a subnormal): half of it rounds to 0.
    assert np.finfo(np.float64).smallest_subnormal == 2.0**-1074
    assert page.halves_to_underflow() == 1075


@pytest.mark.parametrize(
    ("right", "wrong", "step"),
    [
        ("P(1, a) = a", "P(1, a) = 1 - a", "bernoulli"),
        (r"= -y \log(a) \\ - (1 - y) \log(1 - a)", r"= -y \log(a) \\ - y \log(1 - a)", "negative-log"),
        (r"-\frac{1}{2} \log(\Lambda) = J", r"-\log(\Lambda) = J", "m-examples"),
        ("C(0, 1, 0) = a_2", "C(0, 1, 0) = a_1", "categorical"),
        (r"\frac{1}{2} \log(2 \pi)", r"\log(2 \pi)", "squared-error"),
    ],
)
def test_the_page_fails_on_a_wrong_step(right, wrong, step):
    source = PAGE.read_text()
    changed = source.replace(right, wrong, 1)
    assert changed != source, right
    with pytest.raises(CheckFailure, match=rf"where-the-loss-comes-from\.md:\d+: step '{step}'"):
        check_source(str(PAGE), changed)


def test_J_must_be_the_mean_of_the_losses():
    # The checker's own rule (canon.py): J = L_1 + L_2 is not the mean of the two losses.
    source = PAGE.read_text()
    changed = source.replace(r"J = \frac{1}{2}(L_1 + L_2)", "J = L_1 + L_2", 1)
    assert changed != source
    with pytest.raises(CheckFailure, match="J is the mean of its 2 losses"):
        check_source(str(PAGE), changed)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: likelihood.bernoulli(0.0, 1.0), r"a must lie in \(0, 1\)"),
        (lambda: likelihood.bernoulli(0.5, 1.5), r"y must lie in \[0, 1\]"),
        (lambda: likelihood.bernoulli([0.5, 0.5], [1.0, 0.0, 1.0]), "same shape"),
        (lambda: likelihood.categorical([[0.5], [0.4]], [[1.0], [0.0]]), "each column of A must sum to 1"),
        (lambda: likelihood.categorical([[0.5], [0.5]], [[1.0], [1.0]]), "column 0 sums to 2.0"),
        (lambda: likelihood.categorical([0.5, 0.5], [1.0, 0.0]), r"A must have shape \(C, m\)"),
        (lambda: page.check_bernoulli(0), "rng must be a numpy.random.Generator"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
