"""The L-layer network: gradients against central differences and autograd, shapes, bad arguments."""

from __future__ import annotations

import autograd.numpy as anp
import numpy as np
import pytest
from autograd import grad

from snippets import network, vectorised
from snippets.activations import ACTIVATIONS, relu, tanh
from snippets.gradcheck import central_difference, relative_error
from snippets.logistic import loss, sigma
from snippets.network import J, Problem, dA_prev, db, dW, dZ_hidden, dZ_output, forward, layers, random_parameters
from snippets.vectorised import J as J_logistic

# ([n_0, ..., n_L], m): depths 1 to 4, one example and several. Some have n_l >= n_{l-1} for l >= 2
# ([2, 3, 4, 1], [3, 2, 2, 5, 1]): there W[l] and W[l-1], A[l] and A[l-1] differ in shape, so a layer-index slip
# raises or gives wrong numbers instead of passing by luck of the shapes.
SHAPES = [
    ([1, 1], 1),
    ([3, 1], 4),
    ([2, 3, 1], 1),
    ([4, 5, 1], 6),
    ([3, 4, 2, 1], 1),
    ([2, 5, 4, 3, 1], 7),
    ([2, 3, 4, 1], 3),
    ([3, 2, 2, 5, 1], 2),
]
HIDDEN = list(ACTIVATIONS)

# Written a second time, from the definitions, for autograd to differentiate.
ORACLE_G = {
    "sigmoid": lambda z: 1 / (1 + anp.exp(-z)),
    "tanh": anp.tanh,
    "relu": lambda z: anp.maximum(z, 0.0),
    "leaky_relu": lambda z: anp.where(z > 0, z, 0.01 * z),
}


def autograd_J(flat, shapes, X, Y, hidden):
    """J from the definition: A[0] = X, A[l] = g(W[l] A[l-1] + b[l]), A[L] = sigma(...), mean cross-entropy."""
    A, k = X, 0
    for l, (n, n_prev) in enumerate(shapes, start=1):  # noqa: E741
        W = anp.reshape(flat[k : k + n * n_prev], (n, n_prev))
        b = anp.reshape(flat[k + n * n_prev : k + n * n_prev + n], (n, 1))
        k += n * n_prev + n
        Z = anp.dot(W, A) + b
        A = ORACLE_G[hidden](Z) if l < len(shapes) else 1 / (1 + anp.exp(-Z))
    return -anp.mean(Y * anp.log(A) + (1 - Y) * anp.log(1 - A))


def flatten(arrays):
    return np.concatenate([x.ravel() for pair in arrays for x in pair])


def gradients(params, X, Y, hidden="relu"):
    """The site's gradients as [(dW[1], db[1]), ...]."""
    return layers(network.gradients(Problem(params, X, Y, hidden)))


def problem(rng, sizes, m, hidden):
    """Parameters, X and Y with every hidden |Z| >= 0.01, away from the kinks of ReLU and leaky ReLU."""
    while True:
        params = random_parameters(rng, sizes, scale=1.0)
        X = rng.normal(size=(sizes[0], m))
        Zs, _ = forward(params, X, ACTIVATIONS[hidden][0])
        if all(np.abs(Z).min() >= 0.01 for Z in Zs[:-1]):
            return params, X, rng.uniform(size=(1, m))


def central_differences(params, X, Y, hidden):
    """dJ/dW[l] and dJ/db[l] of every layer by central differences, flattened in the order of params."""
    flat = flatten(params)
    shapes = [W.shape for W, _ in params]

    def J_of(v):
        out, k = [], 0
        for n, n_prev in shapes:
            out.append((v[k : k + n * n_prev].reshape(n, n_prev), v[k + n * n_prev : k + n * n_prev + n].reshape(n, 1)))
            k += n * n_prev + n
        return J(out, X, Y, hidden)

    return central_difference(J_of, flat)


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize(("sizes", "m"), SHAPES, ids=str)
@pytest.mark.parametrize("seed", range(2))
def test_gradients_agree_with_central_differences_of_J(sizes, m, hidden, seed):
    params, X, Y = problem(np.random.default_rng(seed), sizes, m, hidden)
    grads = gradients(params, X, Y, hidden)
    assert [(dW.shape, db.shape) for dW, db in grads] == [(W.shape, b.shape) for W, b in params]
    assert relative_error(flatten(grads), central_differences(params, X, Y, hidden)) < 1e-7


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize(("sizes", "m"), SHAPES, ids=str)
def test_gradients_and_J_agree_with_autograd(sizes, m, hidden):
    params, X, Y = problem(np.random.default_rng(7), sizes, m, hidden)
    shapes = [W.shape for W, _ in params]
    oracle = grad(autograd_J)(flatten(params), shapes, X, Y, hidden)
    assert relative_error(flatten(gradients(params, X, Y, hidden)), oracle) < 1e-12
    assert J(params, X, Y, hidden) == pytest.approx(float(autograd_J(flatten(params), shapes, X, Y, hidden)), rel=1e-12)


def test_default_hidden_activation_is_relu():
    params, X, Y = problem(np.random.default_rng(3), [3, 4, 1], 5, "relu")
    assert J(params, X, Y) == J(params, X, Y, "relu")
    np.testing.assert_array_equal(flatten(gradients(params, X, Y)), flatten(gradients(params, X, Y, "relu")))


def test_two_layer_m_1_matches_the_pages_scalar_formulas():
    # The two-layer page's network: 2 inputs, 2 tanh units, 1 sigmoid output, one example.
    rng = np.random.default_rng(4)
    params, X, Y = problem(rng, [2, 2, 1], 1, "tanh")
    (W1, b1), (W2, b2) = params
    (x1, x2), y = X[:, 0], Y[0, 0]
    a11, a12 = np.tanh(W1 @ X[:, 0] + b1[:, 0])
    v1, v2 = W2[0]
    a21 = float(sigma(v1 * a11 + v2 * a12 + b2[0, 0]))
    dz21 = a21 - y
    dz11, dz12 = dz21 * v1 * (1 - a11**2), dz21 * v2 * (1 - a12**2)
    (dW1, db1), (dW2, db2) = gradients(params, X, Y, "tanh")
    np.testing.assert_allclose(dW2, [[dz21 * a11, dz21 * a12]], rtol=1e-13)
    np.testing.assert_allclose(db2, [[dz21]], rtol=1e-13)
    np.testing.assert_allclose(dW1, [[dz11 * x1, dz11 * x2], [dz12 * x1, dz12 * x2]], rtol=1e-13)
    np.testing.assert_allclose(db1, [[dz11], [dz12]], rtol=1e-13)


@pytest.mark.parametrize(("n_x", "m"), [(1, 1), (3, 1), (4, 6)])
def test_one_layer_is_logistic_regression_with_W_equal_to_w_transposed(n_x, m):
    rng = np.random.default_rng(n_x + m)
    w, b, X, Y = rng.normal(size=(n_x, 1)), float(rng.normal()), rng.normal(size=(n_x, m)), rng.uniform(size=(1, m))
    params = [(w.T, np.array([[b]]))]  # A[0] = X, W = w^T
    ((dW_1, db_1),) = gradients(params, X, Y)
    logistic = vectorised.gradients(vectorised.Problem(X=X, Y=Y, w=w, b=b))
    np.testing.assert_allclose(dW_1, logistic["dJ/dw"].T, rtol=1e-13)  # (1/m) dZ X^T = ((1/m) X dZ^T)^T
    assert db_1[0, 0] == pytest.approx(logistic["dJ/db"], rel=1e-13)
    assert J(params, X, Y) == pytest.approx(J_logistic(w, b, X, Y), rel=1e-13)


def test_tanh_derivative_from_the_wrong_layer_disagrees():
    # The forum's mistake: 1 - A2^2 (the output's A) in place of 1 - A1^2 in dZ1.
    params, X, Y = problem(np.random.default_rng(5), [3, 4, 1], 6, "tanh")
    (W1, b1), (W2, b2) = params
    A1 = tanh(W1 @ X + b1)
    A2 = sigma(W2 @ A1 + b2)
    dZ2 = A2 - Y
    right = dW((W2.T @ dZ2) * (1 - A1**2), X)
    wrong = dW((W2.T @ dZ2) * (1 - A2**2), X)
    dW1 = gradients(params, X, Y, "tanh")[0][0]
    np.testing.assert_allclose(dW1, right, rtol=1e-13)
    assert relative_error(wrong, dW1) > 1e-2


def test_a_relu_mask_from_A_would_be_caught(monkeypatch):
    # With g'(Z) taken as (A >= 0), every unit passes its gradient, dead or not.
    params, X, Y = problem(np.random.default_rng(6), [3, 5, 4, 1], 6, "relu")
    right = flatten(gradients(params, X, Y, "relu"))
    assert relative_error(right, central_differences(params, X, Y, "relu")) < 1e-7
    monkeypatch.setitem(ACTIVATIONS, "relu", (relu, lambda Z: (relu(Z) >= 0).astype(float)))
    wrong = flatten(gradients(params, X, Y, "relu"))
    assert relative_error(wrong, central_differences(params, X, Y, "relu")) > 1e-2


def test_J_is_the_mean_of_the_losses_and_finite_when_sigma_saturates():
    params, X, Y = problem(np.random.default_rng(8), [2, 3, 1], 5, "tanh")
    Zs, _ = forward(params, X, tanh)
    assert J(params, X, Y, "tanh") == pytest.approx(float(loss(sigma(Zs[-1]), Y).mean()), rel=1e-13)
    big = [(np.array([[100.0]]), np.array([[0.0]]))]
    X, Y = np.array([[-8.0, 8.0]]), np.array([[1.0, 0.0]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        assert J(big, X, Y) == pytest.approx(800.0, rel=1e-12)  # -log(sigma(-800)) = 800 + log(1 + e^-800)
        assert all(np.isfinite(x).all() for pair in gradients(big, X, Y) for x in pair)


def test_forward_shapes_and_A0_is_X():
    params = random_parameters(np.random.default_rng(0), [4, 3, 2, 1])
    X = np.ones((4, 5))
    Zs, As = forward(params, X, relu)
    assert [Z.shape for Z in Zs] == [(3, 5), (2, 5), (1, 5)]
    assert [A.shape for A in As] == [(4, 5), (3, 5), (2, 5)] and As[0] is X


def test_random_parameters_shapes_scale_and_seed():
    params = random_parameters(np.random.default_rng(0), [5, 4, 3, 1], scale=0.1)
    assert [(W.shape, b.shape) for W, b in params] == [((4, 5), (4, 1)), ((3, 4), (3, 1)), ((1, 3), (1, 1))]
    assert max(np.abs(W).max() for W, _ in params) < 0.6  # 0.1 times N(0, 1): six sigmas
    again = random_parameters(np.random.default_rng(0), [5, 4, 3, 1], scale=0.1)
    np.testing.assert_array_equal(flatten(params), flatten(again))


@pytest.mark.parametrize(
    ("rng", "sizes", "scale", "message"),
    [
        (np.random.default_rng(0), [3], 0.5, r"sizes must list at least two positive integers"),
        (np.random.default_rng(0), [3, 0, 1], 0.5, r"sizes must list"),
        (np.random.default_rng(0), [3, 2.5, 1], 0.5, r"sizes must list"),
        (np.random.default_rng(0), "31", 0.5, r"sizes must list"),
        (np.random.default_rng(0), [3, 1], 0.0, r"scale must be a positive finite number"),
        (np.random.default_rng(0), [3, 1], float("nan"), r"scale must be"),
        (0, [3, 1], 0.5, r"rng must be a numpy.random.Generator, got int"),
    ],
)
def test_random_parameters_bad_arguments(rng, sizes, scale, message):
    with pytest.raises(ValueError, match=message):
        random_parameters(rng, sizes, scale)


def _params(*shapes):
    return [(np.ones(w), np.ones(b)) for w, b in shapes]


GOOD = _params(((3, 2), (3, 1)), ((1, 3), (1, 1)))


@pytest.mark.parametrize(
    ("params", "X", "Y", "hidden", "message"),
    [
        (GOOD, np.ones(2), np.ones((1, 4)), "relu", r"X must have shape \(n_0, m\)"),
        (GOOD, np.ones((2, 0)), np.ones((1, 0)), "relu", r"m >= 1"),
        (GOOD, [[1.0, np.nan], [0, 0]], np.ones((1, 2)), "relu", r"X contains NaN"),
        ([], np.ones((2, 4)), np.ones((1, 4)), "relu", r"params must be a non-empty list"),
        ([np.ones((1, 2))], np.ones((2, 4)), np.ones((1, 4)), "relu", r"params\[0\] must be a pair \(W1, b1\)"),
        (
            _params(((3, 5), (3, 1)), ((1, 3), (1, 1))),
            np.ones((2, 4)),
            np.ones((1, 4)),
            "relu",
            r"W1 has shape \(3, 5\), but X has n_0 = 2 rows: W1 must have 2 columns",
        ),
        (
            _params(((3, 2), (3, 1)), ((1, 4), (1, 1))),
            np.ones((2, 4)),
            np.ones((1, 4)),
            "relu",
            r"W2 has shape \(1, 4\), but layer 1 has n_1 = 3 units \(W1 is \(3, 2\)\): W2 must have 3 columns",
        ),
        (
            _params(((3, 2), (3,)), ((1, 3), (1, 1))),
            np.ones((2, 4)),
            np.ones((1, 4)),
            "relu",
            r"b1 must have shape \(n_1, 1\) = \(3, 1\) to match W1 \(3, 2\), got \(3,\)",
        ),
        (
            _params(((3, 2), (3, 1)), ((2, 3), (2, 1))),
            np.ones((2, 4)),
            np.ones((1, 4)),
            "relu",
            r"the output layer L = 2 must have 1 unit to match Y \(1, m\), but W2 has shape \(2, 3\)",
        ),
        (
            _params(((3, 2), (3, 1)), ((1, 3), (1, 1)), ((1, 1, 1), (1, 1))),
            np.ones((2, 4)),
            np.ones((1, 4)),
            "relu",
            r"W3 must be a matrix",
        ),
        (
            GOOD,
            np.ones((2, 4)),
            np.ones(4),
            "relu",
            r"Y must have shape \(1, m\) = \(1, 4\) to match X \(2, 4\), got shape \(4,\)",
        ),
        (GOOD, np.ones((2, 4)), [[0.0, 1.0, 2.0, 1.0]], "relu", r"Y must lie in \[0, 1\], but Y\[0, 2\] = 2.0"),
        (
            [(np.full((3, 2), np.inf), np.ones((3, 1))), (np.ones((1, 3)), np.ones((1, 1)))],
            np.ones((2, 4)),
            np.ones((1, 4)),
            "relu",
            r"W1 must be finite, but W1\[0, 0\] = inf",
        ),
        (GOOD, np.ones((2, 4)), np.ones((1, 4)), "softplus", r"unknown activation 'softplus'; known activations"),
    ],
)
@pytest.mark.parametrize("f", [J, gradients], ids=["J", "gradients"])
def test_bad_arguments_are_named_in_a_ValueError(f, params, X, Y, hidden, message):
    with pytest.raises(ValueError, match=message):
        f(params, X, Y, hidden)


def test_gradients_takes_a_Problem_and_names_its_keys():
    params, X, Y = problem(np.random.default_rng(9), [2, 3, 1], 4, "tanh")
    assert list(network.gradients(Problem(params, X, Y, "tanh"))) == ["dJ/dW[1]", "dJ/db[1]", "dJ/dW[2]", "dJ/db[2]"]
    with pytest.raises(ValueError, match=r"problem must be a network.Problem\(params, X, Y, hidden\), got list"):
        network.gradients([params, X, Y])


# -- one equation at a time: arguments that would broadcast, or are not numbers, are named ---------------

ONE = np.ones((3, 4))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda: dZ_hidden(np.ones((3, 1)), ONE, tanh),
            r"dA and Z must have the same shape .* dA \(3, 1\), Z \(3, 4\)",
        ),
        (lambda: dZ_hidden(ONE, ONE, "tanh'"), r"g_prime must be a function of Z, got str"),
        (lambda: dZ_hidden(ONE, np.ones(4), tanh), r"Z must have shape \(n_l, m\) .*got shape \(4,\)"),
        (lambda: dZ_hidden([[1.0, np.nan]], [[0.0, 1.0]], tanh), r"dA contains NaN"),
        (
            lambda: dZ_output(np.ones((1, 4)), np.ones((4, 1))),
            r"Z_L and Y must have the same shape .* Z_L \(1, 4\), Y \(4, 1\)",
        ),
        (lambda: dZ_output(np.ones((1, 2)), [[0.0, 2.0]]), r"Y must lie in \[0, 1\], but Y\[0, 1\] = 2.0"),
        (lambda: dZ_output([[np.inf, 0.0]], [[0.0, 1.0]]), r"Z_L must be finite"),
        (lambda: dW(ONE, np.ones((2, 5))), r"dZ and A_prev must have one column per example, the same m"),
        (lambda: dW(np.ones((3, 0)), np.ones((2, 0))), r"dZ must have shape \(n_l, m\) .*got shape \(3, 0\)"),
        (lambda: dW(ONE + 1j, ONE), r"dZ must be real numbers, got complex"),
        (lambda: db(np.ones(3)), r"dZ must have shape \(n_l, m\) .*got shape \(3,\)"),
        (lambda: db([["a", "b"]]), r"dZ must be real numbers"),
        (lambda: dA_prev(np.ones((2, 3)), ONE), r"W has 2 rows \(units n_l\) but dZ has 3"),
        (lambda: dA_prev(np.ones((3, 2)), np.ones((3, 4, 1))), r"dZ must have shape \(n_l, m\)"),
        (lambda: forward([(np.ones((2, 3)), np.ones((2, 1)))], ONE, np.tanh), None),
        (lambda: forward([(np.ones((2, 3)), np.ones((2, 1)))], np.ones((2, 4)), np.tanh), r"W1 has shape \(2, 3\)"),
        (lambda: forward([(np.ones((2, 3)), np.ones((2, 1)))], ONE, None), r"g must be a function of Z, got NoneType"),
    ],
)
def test_each_equation_names_a_bad_argument(call, message):
    if message is None:
        assert call()[0][0].shape == (2, 4)
        return
    with pytest.raises(ValueError, match=message):
        call()


def test_each_equation_takes_lists_and_gives_the_formula():
    dZ, A_prev, W = [[1.0, -2.0]], [[3.0, 4.0], [0.5, 1.0]], [[2.0, -1.0]]
    np.testing.assert_allclose(dW(dZ, A_prev), [[(3.0 - 8.0) / 2, (0.5 - 2.0) / 2]])
    np.testing.assert_allclose(db(dZ), [[-0.5]])
    np.testing.assert_allclose(dA_prev(W, dZ), [[2.0, -4.0], [-1.0, 2.0]])
    np.testing.assert_allclose(dZ_output([[0.0]], [[1.0]]), [[-0.5]])
    np.testing.assert_allclose(dZ_hidden([[2.0]], [[0.0]], lambda Z: 1 - np.tanh(Z) ** 2), [[2.0]])
