"""Batch norm: the site's formulas, the page's checks, and each check failing on the formula it guards."""

from __future__ import annotations

import numpy as np
import pytest

from checker import numeric
from checker.document import CheckFailure, check_source
from checker.latex import StepError
from checker.steps import Page
from snippets import batch_norm as bn
from snippets.pages import batch_norm as page
from support import ROOT

PAGE = ROOT / "docs/course-2/batch-norm.md"
CHECKS = ["check_forward", "check_dbeta_dgamma", "check_dZ"]


@pytest.mark.parametrize("name", CHECKS)
def test_each_check_passes(name):
    assert numeric.run(f"snippets.pages.batch_norm:{name}").worst < numeric.LIMIT


def test_the_formulas_on_a_case_worked_by_hand():
    # One unit, z = (1, 2, 3): mu = 2, sigma^2 = 2/3; with eps = 1/3, sqrt(sigma^2 + eps) = 1.
    Z = np.array([[1.0, 2.0, 3.0]])
    assert np.allclose(bn.mu(Z), [[2.0]]) and np.allclose(bn.sigma2(Z), [[2 / 3]])
    norm = bn.Z_norm(Z, 1 / 3)
    assert np.allclose(norm, [[-1.0, 0.0, 1.0]])
    assert np.allclose(bn.Z_tilde(norm, [[2.0]], [[0.5]]), [[-1.5, 0.5, 2.5]])
    dZt = np.array([[1.0, 0.0, 0.0]])  # only example 1's z_tilde reaches the cost
    assert np.allclose(bn.dbeta(dZt), [[1.0]]) and np.allclose(bn.dgamma(dZt, norm), [[-1.0]])
    # dz = gamma / (3 * 1) * (3 dzt - 1 - z_norm * (-1)) = (2/3) (3 dzt - 1 + z_norm)
    assert np.allclose(bn.dZ(dZt, norm, [[2.0]], bn.sigma2(Z), 1 / 3), [[2 / 3 * (3 - 1 - 1), -2 / 3, 0.0]])


def test_the_gradients_add_up_to_0_and_vanish_with_one_example():
    rng = np.random.default_rng(0)
    Z, dZt, gamma = rng.normal(size=(3, 6)), rng.normal(size=(3, 6)), rng.normal(size=(3, 1))
    dZ = bn.dZ(dZt, bn.Z_norm(Z, 1e-3), gamma, bn.sigma2(Z), 1e-3)
    assert np.allclose(dZ.sum(axis=1), 0.0, atol=1e-12)  # shifting every z changes nothing
    one = rng.normal(size=(2, 1))
    assert np.array_equal(bn.Z_norm(one, 1e-5), np.zeros((2, 1)))
    assert np.array_equal(bn.dZ(rng.normal(size=(2, 1)), np.zeros((2, 1)), gamma[:2], np.zeros((2, 1)), 1e-5), 0 * one)


# Plausible mistakes in dZ, each one the page's formula written wrong.
MUTANTS = {
    # gamma / (m s) (m dzt - z_norm sum dzt z_norm): the mean's path dropped
    "no path through mu": lambda dZt, Zn, g, s2, eps: (
        g / np.sqrt(s2 + eps) * (dZt - Zn * (dZt * Zn).mean(1, keepdims=True))
    ),
    # gamma / (m s) (m dzt - sum dzt): the variance's path dropped
    "no path through sigma": lambda dZt, Zn, g, s2, eps: g / np.sqrt(s2 + eps) * (dZt - dZt.mean(1, keepdims=True)),
    "mu and sigma held constant": lambda dZt, Zn, g, s2, eps: g / np.sqrt(s2 + eps) * dZt,
    "eps left out of dZ": lambda dZt, Zn, g, s2, eps: bn.dZ(dZt, Zn, g, s2, 1e-12),
    "gamma left out": lambda dZt, Zn, g, s2, eps: bn.dZ(dZt, Zn, np.ones_like(g), s2, eps),
}


@pytest.mark.parametrize("mistake", list(MUTANTS))
def test_check_dZ_fails_on_each_mistake(monkeypatch, mistake):
    monkeypatch.setattr(page, "dZ", MUTANTS[mistake])
    with pytest.raises(StepError, match=r"is above 1e-07|cannot compare|not a finite number|raised"):
        numeric._run("snippets.pages.batch_norm:check_dZ")


@pytest.mark.parametrize(
    ("function", "wrong"),
    [
        ("dbeta", lambda dZt: dZt.mean(axis=1, keepdims=True)),  # 1/m too many
        ("dgamma", lambda dZt, Zn: dZt.sum(axis=1, keepdims=True)),  # z_norm left out
    ],
)
def test_check_dbeta_dgamma_fails_on_each_mistake(monkeypatch, function, wrong):
    monkeypatch.setattr(page, function, wrong)
    with pytest.raises(StepError, match="is above 1e-07"):
        numeric._run("snippets.pages.batch_norm:check_dbeta_dgamma")


def test_check_forward_fails_with_the_sample_variance(monkeypatch):
    def unbiased(Z, eps):  # 1/(m - 1): numpy's ddof=1, not the course's 1/m
        Z = np.asarray(Z)
        return (Z - Z.mean(1, keepdims=True)) / np.sqrt(Z.var(1, ddof=min(1, Z.shape[1] - 1), keepdims=True) + eps)

    monkeypatch.setattr(page, "Z_norm", unbiased)
    with pytest.raises(StepError, match="is above 1e-07"):
        numeric._run("snippets.pages.batch_norm:check_forward")


def _page_with(old: str, new: str) -> str:
    source = PAGE.read_text()
    wrong = source.replace(old, new, 1)
    assert wrong != source, old
    return wrong


def test_the_page_fails_when_dz_forgets_the_path_through_mu():
    wrong = _page_with(
        r"\left(3 \delta^{(1)} - d\beta - z_{norm}^{(1)} \, d\gamma\right)",
        r"\left(3 \delta^{(1)} - z_{norm}^{(1)} \, d\gamma\right)",
    )
    with pytest.raises(CheckFailure, match=r"batch-norm\.md:\d+: step 'dz': the two sides differ"):
        check_source(str(PAGE), wrong)


def test_the_page_fails_when_dgamma_loses_z_norm():
    wrong = _page_with(r"d\gamma = \delta^{(1)} z_{norm}^{(1)}", r"d\gamma = \delta^{(1)}")
    with pytest.raises(CheckFailure, match=r"step 'dbeta-dgamma'"):
        check_source(str(PAGE), wrong)


def test_the_page_fails_when_the_product_rule_drops_sigma():
    wrong = _page_with(
        r"\left(1 + z_{norm}^{(1)} z_{norm}^{(2)}\right)", r"\left(1 + 0 \cdot z_{norm}^{(1)} z_{norm}^{(2)}\right)"
    )
    with pytest.raises(CheckFailure, match=r"step 'paths'"):
        check_source(str(PAGE), wrong)


def test_the_rejected_lines_must_stay_wrong():
    # The line a learner writes with mu and sigma held constant is refused; were it right, the page would fail.
    wrong = _page_with(
        "```derivation-rejected\n\\frac{dz_{norm}^{(1)}}{dz^{(1)}} = \\frac{1}{\\sqrt{\\sigma^2 + \\varepsilon}}",
        "```derivation-rejected\n\\frac{d\\mu}{dz^{(1)}} = \\frac{1}{3}",
    )
    with pytest.raises(CheckFailure):
        check_source(str(PAGE), wrong)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: bn.Z_norm(np.ones((2, 3)), 0.0), r"eps must be > 0"),
        (lambda: bn.Z_norm(np.ones((2, 3)), -1e-5), r"eps must be > 0"),
        (
            lambda: bn.Z_tilde(np.ones((2, 3)), np.ones((3, 1)), np.ones((2, 1))),
            r"gamma must have shape \(n_l, 1\) = \(2, 1\)",
        ),
        (lambda: bn.Z_tilde(np.ones((2, 3)), np.ones((2, 1)), np.ones((1, 2))), r"beta must have shape"),
        (lambda: bn.dgamma(np.ones((2, 3)), np.ones((2, 4))), "same shape"),
        (lambda: bn.dZ(np.ones((1, 3)), np.ones((1, 3)), [[1.0]], [[-0.5]], 1e-5), "sigma2 is a variance"),
        (lambda: bn.mu(np.ones(3)), r"Z must have shape \(n_l, m\)"),
        (lambda: bn.dbeta([[1.0, np.nan]]), "NaN"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_the_page_says_which_mini_batches_the_checks_draw():
    text = " ".join(PAGE.read_text().split())
    ms = sorted({m for _, m in page.SHAPES})
    assert rf"\(m = {', '.join(map(str, ms))}\)" in text  # every m drawn, in the sentence under the checks
    words = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}
    n = [n for n, _ in page.SHAPES]
    assert f"layers of {words[min(n)]} to {words[max(n)]} units and mini-batches of" in text
    assert 1 in ms  # the one-example case the page discusses


def test_gamma_is_a_declared_symbol_and_never_a_function():
    page_ = Page({"z": "real", r"\gamma": "[-2, 2]", r"\beta": "[-2, 2]"})
    page_.check(r"u = \gamma(z + 1) + \beta")  # with gamma declared, gamma(...) is a product, as on the page
    assert page_.check(r"\frac{du}{d\gamma} = z + 1")[0].how == "symbolic"
    with pytest.raises(StepError, match="differ"):
        page_.check(r"\frac{du}{d\gamma} = z")
    with pytest.raises(StepError, match="batch norm's scale"):
        page_.check(r"\gamma(t) = t")  # a definition of gamma as a function is refused, declared or not
