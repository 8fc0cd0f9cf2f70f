"""Numerical checks of the vanishing-gradients page, and the data of its figure.

The independent values are mpmath's, at 50 digits: the sigmoid, the chain and the network's cost
are written here again in mpmath, not with the site's numpy, and differentiated by mpmath.diff.
float64 central differences cannot serve: a deep sigmoid network's first-layer gradient is far
below their rounding error (about 1e-16 J / 1e-5 = 1e-11).
"""

from __future__ import annotations

import itertools

import mpmath
import numpy as np

from pipeline import figures
from snippets import network
from snippets._validate import generator
from snippets.gradcheck import Compared, central_difference, relative_error
from snippets.logistic import sigma, sigma_prime
from snippets.network import Array, Params, Problem, forward, gradients, random_parameters
from snippets.pages.gradient_checking import course_eps
from snippets.vanishing import chain_slope, size

DIGITS = 50
# findroot's tolerance: mpmath.diff of order 2 is noisy near 1e-20, and sigma' is flat at its peak
TOL = mpmath.mpf(10) ** -18
# The dense search: z on a grid of this spacing over [-Z_FAR, Z_FAR], shifted by a random fraction of it.
SPACING, Z_FAR = 1e-4, 10.0
# Depths of the chains of single units that check_chain draws, and the examples each one sees.
DEPTHS, EXAMPLES = (1, 2, 5, 10, 20, 30), 3
# check_deep: [n_0, n_1, ..., n_L] of a deep sigmoid network (square hidden W: a missing transpose shows), m.
DEEP, DEEP_M = [2, 2, 2, 2, 2, 2, 2, 1], 3
# The figure: L layers of WIDTH units, m examples, fixed seed; W[l] ~ N(0, VARIANCE[g] / n_{l-1}), b = 0.
FIGURE_L, FIGURE_WIDTH, FIGURE_M, FIGURE_SEED = 10, 16, 64, 0
VARIANCE = {"sigmoid": 1.0, "tanh": 1.0, "relu": 2.0}  # Var(W) = 1/n, and 2/n (He) for ReLU


def _mp_sigma(z: mpmath.mpf) -> mpmath.mpf:
    """The sigmoid in mpmath, written on its own: 1 / (1 + e^{-z})."""
    return 1 / (1 + mpmath.exp(-z))


def _mp_slope(z: mpmath.mpf) -> mpmath.mpf:
    """sigma'(z) by mpmath's numerical derivative of the sigmoid, not by the formula a(1 - a)."""
    return mpmath.diff(_mp_sigma, z)


# --8<-- [start:check_sigma_prime_max]
def check_sigma_prime_max(rng: np.random.Generator) -> list[Compared]:
    """The largest sigma'(z) on a dense grid of z against mpmath's maximum, where sigma''(z) = 0."""
    generator("rng", rng)
    z = np.arange(-Z_FAR, Z_FAR, SPACING) + rng.uniform(0, SPACING)  # 200000 points, none exactly 0
    with mpmath.workdps(DIGITS):
        # where the slope peaks: the root of mpmath's second derivative in a random bracket around it
        bracket = (rng.uniform(-2, -0.5), rng.uniform(0.5, 2))
        top = mpmath.findroot(lambda t: mpmath.diff(_mp_sigma, t, 2), bracket, solver="anderson", tol=TOL)
        peak = float(_mp_slope(top))
    # On the grid the peak is missed by at most SPACING / 2; sigma' = 1/4 - z^2/16 + ..., so by < 1e-9.
    return [
        Compared(np.max(sigma_prime(z)), peak, "mpmath: sigma' where sigma'' = 0, 50 digits"),
        Compared(sigma_prime(float(top)), peak, "mpmath: sigma' at its peak, 50 digits"),
    ]


# --8<-- [end:check_sigma_prime_max]


def _mp_chain(w: Array, b: Array, x: mpmath.mpf) -> mpmath.mpf:
    """a[L] of the chain a[l] = sigma(w[l] a[l-1] + b[l]), a[0] = x, in mpmath."""
    a = x
    for w_l, b_l in zip(w, b, strict=True):
        a = _mp_sigma(mpmath.mpf(float(w_l)) * a + mpmath.mpf(float(b_l)))
    return a


# --8<-- [start:check_chain]
def check_chain(rng: np.random.Generator) -> list[Compared]:
    """Chains of single sigmoid units: prod w[l] sigma'(z[l]) against mpmath's da[L]/da[0], at 50 digits."""
    found = []
    for L in DEPTHS:
        params = random_parameters(rng, [1] * (L + 1), scale=1.0)  # one unit per layer, weights of size 1
        X = rng.normal(size=(1, EXAMPLES))  # a[0] of each example
        Zs, _ = forward(params, X, sigma)  # every layer a sigmoid; forward leaves Z[L] as it is
        w = np.array([W[0, 0] for W, _ in params])
        site = chain_slope(w, np.vstack([sigma_prime(Z) for Z in Zs]))
        b = np.array([b[0, 0] for _, b in params])
        with mpmath.workdps(DIGITS):
            exact = [float(mpmath.diff(lambda t, w=w, b=b: _mp_chain(w, b, t), mpmath.mpf(float(x)))) for x in X[0]]
        found.append(Compared(site, np.array(exact), "mpmath's derivative of the chain, 50 digits"))
    return found


# --8<-- [end:check_chain]


def _mp_cost(params: list, X: Array, Y: Array) -> mpmath.mpf:
    """J of a sigmoid network (every layer sigma) in mpmath: the mean cross-entropy, from a = sigma(z)."""
    total = mpmath.mpf(0)
    for i in range(X.shape[1]):
        a = [mpmath.mpf(float(v)) for v in X[:, i]]
        for W, b in params:
            a = [_mp_sigma(sum(W[j][k] * a[k] for k in range(len(a))) + b[j]) for j in range(len(b))]
        y = mpmath.mpf(float(Y[0, i]))
        total -= y * mpmath.log(a[0]) + (1 - y) * mpmath.log(1 - a[0])
    return total / X.shape[1]


def _mp_dW(params: Params, X: Array, Y: Array, l: int) -> Array:  # noqa: E741 (the course's layer index)
    """dJ/dW[l] by mpmath.diff of _mp_cost, entry by entry, at 50 digits."""
    exact = [
        ([[mpmath.mpf(float(v)) for v in row] for row in W], [mpmath.mpf(float(v)) for v in b[:, 0]]) for W, b in params
    ]
    W = exact[l - 1][0]
    out = np.empty(params[l - 1][0].shape)
    for j, k in np.ndindex(out.shape):
        held = W[j][k]

        def cost(t, j=j, k=k):
            W[j][k] = t
            return _mp_cost(exact, X, Y)

        out[j, k] = float(mpmath.diff(cost, held))
        W[j][k] = held
    return out


# --8<-- [start:check_deep]
def check_deep(rng: np.random.Generator) -> list[Compared]:
    """A deep sigmoid network: the site's dW[l] of every layer against mpmath's dJ/dW[l], at 50 digits."""
    params = random_parameters(generator("rng", rng), DEEP, scale=1.0)
    X, Y = rng.normal(size=(DEEP[0], DEEP_M)), rng.uniform(size=(1, DEEP_M))
    site = gradients(Problem(params, X, Y, hidden="sigmoid"))
    with mpmath.workdps(DIGITS):
        return [
            Compared(site[f"dJ/dW[{l}]"], _mp_dW(params, X, Y, l), "mpmath's dJ/dW[l] of every layer, 50 digits")
            for l in range(1, len(params) + 1)  # noqa: E741
        ]


# --8<-- [end:check_deep]


def deep_network(hidden: str) -> tuple[Params, Array, Array]:
    """The figure's network: FIGURE_L layers, W[l] ~ N(0, VARIANCE[hidden] / n_{l-1}), b = 0; X and labels Y."""
    if hidden not in VARIANCE:
        raise ValueError(f"hidden must be one of {', '.join(VARIANCE)}, got {hidden!r}")
    rng = np.random.default_rng(FIGURE_SEED)  # the same X, Y and draws for every activation
    sizes = [FIGURE_WIDTH] * FIGURE_L + [1]
    params = [
        (rng.normal(size=(n, n_prev)) * np.sqrt(VARIANCE[hidden] / n_prev), np.zeros((n, 1)))
        for n_prev, n in itertools.pairwise(sizes)
    ]
    X = rng.normal(size=(FIGURE_WIDTH, FIGURE_M))
    Y = (rng.uniform(size=(1, FIGURE_M)) < 0.5).astype(np.float64)
    return params, X, Y


def gradient_sizes(hidden: str) -> list[float]:
    """||dW[l]||_F for l = 1, ..., L of the figure's network with this hidden activation, by the site's gradients."""
    params, X, Y = deep_network(hidden)
    grads = gradients(Problem(params, X, Y, hidden=hidden))
    return [size(grads[f"dJ/dW[{l}]"]) for l in range(1, FIGURE_L + 1)]  # noqa: E741


# Numbers the page prints, each computed (pipeline.printed checks the written digits against these).
def digits() -> int:
    """The working precision of the mpmath values, in decimal digits."""
    return DIGITS


def deepest_chain() -> int:
    """The most layers of a chain that check_chain draws."""
    return max(DEPTHS)


def grid_points() -> int:
    """How many values of z the dense search of check_sigma_prime_max evaluates sigma' at."""
    return len(np.arange(-Z_FAR, Z_FAR, SPACING))


def grid_end() -> float:
    """The dense search covers z from -grid_end() to grid_end()."""
    return Z_FAR


def net_layers() -> int:
    """L, the number of layers of the figure's network."""
    return FIGURE_L


def net_width() -> int:
    """The units of each hidden layer of the figure's network."""
    return FIGURE_WIDTH


def net_examples() -> int:
    """m, the examples the figure's network sees."""
    return FIGURE_M


def first_layer_sigmoid() -> float:
    """||dW[1]||_F of the figure's network with sigmoid hidden layers."""
    return gradient_sizes("sigmoid")[0]


def shrink_sigmoid() -> float:
    """||dW[L]||_F / ||dW[1]||_F with sigmoid hidden layers: how much smaller the first layer's gradient is."""
    found = gradient_sizes("sigmoid")
    return found[-1] / found[0]


def shrink_per_layer_sigmoid() -> float:
    """The same ratio per layer: its (L - 1)-th root, the average factor from one layer to the one below."""
    return shrink_sigmoid() ** (1 / (FIGURE_L - 1))


def largest_stretch_sigmoid() -> float:
    """The largest ||W[l]||_2 (spectral norm) of W[2], ..., W[L-1] in the sigmoid network: how far W[l]^T stretches."""
    params, _, _ = deep_network("sigmoid")
    return max(float(np.linalg.norm(W, 2)) for W, _ in params[1:-1])


def spread_tanh_relu() -> float:
    """With tanh or ReLU hidden layers: the largest ||dW[l]||_F over the smallest, the larger of the two networks'."""
    return max(max(found) / min(found) for found in (gradient_sizes("tanh"), gradient_sizes("relu")))


HIDDEN = ("sigmoid", "tanh", "relu")  # the figure's curves, in this order
MARKERS = {"sigmoid": "o", "tanh": "s", "relu": "^"}  # each curve its own marker, not only its colour
NAMES = {"sigmoid": "sigmoid", "tanh": "tanh", "relu": "ReLU"}


def figure_gradient_sizes() -> figures.Figure:
    """||dW[l]||_F against l on a log scale, for sigmoid, tanh and ReLU hidden layers of the same network."""
    sizes = {g: gradient_sizes(g) for g in HIDDEN}
    layers = np.arange(1, FIGURE_L + 1)
    with figures.plot(width=340, height=240) as (fig, ax):
        for g in HIDDEN:
            ax.plot(layers, sizes[g], marker=MARKERS[g], markersize=5, label=NAMES[g])
        ax.set_yscale("log")
        ax.set_ylim(top=1.0)  # room above the tanh and ReLU curves
        ax.set_xticks(layers)
        ax.set_xlabel("layer l")
        ax.set_ylabel("‖dW[l]‖ (log scale)")
        ax.grid(True, which="major", axis="y")
        ax.legend(loc="lower right")
        drawn = figures.svg(fig)
    listed = "; ".join(f"{NAMES[g]}: " + ", ".join(f"{s:.2g}" for s in sizes[g]) for g in HIDDEN)
    description = (
        f"Line chart of the size of each layer's gradient, ‖dW[l]‖ in the Frobenius norm, for layers 1 to {FIGURE_L} "
        f"of a network with {FIGURE_WIDTH} units per hidden layer, on a log scale. With sigmoid hidden layers the "
        f"size falls steadily from the last layer down to layer 1; with tanh and ReLU it stays within a factor of "
        f"{spread_tanh_relu():.2g}. Values from layer 1 to layer {FIGURE_L}: {listed}."
    )
    return figures.Figure(drawn, "Each layer's gradient in a deep network: sigmoid, tanh, ReLU", description)


def least_shrink_allowed_sigmoid() -> float:
    """4 / largest_stretch_sigmoid(): the smallest shrink per layer the bound allows for the figure's sigmoid layers."""
    return 4 / largest_stretch_sigmoid()


def first_layer_check_error() -> float:
    """The course's relative error of a gradient check of layer 1 alone, at the course's eps, sigmoid network."""
    params, X, Y = deep_network("sigmoid")
    site = gradients(Problem(params, X, Y, hidden="sigmoid"))["dJ/dW[1]"]

    def cost(W: Array) -> float:
        return network.J([(W, params[0][1]), *params[1:]], X, Y, hidden="sigmoid")

    return relative_error(site, central_difference(cost, params[0][0], course_eps()))


def deep_layers() -> int:
    """L of the sigmoid network that check_deep draws."""
    return len(DEEP) - 1
