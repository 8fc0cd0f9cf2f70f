"""The activations and their derivatives: autograd, central differences, the values at 0, the lookup."""

from __future__ import annotations

import inspect

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import elementwise_grad

from snippets.activations import (
    ACTIVATIONS,
    LEAKY_SLOPE,
    activation,
    leaky_relu,
    leaky_relu_prime,
    relu,
    relu_prime,
    tanh,
    tanh_prime,
)
from snippets.gradcheck import central_difference, relative_error

# Each activation written a second time, from its definition, for autograd to differentiate.
ORACLES = {
    "sigmoid": lambda z: 1 / (1 + anp.exp(-z)),
    "tanh": lambda z: (anp.exp(z) - anp.exp(-z)) / (anp.exp(z) + anp.exp(-z)),
    "relu": lambda z: anp.maximum(z, 0.0),
    "leaky_relu": lambda z: anp.where(z > 0, z, 0.01 * z),
}


def away_from_zero(rng, shape):
    return rng.choice([-1.0, 1.0], size=shape) * rng.uniform(0.05, 5.0, size=shape)


@pytest.mark.parametrize("name", ORACLES)
@pytest.mark.parametrize("shape", [(1, 1), (4, 1), (3, 6)], ids=str)
def test_derivative_agrees_with_autograd_and_central_differences(name, shape):
    g, g_prime = activation(name)
    Z = away_from_zero(np.random.default_rng(len(name) + shape[1]), shape)
    np.testing.assert_allclose(g(Z), ORACLES[name](Z), rtol=1e-14)
    np.testing.assert_allclose(g_prime(Z), elementwise_grad(ORACLES[name])(Z), rtol=1e-12, atol=1e-300)
    assert relative_error(g_prime(Z), central_difference(lambda t: g(t).sum(), Z)) < 1e-7
    assert g_prime(Z).shape == Z.shape


def test_relu_mask_comes_from_Z_not_from_A():
    Z = np.array([[-2.0, -0.5, 0.5, 3.0]])
    A = relu(Z)
    # A >= 0 holds for every entry, so a mask from A would claim slope 1 where Z < 0.
    assert (A >= 0).all()
    np.testing.assert_array_equal(relu_prime(Z), [[0.0, 0.0, 1.0, 1.0]])
    np.testing.assert_allclose(relu_prime(Z), central_difference(lambda t: relu(t).sum(), Z), rtol=1e-10)


def test_values_and_conventions_at_zero():
    assert relu(0.0) == 0.0 and relu_prime(0.0) == 0.0
    assert leaky_relu(0.0) == 0.0 and leaky_relu_prime(0.0) == LEAKY_SLOPE
    assert tanh(0.0) == 0.0 and tanh_prime(0.0) == 1.0
    sigmoid, sigmoid_prime = activation("sigmoid")
    assert sigmoid(0.0) == 0.5 and sigmoid_prime(0.0) == 0.25


def test_one_sided_slopes_at_zero_bracket_the_conventions():
    # ReLU's slope is 0 just left of 0 and 1 just right: no derivative at 0, so the code picks g'(0) = 0.
    h = 1e-8
    assert (relu(0.0) - relu(-h)) / h == 0.0 and (relu(h) - relu(0.0)) / h == 1.0
    assert (leaky_relu(0.0) - leaky_relu(-h)) / h == pytest.approx(LEAKY_SLOPE, rel=1e-9)


def test_tanh_prime_is_one_minus_A_squared_and_finite_far_out():
    Z = np.array([-800.0, -20.0, 0.3, 20.0, 800.0])
    A = tanh(Z)
    np.testing.assert_allclose(tanh_prime(Z), 1 - A**2, rtol=1e-15)
    assert np.isfinite(tanh_prime(Z)).all() and (tanh_prime(Z) >= 0).all()


def test_unknown_activation_names_the_known_ones():
    with pytest.raises(ValueError, match=r"unknown activation 'softplus'; known activations: 'sigmoid', 'tanh'"):
        activation("softplus")
    with pytest.raises(ValueError, match=r"name must name an activation: unknown activation \['relu'\]"):
        activation(["relu"])
    with pytest.raises(ValueError, match=r"^hidden must name an activation: unknown activation 3;"):
        activation(3, argument="hidden")  # the caller's own argument, e.g. network.J's hidden
    assert set(ACTIVATIONS) == set(ORACLES)


@pytest.mark.parametrize("name", ORACLES)
def test_nan_input_is_a_ValueError(name):
    g, g_prime = activation(name)
    for f in (g, g_prime):
        with pytest.raises(ValueError, match=r"contains NaN"):
            f(np.array([[0.0, np.nan]]))


@pytest.mark.parametrize("name", ORACLES)
@pytest.mark.parametrize(
    ("Z", "message"),
    [
        (np.array([[0.5 + 1e-3j]]), r"Z must be real numbers, got complex"),
        (np.array([[0.0, np.inf]]), r"Z must be finite, but Z\[0, 1\] = inf"),
        (np.ones((0, 3)), r"Z must hold at least one number"),
        ([[1.0], [2.0, 3.0]], r"Z must be real numbers in rows of one length"),
        ("relu", r"Z must be real numbers"),
    ],
)
def test_bad_Z_is_a_ValueError_naming_Z(name, Z, message):
    g, g_prime = activation(name)
    for f in (g, g_prime):
        (argument,) = inspect.signature(f).parameters  # Z, or z for the sigmoid of logistic regression
        with pytest.raises(ValueError, match=message.replace("Z", argument)):
            f(Z)


@pytest.mark.parametrize("name", ORACLES)
def test_a_list_is_read_as_the_array_it_spells(name):
    g, g_prime = activation(name)
    Z = [[-1.5, 0.0, 2.0]]
    for f in (g, g_prime):
        np.testing.assert_array_equal(f(Z), f(np.array(Z)))
