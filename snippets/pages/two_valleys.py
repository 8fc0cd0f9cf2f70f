"""The why-cross-entropy page's training set: J along one weight with each loss, its valleys, descents and figure.

Three examples with one feature and the bias held fixed (why_cross_entropy.X_PAGE, Y_PAGE,
B_PAGE). Every number the page prints about them is computed here with the site's formulas:
the stationary points where the site's dJ/dw changes sign (found on a fine grid, then by
bisection), where the site's J'' is negative, and how many steps gradient descent takes.
"""

from __future__ import annotations

from functools import cache
from itertools import pairwise

import numpy as np

from snippets.logistic import dL_dz, sigma
from snippets.output_layer import cross_entropy, dA_squared_error, dZ_chain, squared_error
from snippets.pages.why_cross_entropy import B_PAGE, W_RANGE, X_PAGE, Y_PAGE, _d2J, _shown


def _dJ(w: float, loss: str) -> float:
    """dJ/dw on the page's data: the mean of dz x, dz = (a - y) a(1 - a) for squared error, a - y for cross-entropy."""
    Z = np.reshape(w * X_PAGE + B_PAGE, (1, -1))
    A, Y = sigma(Z), np.reshape(Y_PAGE, (1, -1))
    dz = dZ_chain(dA_squared_error(A, Y), Z, "sigmoid") if loss == "squared" else dL_dz(A, Y)
    return float(np.mean(dz * X_PAGE))


def _J_page(w: float | np.ndarray, loss: str) -> np.ndarray:
    """J(w) on the page's data, at every w given: the mean of the site's squared errors or cross-entropies."""
    Z = np.outer(np.atleast_1d(w), X_PAGE) + B_PAGE  # one row per w, one column per example
    A, Y = sigma(Z), np.broadcast_to(Y_PAGE, Z.shape)
    return (squared_error(A, Y) if loss == "squared" else cross_entropy(A, Y)).mean(axis=1)


def _d2J_page(w: float, loss: str) -> float:
    """J''(w) on the page's data, by the site's formula."""
    return float(_d2J(np.array([w]), X_PAGE, Y_PAGE, B_PAGE, loss)[0])


def _roots(f, fine: int = 2401) -> list[float]:
    """Every w of W_RANGE where f changes sign, on a fine grid, then by bisection to float64."""
    ws = np.linspace(*W_RANGE, fine)
    values = [f(w) for w in ws]
    found = []
    for lo, hi, f_lo, f_hi in zip(ws, ws[1:], values, values[1:], strict=False):
        if f_lo == 0 or f_lo * f_hi < 0:
            for _ in range(60):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if f(mid) * f(lo) > 0 else (lo, mid)
            found.append(float((lo + hi) / 2))
    return found


@cache
def _stationary(loss: str) -> tuple[tuple[float, str], ...]:
    """(w, "minimum" or "maximum") where dJ/dw = 0 on W_RANGE, in order of w."""
    return tuple((w, "minimum" if _d2J_page(w, loss) > 0 else "maximum") for w in _roots(lambda t: _dJ(t, loss)))


@cache
def _bends_down() -> tuple[tuple[float, float], ...]:
    """The stretches (from, to) of W_RANGE where J'' with squared error is negative."""
    edges = [W_RANGE[0], *_roots(lambda t: _d2J_page(t, "squared")), W_RANGE[1]]
    middle = [(lo + hi) / 2 for lo, hi in pairwise(edges)]
    below = _d2J(np.array(middle), X_PAGE, Y_PAGE, B_PAGE, "squared") < 0
    return tuple((lo, hi) for (lo, hi), neg in zip(pairwise(edges), below, strict=True) if neg)


def _minima(loss: str) -> list[float]:
    return [w for w, kind in _stationary(loss) if kind == "minimum"]


def w_worse_minimum() -> float:
    """The w of squared error's higher local minimum (the one gradient descent must not end in)."""
    return max(_minima("squared"), key=lambda w: float(_J_page(w, "squared")[0]))


def w_best_minimum() -> float:
    """The w of squared error's lowest minimum on the plotted stretch."""
    return min(_minima("squared"), key=lambda w: float(_J_page(w, "squared")[0]))


def J_worse_minimum() -> float:
    """J with squared error at its higher local minimum."""
    return float(_J_page(w_worse_minimum(), "squared")[0])


def J_best_minimum() -> float:
    """J with squared error at its lowest minimum on the plotted stretch."""
    return float(_J_page(w_best_minimum(), "squared")[0])


def w_hump() -> float:
    """The w of squared error's local maximum between its two minima: where the two basins meet."""
    (w,) = [w for w, kind in _stationary("squared") if kind == "maximum"]
    return w


def w_cross_entropy_minimum() -> float:
    """The w where J with cross-entropy is lowest: its only stationary point."""
    (w,) = _minima("cross-entropy")
    return w


def _w(w: float) -> str:
    """The number w to two decimals, with a real minus sign, for the figure and its text alternative."""
    return f"{w:.2f}".replace("-", "−")


def figure_two_costs():
    """J(w) on the page's data with each loss, stacked; the stretches where squared error's J bends down shaded."""
    from pipeline import figures as F

    ws = np.linspace(*W_RANGE, 481)
    squared, cross = _J_page(ws, "squared"), _J_page(ws, "cross-entropy")
    with F.plot(340, 400) as (canvas, only):
        only.remove()  # two panels, one above the other, sharing w
        top, bottom = canvas.subplots(2, 1, sharex=True)
        for lo, hi in _bends_down():
            top.axvspan(lo, hi, color=F.MUTED, alpha=0.2, linewidth=0)
        top.plot(ws, squared, color=F.SERIES[1])
        bottom.plot(ws, cross, color=F.SERIES[0])
        for w in _minima("squared"):
            top.plot([w], _J_page(w, "squared"), "o", color=F.INK, markersize=6)
        top.plot([w_hump()], _J_page(w_hump(), "squared"), "^", color=F.INK, markersize=6)
        bottom.plot([w_cross_entropy_minimum()], _J_page(w_cross_entropy_minimum(), "cross-entropy"), "o", color=F.INK)
        top.set_title("squared error: two valleys", loc="left", fontsize=12)
        bottom.set_title("cross-entropy: one valley", loc="left", fontsize=12)
        top.set_ylabel("J(w)")
        bottom.set_ylabel("J(w)")
        bottom.set_xlabel(f"w (b held at {_shown(B_PAGE)})")
        bottom.set_ylim(0, 5)
        top.text(0.98, 0.95, "shaded: bends down", transform=top.transAxes, ha="right", va="top", color=F.INK)
        top.tick_params(labelbottom=False)
        lows = ", ".join(f"{_J_page(w, 'squared')[0]:.3f} at w = {_w(w)}" for w in _minima("squared"))
        shaded = ", ".join(f"{_w(lo)} to {_w(hi)}" for lo, hi in _bends_down())
        data = (
            f"x = {', '.join(_shown(x) for x in X_PAGE)}, labels {', '.join(_shown(y) for y in Y_PAGE)} "
            f"and b = {_shown(B_PAGE)}"
        )
        description = (
            f"Two plots of J against w from {_w(W_RANGE[0])} to {_w(W_RANGE[1])}, for three examples with {data}. "
            f"Top, squared error: flat at both ends, two local minima ({lows}) with a hump at w = {_w(w_hump())} "
            f"between them; shaded where it bends down: w from {shaded}. Bottom, cross-entropy: one valley, "
            f"lowest at w = {_w(w_cross_entropy_minimum())}, rising on both sides."
        )
        title = "J along one weight: squared error has two valleys, cross-entropy one"
        return F.Figure(F.svg(canvas), title, description)


# Gradient descent on the page's data with a step alpha = 1: how long each loss takes to reach a valley floor.
ALPHA, NEAR, MOST_STEPS = 1.0, 0.01, 100_000
START_LEFT, START_RIGHT = -6.0, 3.0


def _steps(start: float, loss: str) -> tuple[int, float]:
    """(steps, w): gradient descent from w = start until w is within NEAR of a stationary point of J."""
    floors = [w for w, _ in _stationary(loss)]
    w = start
    for step in range(1, MOST_STEPS + 1):
        w -= ALPHA * _dJ(w, loss)
        if min(abs(w - floor) for floor in floors) < NEAR:
            return step, w
    raise ValueError(f"gradient descent from w = {start} with {loss} reached no valley in {MOST_STEPS} steps")


def near() -> float:
    """How close to a valley's floor counts as there."""
    return NEAR


def start_left() -> float:
    """Where the first descent starts, left of the hump."""
    return START_LEFT


def start_right() -> float:
    """Where the second descent starts, right of the hump."""
    return START_RIGHT


def steps_squared_left() -> int:
    """Steps of gradient descent with squared error from START_LEFT to the higher valley's floor."""
    return _steps(START_LEFT, "squared")[0]


def steps_squared_right() -> int:
    """Steps with squared error from START_RIGHT to the lowest valley's floor."""
    return _steps(START_RIGHT, "squared")[0]


def steps_cross_entropy_left() -> int:
    """Steps with cross-entropy from START_LEFT to its minimum."""
    return _steps(START_LEFT, "cross-entropy")[0]


def steps_cross_entropy_right() -> int:
    """Steps with cross-entropy from START_RIGHT to its minimum."""
    return _steps(START_RIGHT, "cross-entropy")[0]
