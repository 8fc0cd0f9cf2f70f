"""The central difference and the course's relative error."""

from __future__ import annotations

import numpy as np
import pytest

from snippets.gradcheck import central_difference, relative_error


def test_central_difference_of_a_cubic_is_second_order():
    x = np.array([0.3, -1.2, 2.0])

    def f(t):
        return float(np.sum(t**3))

    errors = [np.max(np.abs(central_difference(f, x, eps) - 3 * x**2)) for eps in (1e-2, 1e-3)]
    # Halving the error per halving of eps would be first order; O(eps^2) gives a factor 100.
    assert errors[0] / errors[1] == pytest.approx(100, rel=0.05)


def test_central_difference_keeps_the_shape_of_x():
    x = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(central_difference(lambda t: float(np.sum(t**2)), x), 2 * x, rtol=1e-6)


def test_relative_error_is_the_course_formula():
    g = np.array([1.0, 2.0, 2.0])
    h = np.array([1.0, 2.0, 2.5])
    assert relative_error(g, h) == pytest.approx(0.5 / (3.0 + np.sqrt(1 + 4 + 6.25)))
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0


@pytest.mark.parametrize("eps", [0.0, -1e-7, np.nan, np.inf])
def test_bad_eps_is_named(eps):
    with pytest.raises(ValueError, match="eps must be a positive finite number"):
        central_difference(lambda t: 0.0, np.zeros(2), eps)


def test_mismatched_shapes_are_named():
    with pytest.raises(ValueError, match=r"grad has shape \(2,\) but approx has shape \(3,\)"):
        relative_error(np.zeros(2), np.zeros(3))


@pytest.mark.parametrize(
    ("grad", "approx", "message"),
    [
        # inf / (inf + inf) would be NaN: a gradient that overflowed is an error, not a relative error.
        (np.inf, np.inf, r"grad must be finite"),
        ([1.0, 2.0], [1.0, -np.inf], r"approx must be finite, but approx\[1\] = -inf"),
        ([1.0, np.nan], [1.0, 2.0], r"grad contains NaN"),
        ([1.0 + 1j], [1.0], r"grad must be real numbers, got complex"),
        ([], [], r"grad must hold at least one number"),
    ],
)
def test_bad_gradients_are_named(grad, approx, message):
    with pytest.raises(ValueError, match=message):
        relative_error(grad, approx)
