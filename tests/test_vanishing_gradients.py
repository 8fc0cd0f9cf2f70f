"""Vanishing gradients: the chain's product and its bound, the checks, the figure, each check failing on its guard."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from checker import numeric
from checker.document import CheckFailure, check_source
from checker.latex import StepError
from pipeline import figures
from snippets import network, vanishing
from snippets.logistic import sigma, sigma_prime
from snippets.pages import gradient_checking
from snippets.pages import vanishing_gradients as page
from support import ROOT

PAGE = ROOT / "docs/course-2/vanishing-gradients.md"


@pytest.mark.parametrize("name", ["check_sigma_prime_max", "check_chain", "check_deep"])
def test_each_check_passes(name):
    assert numeric.run(f"snippets.pages.vanishing_gradients:{name}").worst < numeric.LIMIT


def test_the_formulas_on_a_case_worked_by_hand():
    # Two layers, both at z = 0, where sigma' = 1/4: the product is w1 w2 / 16.
    assert vanishing.chain_slope([2.0, -1.0], [[0.25], [0.25]]) == pytest.approx([-2 / 16])
    assert vanishing.sigmoid_bound([2.0, -1.0]) == pytest.approx(2 / 16)
    assert vanishing.size([[3.0, 4.0]]) == pytest.approx(5.0)


def _chain(w: np.ndarray, b: np.ndarray, x: float) -> np.ndarray:
    """sigma'(z[l]) of every layer of a chain of single sigmoid units, as a column (L, 1)."""
    params = [(np.array([[w_l]]), np.array([[b_l]])) for w_l, b_l in zip(w, b, strict=True)]
    Zs, _ = network.forward(params, [[x]], sigma)
    return np.vstack([sigma_prime(Z) for Z in Zs])


def test_the_bound_holds_on_random_chains_and_is_reached_where_every_z_is_0():
    rng = np.random.default_rng(0)
    for _ in range(200):
        L = int(rng.integers(1, 12))
        w, b = rng.uniform(-3, 3, size=L), rng.uniform(-3, 3, size=L)
        slope = vanishing.chain_slope(w, _chain(w, b, float(rng.normal())))
        assert abs(slope[0]) <= vanishing.sigmoid_bound(w) * (1 + 1e-12)
    # a[0] = 0 and b[l] = -w[l] / 2 put every z at 0 (each a[l] = 1/2): the product equals the bound.
    w = rng.uniform(-3, 3, size=6)
    b = np.concatenate([[0.0], -w[1:] / 2])
    assert abs(vanishing.chain_slope(w, _chain(w, b, 0.0))[0]) == pytest.approx(vanishing.sigmoid_bound(w), rel=1e-12)


def _fails(name: str, monkeypatch, where, attribute: str, wrong) -> str:
    monkeypatch.setattr(where, attribute, wrong)
    with pytest.raises(StepError) as info:
        numeric.run(f"snippets.pages.vanishing_gradients:{name}")
    return str(info.value)


def test_check_chain_fails_without_the_weights(monkeypatch):
    wrong = lambda w, g_prime_z: np.prod(np.asarray(g_prime_z), axis=0)  # noqa: E731 (the slopes only)
    assert "is above 1e-07" in _fails("check_chain", monkeypatch, page, "chain_slope", wrong)


def test_check_sigma_prime_max_fails_on_a_slope_whose_peak_is_not_a_quarter(monkeypatch):
    message = _fails("check_sigma_prime_max", monkeypatch, page, "sigma_prime", lambda z: 1 - sigma(z) ** 2)
    assert "is above 1e-07" in message


def test_check_deep_fails_with_g_in_place_of_g_prime(monkeypatch):
    wrong = lambda dA, Z, g_prime: dA * sigma(Z)  # noqa: E731 (g(Z), not g'(Z))
    assert "is above 1e-07" in _fails("check_deep", monkeypatch, network, "dZ_hidden", wrong)


@pytest.mark.parametrize(
    ("right", "wrong", "step"),
    [
        (r"\frac{1}{4} - a(1 - a) = ", r"\frac{1}{2} - a(1 - a) = ", "sigmoid-max"),
        (r"\\ \cdot w^{[1]} a^{[1]} (1 - a^{[1]})", r"\\ \cdot a^{[1]} (1 - a^{[1]})", "chain"),
        (
            r"\frac{da^{[l]}}{da^{[l-1]}} = w^{[l]} a^{[l]} (1 - a^{[l]})",
            r"\frac{da^{[l]}}{da^{[l-1]}} = w^{[l]}",
            "chain",
        ),
        (r"1 - \frac{dt}{dz} = t^2", r"1 - \frac{dt}{dz} = 2 t^2", "tanh-relu"),
    ],
)
def test_the_page_fails_when_a_step_is_wrong(right, wrong, step):
    source = PAGE.read_text()
    assert source.count(right) == 1
    with pytest.raises(CheckFailure, match=rf"vanishing-gradients\.md:\d+: step '{step}'"):
        check_source(str(PAGE), source.replace(right, wrong))


def test_the_figure_shows_the_sigmoid_gradient_vanishing_and_not_the_others():
    sigmoid = page.gradient_sizes("sigmoid")
    assert len(sigmoid) == page.FIGURE_L
    assert all(lower < upper for lower, upper in itertools.pairwise(sigmoid))  # smaller at every step down
    assert page.shrink_sigmoid() > 4 ** (page.FIGURE_L / 2)
    assert page.spread_tanh_relu() < 10
    figure = page.figure_gradient_sizes()
    html = figures.render("snippets.pages.vanishing_gradients:figure_gradient_sizes")  # refuses a colour not a variable
    assert html.startswith('<figure class="figure" id="figure-vanishing-gradients-gradient-sizes">'), html[:80]
    for g in page.HIDDEN:  # the text alternative gives every value of every curve
        assert all(f"{s:.2g}" in figure.description for s in page.gradient_sizes(g))


def test_the_printed_numbers_are_the_code_s():
    assert page.grid_points() == 200000 and page.deepest_chain() == max(page.DEPTHS)
    assert page.shrink_per_layer_sigmoid() == pytest.approx(page.shrink_sigmoid() ** (1 / (page.FIGURE_L - 1)))
    assert 1 < page.largest_stretch_sigmoid() < 4  # Var(W) = 1/n: a square Gaussian W stretches by about 2
    assert page.least_shrink_allowed_sigmoid() < page.shrink_per_layer_sigmoid()  # the bound holds, as the page says
    # The page: a float64 check of layer 1 alone at the course's eps is above the course's "very likely a bug".
    assert page.first_layer_check_error() > gradient_checking.course_verdicts()[2]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: vanishing.chain_slope([1.0, 2.0], [[0.25]]),
            r"w must list one weight per layer, as many as g_prime_z has rows \(1\)",
        ),
        (lambda: vanishing.chain_slope([[1.0]], [[0.25]]), "w must list one weight per layer"),
        (lambda: vanishing.chain_slope([1.0], [0.25]), r"g_prime_z must have shape \(L, m\)"),
        (lambda: vanishing.sigmoid_bound([[1.0]]), "w must list one weight per layer"),
        (lambda: vanishing.size([1.0, 2.0]), r"dW must have shape"),
        (lambda: vanishing.size([[np.nan]]), "dW contains NaN"),
        (lambda: page.deep_network("softmax"), "hidden must be one of sigmoid, tanh, relu"),
    ],
)
def test_bad_arguments_are_named(call, message):
    with pytest.raises(ValueError, match=message):
        call()
