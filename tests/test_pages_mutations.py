"""Every numeric check the pages name fails when the code it guards is wrong: a mutation test per check.

Each case replaces one site function with a plausible mistake (a transpose, a dropped or doubled
1/m, a wrong g', a mask from A) and runs the check as the build does, at every seed: it must stop
with a StepError, its error above the limit (or a value that cannot be compared at all).
"""

from __future__ import annotations

import importlib
import re

import numpy as np
import pytest

from checker import numeric
from checker.latex import StepError
from snippets import conventions, network, vectorised
from snippets.activations import ACTIVATIONS, relu, tanh
from snippets.logistic import da_dz, sigma
from snippets.pages import conventions as conventions_page
from snippets.pages import (
    dl_dw_db,
    dl_dz,
    gradient_checking,
    layer_l,
    numerical_stability,
    output_layer,
    sigmoid_derivative,
    softmax,
    two_layer,
)
from snippets.stable import loss_from_a
from support import ROOT


def _doubled_dw(p):
    right = vectorised.gradients(p)
    return {"dJ/dw": 2 * right["dJ/dw"], "dJ/db": right["dJ/db"]}


# target: (object whose attribute is replaced, its name, the wrong function)
MUTANTS = {
    "dl_dz:check_step_1": (dl_dz, "dL_da", lambda a, y: (a - y) / (a * (1 + a))),
    "dl_dz:check_step_2": (dl_dz, "da_dz", lambda a: a * (1 - a) ** 2),
    "dl_dz:check_step_3": (dl_dz, "dL_dz", lambda a, y: y - a),
    "sigmoid_derivative:check_derivative": (sigmoid_derivative, "sigma_prime", lambda z: sigma(z) ** 2),
    # a(1 - a) from a rounded a: right near 0, digits lost far from it.
    "sigmoid_derivative:check_far_from_zero": (sigmoid_derivative, "sigma_prime", lambda z: da_dz(sigma(z))),
    "dl_dw_db:check_dw": (dl_dw_db, "dL_dz", lambda a, y: y - a),
    "dl_dw_db:check_db": (dl_dw_db, "dL_dz", lambda a, y: a - y + 0.1),
    "m_examples:check_dw": (vectorised, "dw", lambda X, dZ: X @ dZ.T),  # no 1/m
    "m_examples:check_db": (vectorised, "db", lambda dZ: float(dZ.sum())),  # no 1/m
    "gradient_checking:check_two_sided": (
        gradient_checking,
        "central_difference",
        gradient_checking.forward_difference,
    ),
    "gradient_checking:check_one_sided": (
        gradient_checking,
        "forward_difference",
        lambda f, x, eps: gradient_checking.central_difference(f, x, eps),
    ),
    "gradient_checking:check_default_eps": (gradient_checking, "gradients", _doubled_dw),
    "gradient_checking:check_kink": (gradient_checking, "central_difference", gradient_checking.forward_difference),
    "numerical_stability:check_dz": (numerical_stability, "dz_from_z", lambda z, y: (1 - y) * sigma(z) - y * sigma(z)),
    "numerical_stability:check_far": (numerical_stability, "loss_from_z", lambda z, y: loss_from_a(sigma(z), y)),
    "output_layer:check_dA": (output_layer, "dA_cross_entropy", lambda A, Y: -Y / A + (1 - Y) / (1 + A)),
    "output_layer:check_two_forms": (output_layer, "dZ_matched", lambda A, Y: (A - Y) / 2),
    "output_layer:check_squared_error": (output_layer, "dA_squared_error", lambda A, Y: 2 * (A - Y) + 1),
    "output_layer:check_squared_error_tanh": (output_layer, "dZ_chain", lambda dA, Z, act: dA * (1 - np.tanh(Z))),
    "output_layer:check_linear": (output_layer, "dZ_matched", lambda A, Y: 2 * (A - Y)),
    "softmax:check_gradient": (softmax, "gradient", lambda Z, Y: (softmax.softmax(Z) - Y) / Z.shape[1]),
    "softmax:check_jacobian": (softmax, "jacobian", lambda z: np.diag(softmax.softmax(np.reshape(z, (-1, 1)))[:, 0])),
    "softmax:check_chain_rule": (softmax, "jacobian", lambda z: np.diag(softmax.softmax(np.reshape(z, (-1, 1)))[:, 0])),
    "softmax:check_two_classes": (softmax, "softmax", lambda Z: np.exp(Z) / np.exp(Z).sum(axis=1, keepdims=True)),
    "activations:check_derivatives": (ACTIVATIONS, "tanh", (tanh, lambda Z: 1 - np.tanh(Z))),
    "activations:check_networks": (ACTIVATIONS, "relu", (relu, lambda Z: (relu(Z) >= 0).astype(float))),
    "two_layer:check_formulas": (two_layer, "dZ1", lambda W2, dZ2, A1: (W2.T @ dZ2) * (1 - A1)),
    "two_layer:check_network": (network, "dW", lambda dZ, A_prev: dZ @ A_prev.T),  # no 1/m
    "layer_l:check_dZ": (layer_l, "dZ_hidden", lambda dA, Z, g_prime: dA * g_prime(Z) / Z.shape[1]),
    "layer_l:check_dW_db": (layer_l, "dW", lambda dZ, A_prev: dZ @ A_prev.T),  # no 1/m
    "layer_l:check_dA_prev": (layer_l, "dA_prev", lambda W, dZ: W.T @ dZ / dZ.shape[1]),  # a 1/m too many
    "layer_l:check_gradients": (network, "dA_prev", lambda W, dZ: 2 * (W.T @ dZ)),
    "conventions:check_logistic_rows": (conventions, "dw_rows", lambda X, dZ: X.T @ dZ),  # no 1/m
    "conventions:check_network_transposed": (conventions, "dA_prev_rows", lambda dZ, W: dZ @ W.T / dZ.shape[0]),
    "conventions:check_rows_against_J": (conventions, "db_rows", lambda dZ: dZ.sum(axis=0, keepdims=True)),
    "conventions:check_one_over_m": (conventions, "dw_mean_in_dZ", lambda X, dZ: X @ dZ.T / X.shape[1]),
    "conventions:check_elementwise": (ACTIVATIONS, "tanh", (tanh, lambda Z: 1 - Z**2)),  # a wrong g'
}


def _module(name: str):
    """snippets.<name>, imported when its case runs (it may be newer than this file)."""
    return importlib.import_module(f"snippets.{name}")


# Checks of pages added after the ones above (a new page's check gets its mutant here): (module under snippets,
# attribute, the wrong function). Each runs once a page names its check.
LATER = {
    "l2_regularisation:check_cost": (
        "pages.l2_regularisation",
        "l2_term",
        lambda Ws, lambd, m: lambd / m * sum(float((np.asarray(W) ** 2).sum()) for W in Ws),
    ),  # no 1/2
    "l2_regularisation:check_dW_db": (
        "pages.l2_regularisation",
        "dW_l2",
        lambda dZ, A_prev, W, lambd: network.dW(dZ, A_prev),
    ),  # the (lambda/m) W[l] term dropped
    "l2_regularisation:check_on_off": ("network", "dW", lambda dZ, A_prev: dZ @ A_prev.T),  # no 1/m
    "dropout:check_dA": ("pages.dropout", "dA_drop", lambda dA, D, keep_prob: dA * D),  # no 1/keep_prob
    "dropout:check_gradients": ("pages.dropout", "dA_drop", lambda dA, D, keep_prob: dA * D),
    "initialisation:check_equal_rows": ("network", "dW", lambda dZ, A_prev: dZ @ A_prev.T),  # no 1/m
    # With g(0) = 1/2 in place of tanh(0) = 0, the zero start moves: the check must see it.
    "initialisation:check_zero_stays_zero": ("activations", "ACTIVATIONS", {"tanh": ACTIVATIONS["sigmoid"]}),
    # 1/(m - 1), numpy's sample variance (ddof=1), in place of the course's 1/m; m = 1 keeps 1/m.
    "batch_norm:check_forward": (
        "pages.batch_norm",
        "Z_norm",
        lambda Z, eps: (
            (Z - Z.mean(1, keepdims=True)) / np.sqrt(Z.var(1, ddof=min(1, Z.shape[1] - 1), keepdims=True) + eps)
        ),
    ),
    "batch_norm:check_dbeta_dgamma": ("pages.batch_norm", "dbeta", lambda dZt: dZt.mean(1, keepdims=True)),  # 1/m
    # mu and sigma held constant: only the direct path, gamma / sqrt(sigma^2 + eps) * dz_tilde
    "batch_norm:check_dZ": ("pages.batch_norm", "dZ", lambda dZt, Zn, gamma, s2, eps: gamma / np.sqrt(s2 + eps) * dZt),
    "gradient_checking_in_practice:check_after_training": (
        "pages.gradient_checking_in_practice",
        "dW_l2",
        lambda dZ, A_prev, W, lambd: network.dW(dZ, A_prev),
    ),  # the (lambda/m) W[l] term forgotten
    # The worked examples (snippets/pages/graphs.py): the numbers their tables and graphs print.
    "dl_dz:check_worked_example": ("pages.graphs", "dL_dz", lambda a, y: y - a),
    "dl_dw_db:check_worked_example": ("vectorised", "dw", lambda X, dZ: X[::-1] @ dZ.T / X.shape[1]),  # x_2 for x_1
    "two_layer:check_worked_example": ("pages.two_layer", "dZ1", lambda W2, dZ2, A1: (W2.T @ dZ2) * (1 - A1)),
    # Why cross-entropy: the Gauss-Newton part x^2 (a(1 - a))^2 alone, without (a - y)(1 - 2a); x where x^2 belongs.
    "why_cross_entropy:check_squared_error_bends_down": (
        "pages.why_cross_entropy",
        "d2E_dw2",
        lambda a, y, x: np.square(x) * (a * (1 - a)) ** 2,
    ),
    "why_cross_entropy:check_cross_entropy_bends_up": (
        "pages.why_cross_entropy",
        "d2L_dw2",
        lambda a, x: x * a * (1 - a),
    ),
    # Where the loss comes from: the powers swapped, a^(1 - y) (1 - a)^y; the softmax cost summed, not averaged.
    "loss_origin:check_bernoulli": ("pages.loss_origin", "bernoulli", lambda a, y: a ** (1 - y) * (1 - a) ** y),
    "loss_origin:check_categorical": (
        "softmax",
        "cost",
        lambda Z, Y: -float((np.asarray(Y) * _module("softmax").log_softmax(Z)).sum()),
    ),
    # Vanishing gradients: the slopes without the weights; tanh's 1 - a^2 taken for sigma'; g(Z) in place of g'(Z).
    "vanishing_gradients:check_chain": ("pages.vanishing_gradients", "chain_slope", lambda w, g: np.prod(g, axis=0)),
    "vanishing_gradients:check_sigma_prime_max": (
        "pages.vanishing_gradients",
        "sigma_prime",
        lambda z: 1 - sigma(z) ** 2,
    ),
    "vanishing_gradients:check_deep": ("network", "dZ_hidden", lambda dA, Z, g_prime: dA * sigma(Z)),
    # Multi-label: the softmax's A - Y for independent units; the cost averaged over the units as well.
    "multi_label:check_dZ": ("pages.multi_label", "dZ", lambda Z, Y: softmax.softmax(Z) - Y),
    "multi_label:check_cost": (
        "pages.multi_label",
        "cost",
        lambda Z, Y: _module("multi_label").cost(Z, Y) / np.shape(Z)[0],
    ),
}


def _named() -> set[str]:
    """Every check the pages name, as module:function under snippets.pages."""
    named = set()
    for path in (ROOT / "docs").rglob("*.md"):
        for fence in re.findall(r"```numeric-check[^\n]*\n(.*?)```", path.read_text(), re.S):
            named |= {line.strip().removeprefix("snippets.pages.") for line in fence.splitlines() if line.strip()}
    return named


def test_every_check_a_page_names_has_a_mutant():
    assert _named() <= set(MUTANTS) | set(LATER)
    assert set(MUTANTS) <= _named()


@pytest.mark.parametrize("target", sorted(set(MUTANTS) | (set(LATER) & _named())))
def test_the_check_passes_on_the_site_and_fails_on_the_mutant(target, monkeypatch):
    assert numeric._run(f"snippets.pages.{target}").worst < numeric.LIMIT
    if target in LATER:
        module, name, wrong = LATER[target]
        where = _module(module)
    else:
        where, name, wrong = MUTANTS[target]
    if isinstance(wrong, dict):  # entries of a dict attribute: ACTIVATIONS["tanh"] = ...
        for key, value in wrong.items():
            monkeypatch.setitem(getattr(where, name), key, value)
    elif isinstance(where, dict):
        monkeypatch.setitem(where, name, wrong)
    else:
        monkeypatch.setattr(where, name, wrong)
    with pytest.raises(StepError, match=r"is above 1e-07|cannot compare the site.s value"):
        numeric._run(f"snippets.pages.{target}")


def test_check_elementwise_fails_for_a_broken_dZ_hidden(monkeypatch):
    # The old check compared dA * g'(Z) with itself, and passed this.
    monkeypatch.setattr(conventions_page, "dZ_hidden", lambda dA, Z, g_prime: dA + g_prime(Z))
    with pytest.raises(StepError, match="is above 1e-07"):
        numeric._run("snippets.pages.conventions:check_elementwise")
