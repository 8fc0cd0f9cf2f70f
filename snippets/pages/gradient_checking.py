"""Numerical checks of the gradient-checking page: the central difference's error, the choice of eps, float32, kinks.

The experiments behind the page's table draw random logistic-regression problems
(X is (n_x, m), w is (n_x, 1), Y is (1, m)) and check dw and db, each on its own,
against central differences of the cost J, as the logistic-regression pages do.
"""

from __future__ import annotations

import inspect
import math
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from checker.numeric import LIMIT
from snippets import network
from snippets._validate import count, generator, number, real_array
from snippets.activations import relu
from snippets.gradcheck import Compared, central_difference, relative_error
from snippets.vectorised import J, Problem, _checked, gradients

Array = NDArray[np.float64]
Params = network.Params
Grads = list[tuple[Array, Array]]
# How many random problems the page's measurements draw.
PROBLEMS = 200


# --8<-- [start:one_sided]
def forward_difference(f: Callable[[Array], float], x: ArrayLike, eps: float = 1e-5) -> Array:
    """(f(x + eps e_i) - f(x)) / eps for every entry i of x: one-sided, error O(eps)."""
    x, eps = _difference_args(f, x, eps)
    f_x = float(f(x))
    grad = np.empty_like(x)
    for i in np.ndindex(x.shape):
        step = np.zeros_like(x)
        step[i] = eps
        grad[i] = (float(f(x + step)) - f_x) / eps
    return grad


# --8<-- [end:one_sided]


def _difference_args(f: Callable[[Array], float], x: ArrayLike, eps: float) -> tuple[Array, float]:
    """The arguments x, as real float64, and eps, as a float: or a ValueError naming f, x or eps."""
    if not callable(f):
        raise ValueError(f"f must be a function of x, got {type(f).__name__}")
    return real_array("x", x), _step(eps)


def _step(eps: float) -> float:
    """The step eps as a float, or a ValueError unless it is one positive finite number."""
    eps = number("eps", eps)
    if eps <= 0:
        raise ValueError(f"eps must be a positive finite number, got {eps!r}")
    return eps


# --8<-- [start:taylor]
def _quartic(rng: np.random.Generator) -> tuple[Array, Array]:
    """Coefficients c_0, ..., c_4 of a random quartic f, and 8 points x in [-2, 2]."""
    generator("rng", rng)
    return rng.normal(size=5), rng.uniform(-2.0, 2.0, size=8)


def _f(c: Array, x: Array) -> Array:
    # f(x) = c_0 + c_1 x + c_2 x^2 + c_3 x^3 + c_4 x^4, at every point of x.
    return np.polynomial.polynomial.polyval(x, c)


def _derivative(c: Array, x: Array, k: int) -> Array:
    # The k-th derivative of f at every point of x.
    return np.polynomial.polynomial.polyval(x, np.polynomial.polynomial.polyder(c, k))


def check_two_sided(rng: np.random.Generator, eps: float = 1e-2) -> Compared:
    """The central difference minus f'(x) is (eps^2 / 6) f'''(x) for random quartics f."""
    c, x = _quartic(rng)
    # Each f(x_i) depends on x_i alone, so the gradient of the sum is the list of f'(x_i).
    D = central_difference(lambda t: _f(c, t).sum(), x, eps)
    exact = eps**2 / 6 * _derivative(c, x, 3)
    return Compared(D - _derivative(c, x, 1), exact, "the quartic's exact derivatives")


def check_one_sided(rng: np.random.Generator, eps: float = 1e-2) -> Compared:
    """The one-sided difference minus f'(x) is (eps / 2) f''(x) + O(eps^2) for random quartics f."""
    c, x = _quartic(rng)
    F = forward_difference(lambda t: _f(c, t).sum(), x, eps)
    # The exact remainder: eps/2 f'' + eps^2/6 f''' + eps^3/24 f''''; its first term is the O(eps) one.
    remainder = sum(eps ** (k - 1) / math.factorial(k) * _derivative(c, x, k) for k in (2, 3, 4))
    return Compared(F - _derivative(c, x, 1), remainder, "the quartic's exact derivatives")


# --8<-- [end:taylor]


# --8<-- [start:problems]
def logistic_problem(rng: np.random.Generator) -> Problem:
    """X (n_x, m), Y (1, m) in [0, 1], w (n_x, 1) and b, with n_x from 1 to 4 and m from 1 to 8."""
    generator("rng", rng)
    n_x, m = int(rng.integers(1, 5)), int(rng.integers(1, 9))
    w, b = rng.normal(size=(n_x, 1)), float(rng.normal())
    return Problem(X=rng.normal(size=(n_x, m)), Y=rng.uniform(size=(1, m)), w=w, b=b)


def compared(p: Problem, eps: float, cost: Callable = J) -> list[Compared]:
    """The site's dw and db, each with central differences of cost(w, b, X, Y) at the step eps."""
    if not isinstance(p, Problem):
        raise ValueError(f"p must be a vectorised.Problem, got {type(p).__name__}")
    if not callable(cost):
        raise ValueError(f"cost must be a function cost(w, b, X, Y), got {type(cost).__name__}")
    site = gradients(p)
    dw_approx = central_difference(lambda t: cost(t, p.b, p.X, p.Y), p.w, eps)
    db_approx = central_difference(lambda t: cost(p.w, float(t), p.X, p.Y), np.array(p.b), eps)
    how = f"central differences of {getattr(cost, '__name__', 'the cost')}, eps = {eps:g}"
    return [Compared(site["dJ/dw"], dw_approx, how), Compared(site["dJ/db"], db_approx, how)]


def error_of_check(p: Problem, eps: float, cost: Callable = J) -> float:
    """The worse of the relative errors of dw and db, each against central differences of cost."""
    return max(relative_error(c.site, c.independent) for c in compared(p, eps, cost))


def errors(rng: np.random.Generator, eps: float, cost: Callable = J, problems: int = PROBLEMS) -> Array:
    """The error of the check on each of `problems` random logistic-regression problems."""
    problems = count("problems", problems)
    return np.array([error_of_check(logistic_problem(rng), eps, cost) for _ in range(problems)])


def check_default_eps(rng: np.random.Generator, problems: int = 40) -> list[Compared]:
    """Worst error of dw and db against central differences with eps = 1e-5, over 40 random problems."""
    rng, problems = generator("rng", rng), count("problems", problems)
    return [c for _ in range(problems) for c in compared(logistic_problem(rng), 1e-5)]


# --8<-- [end:problems]


# --8<-- [start:float32]
def J_float32(w: ArrayLike, b: float, X: ArrayLike, Y: ArrayLike) -> float:
    """The cost J of snippets.vectorised, every operation in float32 (7 significant digits)."""
    w, b, X, Y = _checked(w, b, X, Y)
    w, X, Y = (v.astype(np.float32) for v in (w, X, Y))
    Z = w.T @ X + np.float32(b)  # (1, m), in float32
    zero = np.float32(0)
    return float((Y * np.logaddexp(zero, -Z) + (1 - Y) * np.logaddexp(zero, Z)).mean(dtype=np.float32))


# --8<-- [end:float32]


# --8<-- [start:kink]
def check_kink(rng: np.random.Generator, eps: float = 1e-5) -> Compared:
    """The central difference of ReLU at z = t eps, within eps of the kink, is (1 + t) / 2."""
    rng, eps = generator("rng", rng), _step(eps)
    t = np.append(0.0, rng.uniform(-1.0, 1.0, size=7))  # t = 0 is the kink itself: 1/2
    z = t * eps
    # ReLU acts entry by entry, so the gradient of the sum is the list of differences.
    D = central_difference(lambda s: relu(s).sum(), z, eps)
    return Compared(D, (1 + t) / 2, "the exact value (1 + t) / 2")


# --8<-- [end:kink]


# --8<-- [start:layers]
def layer_errors(
    params: Params, X: ArrayLike, Y: ArrayLike, hidden: str = "relu", eps: float = 1e-5, grads: Grads | None = None
) -> list[tuple[float, float]]:
    """[(error of dW[l], error of db[l]) for l = 1, ..., L]: each layer's gradients against central differences of J.

    Grads defaults to the site's [(dW[l], db[l])], from snippets.network.gradients; pass another list to check it.
    """
    grads = network.layers(network.gradients(network.Problem(params, X, Y, hidden))) if grads is None else grads
    if len(grads) != len(params):
        raise ValueError(f"grads must hold one (dW, db) per layer, {len(params)}, got {len(grads)}")
    found = []
    for l, ((W, b), (dW, db)) in enumerate(zip(params, grads, strict=True)):  # noqa: E741 (the course's l, from 0)

        def J_at(W_l, b_l, l=l):  # noqa: E741
            # J with layer l's (W, b) replaced, every other layer held fixed.
            return network.J([*params[:l], (W_l, b_l), *params[l + 1 :]], X, Y, hidden)

        dW_approx = central_difference(lambda t, J_at=J_at, b=b: J_at(t, b), W, eps)
        db_approx = central_difference(lambda t, J_at=J_at, W=W: J_at(W, t), b, eps)
        found.append((relative_error(dW, dW_approx), relative_error(db, db_approx)))
    return found


# --8<-- [end:layers]


# -- The numbers the page prints ([number]{= ...}, pipeline/printed.py) ----------------------------------

# What the course says, quoted once here: its step, and its rule of thumb for the difference.
COURSE_EPS = 1e-7
COURSE_VERDICTS = {"fine": 1e-7, "look closer": 1e-5, "bug": 1e-3}
ASSIGNMENT_THRESHOLD = 2e-7  # the week-1 gradient-checking assignment's line
TABLE_EPS = [1e-2, 1e-3, 1e-5, 1e-7]  # the table's rows
DRAWS = 5  # draws of PROBLEMS problems for the worst errors


def site_eps() -> float:
    """The step of the site's central differences (snippets.gradcheck.central_difference's default)."""
    return inspect.signature(central_difference).parameters["eps"].default


def course_eps() -> float:
    """The course's step."""
    return COURSE_EPS


def course_verdicts() -> list[float]:
    """The course's lines: fine, look closer, very likely a bug."""
    return list(COURSE_VERDICTS.values())


def assignment_threshold() -> float:
    """The assignment's line for a correct gradient."""
    return ASSIGNMENT_THRESHOLD


def site_limit() -> float:
    """Where the site's numeric checks fail (checker.numeric.LIMIT)."""
    return LIMIT


def problems() -> int:
    """How many random problems a measurement draws."""
    return PROBLEMS


def _u(dtype: type = np.float64) -> float:
    """The unit roundoff: half the gap above 1, the relative error of one rounding."""
    return float(np.finfo(dtype).eps) / 2


def _digits(dtype: type = np.float64) -> float:
    """The decimal digits a float type keeps, -log10(u)."""
    return -math.log10(_u(dtype))


def _best_step(dtype: type = np.float64) -> float:
    """The best step s = (3u / M)^{1/3}, with M = 1: where Taylor error and rounding balance."""
    return (3 * _u(dtype)) ** (1 / 3)


def _smallest_error(dtype: type = np.float64) -> float:
    """(3/2) (M u^2 / 3)^{1/3} with M = 1: the error at the best step."""
    return 1.5 * (_u(dtype) ** 2 / 3) ** (1 / 3)


def u32() -> float:
    """The unit roundoff of float32."""
    return _u(np.float32)


def digits32() -> float:
    """The decimal digits float32 keeps."""
    return _digits(np.float32)


def best_step32() -> float:
    """The best step in float32."""
    return _best_step(np.float32)


def smallest_error32() -> float:
    """The smallest error of a float32 check."""
    return _smallest_error(np.float32)


def three_u() -> float:
    """3u in float64, under the best step's cube root."""
    return 3 * _u()


def three_u32() -> float:
    """3u in float32."""
    return 3 * u32()


def rounding_at_course_eps() -> float:
    """The rounding's share of the slope at the course's step, u / eps, times |f|."""
    return _u() / COURSE_EPS


def one_sided_error_factor() -> float:
    """Eps at the site's step: the one-sided error is (eps / 2) f'', of order eps."""
    return site_eps()


def two_sided_error_factor() -> float:
    """Eps^2 / 6 at the site's step: the two-sided error is (eps^2 / 6) f'''."""
    return site_eps() ** 2 / 6


def eps_table() -> str:
    """For each eps of TABLE_EPS: the median and worst error in float64, and the median in float32, one digit each."""
    rows = ["| \\(\\varepsilon\\) | float64, median | float64, worst | float32, median |", "| --- | --- | --- | --- |"]
    for eps in TABLE_EPS:
        e64 = errors(np.random.default_rng(0), eps)
        e32 = errors(np.random.default_rng(0), eps, J_float32)
        cells = [_one_digit(np.median(e64)), _one_digit(e64.max()), _one_digit(np.median(e32))]
        rows.append(f"| \\(10^{{{round(math.log10(eps))}}}\\) | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _one_digit(x: float) -> str:
    """X to one significant digit, as 4 × 10⁻⁶ (1 for every digit lost)."""
    if x >= 0.95:
        return f"{x:.0f}"
    mantissa, exponent = f"{x:.0e}".split("e")
    return f"{mantissa} × 10" + str(int(exponent)).translate(str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _worst_of_draws(eps: float) -> list[float]:
    return [float(errors(np.random.default_rng(seed), eps).max()) for seed in range(DRAWS)]


def worst_at_course_eps() -> list[float]:
    """The lowest and highest of the worst errors of DRAWS draws at the course's step."""
    worst = _worst_of_draws(COURSE_EPS)
    return [min(worst), max(worst)]


def worst_at_site_eps() -> list[float]:
    """The lowest and highest of the worst errors of DRAWS draws at the site's step."""
    worst = _worst_of_draws(site_eps())
    return [min(worst), max(worst)]


def u64() -> float:
    """The unit roundoff of float64."""
    return _u()


def digits64() -> float:
    """The decimal digits float64 keeps."""
    return _digits()


def best_step64() -> float:
    """The best step in float64."""
    return _best_step()


def smallest_error64() -> float:
    """The smallest error of a float64 check."""
    return _smallest_error()
