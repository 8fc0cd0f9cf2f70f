"""The numerical checks of the activations, two-layer and layer-l pages: they pass, and they can fail."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.activations import ACTIVATIONS, relu
from snippets.pages import activations, layer_l, two_layer

CHECKS = [
    activations.check_derivatives,
    activations.check_networks,
    two_layer.check_formulas,
    two_layer.check_network,
    layer_l.check_dZ,
    layer_l.check_dW_db,
    layer_l.check_dA_prev,
    layer_l.check_gradients,
]
LAYER_CHECKS = [layer_l.check_dZ, layer_l.check_dW_db, layer_l.check_dA_prev, layer_l.check_gradients]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f"{f.__module__.rsplit('.', 1)[-1]}.{f.__name__}")
@pytest.mark.parametrize("seed", range(10))
def test_page_checks_agree(check, seed):
    assert check(np.random.default_rng(seed)) < 1e-7


@pytest.mark.parametrize("hidden", ["sigmoid", "relu", "leaky_relu"])
@pytest.mark.parametrize("check", LAYER_CHECKS, ids=lambda f: f.__name__)
def test_layer_checks_hold_for_every_hidden_activation(check, hidden):
    assert check(np.random.default_rng(11), hidden) < 1e-7


def test_shapes_include_one_example_and_several_depths():
    assert {m for _, m in layer_l.SHAPES} >= {1} and len({len(sizes) for sizes, _ in layer_l.SHAPES}) >= 3
    assert 1 in {m for _, _, m in two_layer.SHAPES}
    assert (1, 1) in activations.SHAPES


def test_problems_stay_away_from_the_kinks():
    rng = np.random.default_rng(0)
    for sizes, m in layer_l.SHAPES:
        params, X, _ = layer_l.problem(rng, sizes, m, "relu")
        Zs, _ = layer_l.forward(params, X, relu)
        assert all(np.abs(Z).min() >= layer_l.KINK_MARGIN for Z in Zs[:-1])


def test_check_dZ_fails_for_a_relu_mask_from_A(monkeypatch):
    monkeypatch.setitem(ACTIVATIONS, "relu", (relu, lambda Z: (relu(Z) >= 0).astype(float)))
    assert layer_l.check_dZ(np.random.default_rng(0), "relu") > 1e-2


def test_check_dW_db_fails_without_the_1_over_m(monkeypatch):
    monkeypatch.setattr(layer_l, "dW_db", lambda dZ, A_prev: (dZ @ A_prev.T, dZ.sum(axis=1, keepdims=True)))
    assert layer_l.check_dW_db(np.random.default_rng(0)) > 1e-2


def test_check_dA_prev_fails_with_the_1_over_m(monkeypatch):
    monkeypatch.setattr(layer_l, "dA_prev", lambda W, dZ: W.T @ dZ / dZ.shape[1])
    assert layer_l.check_dA_prev(np.random.default_rng(0)) > 1e-2


def test_check_network_fails_for_a_wrong_backward_pass(monkeypatch):
    right = layer_l.gradients  # the same function two_layer imported
    monkeypatch.setattr(
        two_layer, "gradients", lambda *args, **kwargs: [(2 * dW, db) for dW, db in right(*args, **kwargs)]
    )
    assert two_layer.check_network(np.random.default_rng(0)) > 1e-2


def test_check_derivatives_fails_for_a_wrong_derivative(monkeypatch):
    g, _ = ACTIVATIONS["tanh"]
    monkeypatch.setitem(ACTIVATIONS, "tanh", (g, lambda Z: 1 - np.tanh(Z)))
    assert activations.check_derivatives(np.random.default_rng(0)) > 1e-2
