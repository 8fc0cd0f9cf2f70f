"""The numerical checks of the activations, two-layer and layer-l pages: they pass, and they can fail."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.activations import relu
from snippets.derivation.numeric import worst
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
    assert worst(check(np.random.default_rng(seed))) < 1e-7


@pytest.mark.parametrize("hidden", ["sigmoid", "relu", "leaky_relu"])
@pytest.mark.parametrize("check", LAYER_CHECKS, ids=lambda f: f.__name__)
def test_layer_checks_hold_for_every_hidden_activation(check, hidden):
    assert worst(check(np.random.default_rng(11), hidden)) < 1e-7


def test_shapes_include_one_example_several_depths_and_a_layer_as_wide_as_the_one_below():
    assert {m for _, m in layer_l.SHAPES} >= {1} and len({len(sizes) for sizes, _ in layer_l.SHAPES}) >= 3
    # n_l >= n_{l-1} for some l >= 2: then a layer-index slip does not fail on shapes alone, and must fail on numbers.
    assert any(sizes[l] >= sizes[l - 1] for sizes, _ in layer_l.SHAPES for l in range(2, len(sizes) - 1))  # noqa: E741
    assert 1 in {m for _, _, m in two_layer.SHAPES}
    assert (1, 1) in activations.SHAPES


def test_problems_stay_away_from_the_kinks():
    rng = np.random.default_rng(0)
    for sizes, m in layer_l.SHAPES:
        params, X, _ = layer_l.problem(rng, sizes, m, "relu")
        Zs, _ = layer_l.forward(params, X, relu)
        assert all(np.abs(Z).min() >= layer_l.KINK_MARGIN for Z in Zs[:-1])
