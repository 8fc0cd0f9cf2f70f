"""The gradient-checking-in-practice page: the course's implementation notes, each shown by a check run at build time.

One small network (tanh hidden layers, a sigmoid output, the cross-entropy) on a fixed data set,
checked as the course's assignment does: every parameter in one vector theta, its gradient from the
backward pass against central differences of the cost, one relative error for the whole vector, and
the assignment's line 2e-7 between "works" and "a mistake". The cost differentiated is written here
on its own (numpy's logaddexp, numpy's Frobenius norm, the mask applied inline); the backward pass is
the site's formulas (snippets.network, snippets.regularisation, snippets.dropout), with one bug
switched in where a row of a table says so. Each table raises if a check that should pass fails, or
one that should fail passes, so the page cannot print a verdict that the text contradicts.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from itertools import pairwise

import numpy as np

from snippets._validate import generator
from snippets.dropout import dA_drop, mask
from snippets.gradcheck import Compared, central_difference, relative_error
from snippets.network import Array, Params, dA_prev, db, dW, dZ_hidden, dZ_output
from snippets.pages.gradient_checking import ASSIGNMENT_THRESHOLD
from snippets.regularisation import dW_l2

SIZES = [4, 5, 3, 1]  # n_0, ..., n_L: two tanh hidden layers and a sigmoid output
M = 12  # examples
SEED = 1  # the printed figures come from this draw
THRESHOLD = ASSIGNMENT_THRESHOLD  # above it, the assignment reports a mistake in the backward propagation
LAMBD = 0.7  # the regularisation strength of the L2 rows
KEEP_PROB = 0.8  # the dropout rows
STEPS = 300  # gradient-descent steps before the second check
ALPHA = 0.5  # their learning rate
IMAGE_SIDE = 64
CAT_CLASSIFIER = [IMAGE_SIDE * IMAGE_SIDE * 3, 20, 7, 5, 1]  # a larger network: 64 x 64 colour images
BLOCKS = [f"d{p}[{l}]" for l in range(1, len(SIZES)) for p in "Wb"]  # noqa: E741 (theta's order, as printed)


def _start(rng: np.random.Generator) -> tuple[Params, Array, Array]:
    """W[l] random with variance 1/n_{l-1}, b[l] = 0 (the course's start), X and labels Y that a rule sets."""
    params = [(rng.normal(size=(n, n_prev)) / np.sqrt(n_prev), np.zeros((n, 1))) for n_prev, n in pairwise(SIZES)]
    X = rng.normal(size=(SIZES[0], M))
    Y = (X[0] + 0.5 * X[1] ** 2 > 0.5).astype(float)[None, :]
    return params, X, Y


def _cost(params: Params, X: Array, Y: Array, lambd: float = 0.0, masks: list[Array] | None = None) -> float:
    """J plus (lambd / 2m) sum ||W||_F^2, the masks (if any) applied to the hidden activations: written on its own."""
    A = X
    for l, (W, b) in enumerate(params[:-1]):  # noqa: E741
        A = np.tanh(W @ A + b)
        if masks is not None:
            A = A * masks[l] / KEEP_PROB
    Z = params[-1][0] @ A + params[-1][1]
    m = X.shape[1]
    penalty = lambd / (2 * m) * sum(np.linalg.norm(W, "fro") ** 2 for W, _ in params)
    return float(np.mean(Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)) + penalty)


def _backward(params: Params, X: Array, Y: Array, lambd: float = 0.0, masks=None, bug: str = "") -> list[Array]:
    """Checking code, not shown: the site's formulas through every layer; dW[1], db[1], ... in theta's order.

    ``bug``: "db" leaves 1/m out of every db[l]; "cache" evaluates tanh' at W A + b without its b (a cache
    that kept Z before b was added), which is right while every b = 0.
    """
    Zs, As = [], [X]
    for l, (W, b) in enumerate(params, start=1):  # noqa: E741
        Zs.append(W @ As[-1] + b)
        if l < len(params):
            H = np.tanh(Zs[-1])
            As.append(H * masks[l - 1] / KEEP_PROB if masks is not None else H)
    L, m = len(params), X.shape[1]
    dZs = {L: dZ_output(Zs[L - 1], Y)}
    for l in range(L - 1, 0, -1):  # noqa: E741
        dA = dA_prev(params[l][0], dZs[l + 1])
        if masks is not None:
            dA = dA_drop(dA, masks[l - 1], KEEP_PROB)
        Z = Zs[l - 1] - params[l - 1][1] if bug == "cache" else Zs[l - 1]
        dZs[l] = dZ_hidden(dA, Z, lambda Z: 1 - np.tanh(Z) ** 2)
    found = []
    for l in range(1, L + 1):  # noqa: E741
        found.append(dW_l2(dZs[l], As[l - 1], params[l - 1][0], lambd) if lambd else dW(dZs[l], As[l - 1]))
        found.append(db(dZs[l]) * (m if bug == "db" else 1))
    return found


def _approx(params: Params, cost: Callable[[Params], float]) -> list[Array]:
    """dtheta_approx: central differences of cost(params) in every W[l] and b[l], in theta's order."""
    found = []
    for index, (W, b) in enumerate(params):
        for which, start in ((0, W), (1, b)):

            def moved(t: Array, index: int = index, which: int = which) -> float:
                pair = (t, params[index][1]) if which == 0 else (params[index][0], t)
                return cost([*params[:index], pair, *params[index + 1 :]])

            found.append(central_difference(moved, start))
    return found


def _flat(arrays: list[Array]) -> Array:
    """Every entry in one vector, in theta's order: what the course's dictionary_to_vector makes."""
    return np.concatenate([np.ravel(a) for a in arrays])


def _difference(grad: list[Array], approx: list[Array]) -> float:
    return relative_error(_flat(grad), _flat(approx))


def _step(params: Params, X: Array, Y: Array) -> Params:
    """One step of gradient descent with the right gradients (no regularisation, no dropout)."""
    grads = _backward(params, X, Y)
    return [(W - ALPHA * grads[2 * i], b - ALPHA * grads[2 * i + 1]) for i, (W, b) in enumerate(params)]


def _trained(params: Params, X: Array, Y: Array) -> Params:
    """STEPS steps of gradient descent."""
    for _ in range(STEPS):
        params = _step(params, X, Y)
    return params


def _setup() -> tuple[Params, Array, Array, np.random.Generator]:
    rng = np.random.default_rng(SEED)
    params, X, Y = _start(rng)
    return params, X, Y, rng


# -- the numbers the page prints ---------------------------------------------------------------------


def whole_difference_db_bug() -> float:
    """The relative error of the whole theta when every db[l] lost its 1/m."""
    params, X, Y, _ = _setup()
    return _difference(_backward(params, X, Y, bug="db"), _approx(params, lambda p: _cost(p, X, Y)))


def examples() -> int:
    """The number of examples m of the page's data set."""
    return M


def steps() -> int:
    """How many steps of gradient descent come before the second check."""
    return STEPS


def lambd() -> float:
    """The lambda of the regularised rows."""
    return LAMBD


def keep_prob() -> float:
    """The keep_prob of the dropout rows."""
    return KEEP_PROB


def image_side() -> int:
    """The side of the images of the larger network, in pixels."""
    return IMAGE_SIDE


def inputs_of_a_cat_classifier() -> int:
    """n_0 of the larger network: one input per pixel and colour."""
    return CAT_CLASSIFIER[0]


def first_layer_of_a_cat_classifier() -> int:
    """n_1 of the larger network."""
    return CAT_CLASSIFIER[1]


def parameters_of_a_cat_classifier() -> int:
    """The number of entries of theta of the larger network: n_l (n_{l-1} + 1) for each layer, W[l] and b[l]."""
    sizes = CAT_CLASSIFIER
    return sum(n * (n_prev + 1) for n_prev, n in pairwise(sizes))


def evaluations_of_a_cat_classifier() -> int:
    """Two evaluations of J per entry of theta: what one check of that network costs."""
    return 2 * parameters_of_a_cat_classifier()


def _regularisation() -> dict[str, float]:
    params, X, Y, _ = _setup()
    with_term = _approx(params, lambda p: _cost(p, X, Y, LAMBD))
    return {
        "off": _difference(_backward(params, X, Y), _approx(params, lambda p: _cost(p, X, Y))),
        "on": _difference(_backward(params, X, Y, LAMBD), with_term),
        "forgotten": _difference(_backward(params, X, Y), with_term),
    }


def _dropout() -> dict[str, float]:
    params, X, Y, rng = _setup()
    shapes = [(n, M) for n in SIZES[1:-1]]
    masks = [mask(rng, shape, KEEP_PROB) for shape in shapes]
    ones = [np.ones(shape) for shape in shapes]

    def fresh(p: Params) -> float:  # a training step's J: a new mask on every evaluation
        return _cost(p, X, Y, masks=[mask(rng, shape, KEEP_PROB) for shape in shapes])

    grad = _backward(params, X, Y, masks=masks)
    return {
        "fresh": _difference(grad, _approx(params, fresh)),
        "fixed": _difference(grad, _approx(params, partial(_cost, X=X, Y=Y, masks=masks))),
        "off": _difference(_backward(params, X, Y, masks=ones), _approx(params, partial(_cost, X=X, Y=Y, masks=ones))),
    }


def first_step_over_the_line() -> int:
    """The first step of training after which the check finds the cache bug: its difference above the line."""
    params, X, Y, _ = _setup()
    for step in range(STEPS + 1):
        if _difference(_backward(params, X, Y, bug="cache"), _approx(params, partial(_cost, X=X, Y=Y))) > THRESHOLD:
            return step
        params = _step(params, X, Y)
    raise ValueError(f"the check does not find the cache bug within {STEPS} steps")


def _training() -> dict[str, float]:
    params, X, Y, _ = _setup()
    later = _trained(params, X, Y)
    found = {}
    for when, p in (("start", params), ("later", later)):
        approx = _approx(p, lambda q: _cost(q, X, Y))
        found[f"{when} right"] = _difference(_backward(p, X, Y), approx)
        found[f"{when} cache"] = _difference(_backward(p, X, Y, bug="cache"), approx)
    return found


def _components() -> list[tuple[str, float]]:
    params, X, Y, _ = _setup()
    grad, approx = _backward(params, X, Y, bug="db"), _approx(params, lambda p: _cost(p, X, Y))
    return [(name, relative_error(g, a)) for name, g, a in zip(BLOCKS, grad, approx, strict=True)]


def _shown(x: float) -> str:
    """A relative error as the page prints it: 3.1 × 10⁻¹¹."""
    if x >= 0.01:
        return f"{x:.2f}"
    mantissa, exponent = f"{x:.1e}".split("e")
    mantissa = mantissa.removesuffix(".0")  # 2 × 10⁻⁷, as the assignment writes 2e-7
    return f"{mantissa} × 10{str(int(exponent)).translate(str.maketrans('-0123456789', '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'))}"


def _row(what: str, difference: float, should_pass: bool) -> str:
    """One row: what was checked, the difference, the assignment's verdict; a ValueError if not the expected one."""
    passes = difference <= THRESHOLD
    if passes != should_pass:
        verdict = "passes" if passes else "fails"
        raise ValueError(f"'{what}': difference {difference:.2e} {verdict} the {THRESHOLD:g} line")
    return f"| {what} | {_shown(difference)} | {'works' if passes else '**a mistake**'} |"


def _head() -> str:
    return f"| the check | difference | verdict at {_shown(THRESHOLD)} |\n| --- | --- | --- |\n"


def table_regularisation() -> str:
    """Gradient checking with L2 regularisation off, on, and on with the term forgotten in dW."""
    d = _regularisation()
    return _head() + "\n".join(
        [
            _row("λ = 0: J and dW without the term", d["off"], True),
            _row(f"λ = {LAMBD}: J and dW both with the term", d["on"], True),
            _row(f"λ = {LAMBD} in J, dW without the term", d["forgotten"], False),
        ]
    )


def table_dropout() -> str:
    """Gradient checking with dropout: a fresh mask per evaluation of J, one fixed mask, and dropout off."""
    d = _dropout()
    return _head() + "\n".join(
        [
            _row(f"keep_prob = {KEEP_PROB}, a new mask each time J is computed", d["fresh"], False),
            _row(f"keep_prob = {KEEP_PROB}, one mask held fixed", d["fixed"], True),
            _row("dropout off: keep_prob = 1", d["off"], True),
        ]
    )


def table_training() -> str:
    """The right backward pass and one with the cache bug, at the random start and after some training."""
    d = _training()
    return _head() + "\n".join(
        [
            _row("at the start (every b = 0), right backward pass", d["start right"], True),
            _row("at the start, tanh′ of Z without b", d["start cache"], True),
            _row(f"after {STEPS} steps, right backward pass", d["later right"], True),
            _row(f"after {STEPS} steps, tanh′ of Z without b", d["later cache"], False),
        ]
    )


def table_components() -> str:
    """The relative error of each block of theta for a backward pass whose db[l] lost its 1/m."""
    rows = []
    for name, error in _components():
        wrong = name.startswith("db")
        rows.append(_row(name, error, not wrong).replace(" | works |", " | agrees |"))
    return "| block of θ | difference | verdict |\n| --- | --- | --- |\n" + "\n".join(rows)


# --8<-- [start:check_after_training]
def check_after_training(rng: np.random.Generator) -> list[Compared]:
    """The whole gradient with L2 regularisation, at a random start and after training, against central differences."""
    params, X, Y = _start(generator("rng", rng))
    found = []
    for p in (params, _trained(params, X, Y)):
        approx = _approx(p, lambda q: _cost(q, X, Y, LAMBD))
        found.append(Compared(_flat(_backward(p, X, Y, LAMBD)), _flat(approx), "central differences of J with L2"))
    return found


# --8<-- [end:check_after_training]
