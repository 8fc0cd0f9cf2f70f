"""The numerical checks of the activations, two-layer and layer-l pages: they pass, and they can fail."""

from __future__ import annotations

import re

import numpy as np
import pytest

from checker.numeric import worst
from snippets.activations import relu
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


# -- the checking code's arguments: a message names what the caller gave --------------------------


def _network():
    """A [3, 4, 1] tanh network, X (3, 5), Y (1, 5), Z[1] (4, 5) and A[1] (4, 5)."""
    params, X, Y = layer_l.problem(np.random.default_rng(0), [3, 4, 1], 5, "tanh")
    Zs, As = layer_l.forward(params, X, np.tanh)
    return params, X, Y, Zs[0], As[1]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        # A[1] transposed: it disagrees with Y about m, and the message says so with both shapes.
        (lambda p, Y, Z, A: layer_l.dA_by_differences(p, 2, A.T, Y, "tanh"), r"A and Y .*A \(5, 4\), Y \(1, 5\)"),
        (lambda p, Y, Z, A: layer_l.dZ_by_differences(p, 1, Z, Y.T, "tanh"), r"Z and Y .*Z \(4, 5\), Y \(5, 1\)"),
        (
            lambda p, Y, Z, A: layer_l.dZ_by_differences(p, 1, Z, np.vstack([Y, Y]), "tanh"),
            r"^Y must have shape \(1, m\)",
        ),
        (lambda p, Y, Z, A: layer_l.dZ_by_differences(p, 1, Z[:3], Y, "tanh"), r"^Z must have 4 rows for layer l = 1"),
        # W1 with no columns, or ragged: W1 is named, not an X (n_0, m) the caller never gave.
        (lambda p, Y, Z, A: layer_l.dZ_by_differences([(p[0][0][:, :0], p[0][1]), p[1]], 1, Z, Y, "tanh"), r"^W1 "),
        (
            lambda p, Y, Z, A: layer_l.dA_by_differences([([[1.0, 2.0], [1.0]], p[0][1]), p[1]], 2, A, Y, "tanh"),
            r"^W1 ",
        ),
    ],
)
def test_the_derivatives_by_differences_name_what_was_given(call, message):
    params, _, Y, Z, A = _network()
    with pytest.raises(ValueError, match=message) as error:
        call(params, Y, Z, A)
    assert not re.search(r"\bX\b", str(error.value)), f"the message names an X the caller did not give: {error.value}"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda p, X, Y, Z: layer_l.stacked([(Z, Z), (Z, Z.T)], "how"), r"^pairs\[1\] must be two arrays of one shape"),
        (lambda p, X, Y, Z: layer_l.stacked([(Z, Z)], " "), r"^how must say how"),
        (
            lambda p, X, Y, Z: two_layer.named([*p, (np.ones((1, 1)), np.ones((1, 1)))], X, Y),
            r"^params must be the two",
        ),
        (lambda p, X, Y, Z: two_layer.named(p, X, Y[:, :4]), r"^Y must have shape \(1, m\) = \(1, 5\)"),
        (lambda p, X, Y, Z: two_layer.six_formulas({"X": X}), r"^net must be the dict of named\(\), .*got keys X$"),
        (lambda p, X, Y, Z: two_layer.dZ2(np.ones_like(Y), Y), r"^A2 must lie in \(0, 1\), but A2\[0, 0\] = 1.0"),
    ],
)
def test_the_checking_code_names_a_bad_argument(call, message):
    params, X, Y, Z, _ = _network()
    with pytest.raises(ValueError, match=message):
        call(params, X, Y, Z)
