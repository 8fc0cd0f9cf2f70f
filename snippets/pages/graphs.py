"""The computation graph with numbers: one worked example of logistic regression and one of a 2-2-1 network.

Every number is computed by the site's checked code (snippets.logistic, snippets.vectorised,
the two-layer page's formulas) from the inputs below, and drawn, tabled and checked from
the same dict, so the figure, the table and the page cannot disagree. With one example
(m = 1) the cost J is the loss L, so the matrix formulas give the one-example gradients.
"""

from __future__ import annotations

import mpmath
import numpy as np

from pipeline.diagram import arrow, box, box_height, given, number, svg, text, vector
from pipeline.figures import SERIES, Figure
from snippets import vectorised
from snippets.gradcheck import Compared
from snippets.logistic import da_dz, dL_da, dL_dz, loss, sigma
from snippets.network import dA_prev, forward
from snippets.pages import two_layer

# The pencil-sized example of issue 11: two features, one example.
X = np.array([[1.0], [2.0]])
W = np.array([[0.5], [-0.25]])
B = 0.1
Y = np.array([[1.0]])
# The 2-2-1 network on the same x and y; unit 1 of its hidden layer has the logistic example's w and b.
W1 = np.array([[0.5, -0.25], [0.25, 0.5]])
B1 = np.array([[0.1], [-0.25]])
W2 = np.array([[1.0, -0.5]])
B2 = np.array([[0.2]])
GRADIENT = SERIES[0]  # gradients are drawn in the first series colour, forward values in ink


def logistic() -> dict[str, float]:
    """The forward values and the gradients of the logistic example, by name, from the site's code."""
    z = float((W.T @ X)[0, 0] + B)
    a = float(sigma(z))
    y = float(Y[0, 0])
    dZ = dL_dz(np.array([[a]]), Y)  # dz = a - y, as a (1, m) row with m = 1
    dw = vectorised.dw(X, dZ)  # (1/m) X dZ^T: x dz when m = 1
    return {
        "x_1": float(X[0, 0]),
        "x_2": float(X[1, 0]),
        "w_1": float(W[0, 0]),
        "w_2": float(W[1, 0]),
        "b": B,
        "y": y,
        "z": z,
        "a": a,
        "L": float(loss(a, y)),
        "da": float(dL_da(a, y)),
        "da/dz": float(da_dz(a)),
        "dz": float(dZ[0, 0]),
        "dw_1": float(dw[0, 0]),
        "dw_2": float(dw[1, 0]),
        "db": vectorised.db(dZ),
        "dx_1": float(W[0, 0] * dZ[0, 0]),  # multiply swaps: x_1 gets w_1 dz, as w_1 gets x_1 dz
        "dx_2": float(W[1, 0] * dZ[0, 0]),
    }


def network() -> dict[str, np.ndarray]:
    """The 2-2-1 network's forward values and gradients, by name, from the two-layer page's formulas."""
    params = [(W1, B1), (W2, B2)]
    Zs, _ = forward(params, X, np.tanh)
    net = two_layer.named(params, X, Y)  # X, Y, W[2], A[1], A[2]
    dZ2 = two_layer.dZ2(net["A[2]"], Y)
    dZ1 = two_layer.dZ1(W2, dZ2, net["A[1]"])
    return {
        "z^{[1]}": Zs[0],
        "a^{[1]}": net["A[1]"],
        "z^{[2]}": Zs[1],
        "a^{[2]}": net["A[2]"],
        "L": np.array([[loss(net["A[2]"][0, 0], Y[0, 0])]]),
        "da^{[2]}": dL_da(net["A[2]"], Y),
        "dz^{[2]}": dZ2,
        "dW^{[2]}": two_layer.dW2(dZ2, net["A[1]"]),
        "db^{[2]}": two_layer.db2(dZ2),
        "da^{[1]}": dA_prev(W2, dZ2),
        "dz^{[1]}": dZ1,
        "dW^{[1]}": two_layer.dW1(dZ1, X),
        "db^{[1]}": two_layer.db1(dZ1),
    }


def forward_by_mpmath() -> list[Compared]:
    """The example's z, a and L (from ``logistic()``) against the same from its inputs, by mpmath at 50 digits."""
    v = logistic()
    with mpmath.workdps(50):
        z = sum(mpmath.mpf(float(w)) * mpmath.mpf(float(x)) for w, x in zip(W.ravel(), X.ravel(), strict=True)) + B
        a = 1 / (1 + mpmath.exp(-z))
        y = mpmath.mpf(float(Y[0, 0]))
        L = -(y * mpmath.log(a) + (1 - y) * mpmath.log(1 - a))
        exact = np.array([float(z), float(a), float(L)])
    return [Compared(np.array([v["z"], v["a"], v["L"]]), exact, "z, a and L by mpmath at 50 digits")]


def _gradient(x: float, y: float, content: str, anchor: str = "start") -> str:
    return text(x, y, content, 12, GRADIENT, anchor)


def _down(parts: list[str], x: float, y: float, length: float, gradient: list[str], left: bool = False) -> None:
    """An edge down from (x, y), its gradient's lines beside it, to its right (or its left)."""
    parts.append(arrow(x, y, x, y + length))
    top = y + length / 2 - 7.5 * (len(gradient) - 1) + 4
    side, anchor = (x - 8, "end") if left else (x + 8, "start")
    parts += [_gradient(side, top + 15 * n, line, anchor) for n, line in enumerate(gradient)]


def _logistic_shown() -> dict[str, str]:
    """The logistic example's values as printed: the inputs as given, the rest to 3 decimals."""
    return {k: given(x) if k in _GIVEN else number(x) for k, x in logistic().items()}


_GIVEN = ("x_1", "x_2", "w_1", "w_2", "b", "y")
_KEY = "Boxes: forward values. Colour: gradients dL/d·, beside their edges."


def figure_logistic() -> Figure:
    """The course's graph x, w, b -> z -> a -> L for the example, forward values in the boxes, gradients in colour."""
    v = _logistic_shown()
    parts, top, row = [], 4.0, 34.0
    inputs = [
        ("x_1", "dx_1 = w_1·dz"),
        ("w_1", "dw_1 = x_1·dz"),
        ("x_2", "dx_2 = w_2·dz"),
        ("w_2", "dw_2 = x_2·dz"),
        ("b", "db = dz"),
    ]
    for n, (name, gradient) in enumerate(inputs):  # each input's edge runs right, into the sum z
        y = top + n * row
        parts.append(box(4, y, 90, [f"{name} = {v[name]}"]))
        parts.append(arrow(94, y + 14, 236, y + 14))
        parts.append(_gradient(100, y + 9, f"{gradient} = {v['d' + name]}"))
    y = top + 4 * row + box_height(["b"])
    parts.append(box(236, top, 100, ["z = w_1x_1", "+ w_2x_2", "+ b", f"= {v['z']}"], height=y - top))
    _down(parts, 286, y, 46, [f"dz = da·a(1 − a) = {v['dz']}"], left=True)
    parts.append(box(206, y + 46, 130, [f"a = σ(z) = {v['a']}"]))
    y += 46 + box_height(["a"])
    _down(parts, 286, y, 46, [f"da = dL/da = {v['da']}"], left=True)
    parts.append(box(206, y + 46, 130, [f"L = {v['L']}", f"(y = {v['y']})"]))
    y += 46 + box_height(["L", "y"])
    parts.append(text(4, y + 20, _KEY, 12))
    description = (
        f"The computation graph of one example. Inputs: x_1 = {v['x_1']}, w_1 = {v['w_1']}, x_2 = {v['x_2']}, "
        f"w_2 = {v['w_2']}, b = {v['b']}, and the label y = {v['y']}. Forward: z = w_1 x_1 + w_2 x_2 + b = {v['z']}; "
        f"a = sigma(z) = {v['a']}; L = {v['L']}. Backward: da = dL/da = {v['da']}; "
        f"dz = da times a(1 - a) = {v['dz']}; then along each input's edge, dx_1 = w_1 dz = {v['dx_1']}, "
        f"dw_1 = x_1 dz = {v['dw_1']}, dx_2 = w_2 dz = {v['dx_2']}, dw_2 = x_2 dz = {v['dw_2']}, db = dz = {v['db']}."
    )
    return Figure(svg(340, y + 28, parts), "The graph of one example, forward values and gradients", description)


def _network_shown() -> dict[str, str]:
    """The network's values as printed, to 3 decimals: a vector (0.1, 0.2), a number, dW[1] row by row."""
    values = network()
    shown = {k: vector(v.ravel()) if v.size > 1 else number(float(v[0, 0])) for k, v in values.items()}
    for layer, (W, b) in enumerate(((W1, B1), (W2, B2)), start=1):
        shown[f"W^{{[{layer}]}}"] = "; ".join(vector(row, None) for row in W)
        shown[f"b^{{[{layer}]}}"] = vector(b.ravel(), None) if b.size > 1 else given(float(b[0, 0]))
    shown["dW^{[1]}"] = "; ".join(vector(row) for row in values["dW^{[1]}"])
    shown["x"] = vector(X.ravel(), None)
    shown["y"] = given(float(Y[0, 0]))
    return shown


def _parameters(parts: list[str], x: float, y: float, layer: int, v: dict[str, str]) -> float:
    """Layer ``layer``'s W (a row a line) and b in a box at (x, y) reaching the right edge; its height."""
    rows = v[f"W^{{[{layer}]}}"].split("; ")
    lines = [f"W^{{[{layer}]}} = {rows[0]}", *rows[1:], f"b^{{[{layer}]}} = {v[f'b^{{[{layer}]}}']}"]
    parts.append(box(x, y, 336 - x, lines))
    return box_height(lines)


def figure_two_layer() -> Figure:
    """The 2-2-1 network's graph x -> z[1] -> a[1] -> z[2] -> a[2] -> L, each layer's W and b entering its z."""
    v = _network_shown()
    parts, left = [], 77.0
    y = 4 + _parameters(parts, 170, 4, 1, v)
    parts.append(box(4, 4, 146, [f"x = {v['x']}"]))
    parts.append(arrow(left, 4 + box_height(["x"]), left, y + 66))
    dW1 = v["dW^{[1]}"].split("; ")
    _down(parts, 180, y, 66, ["dW^{[1]} =", *dW1, f"db^{{[1]}} = {v['db^{[1]}']}"])
    y += 66
    parts.append(box(4, y, 332, [f"z^{{[1]}} = W^{{[1]}}x + b^{{[1]}} = {v['z^{[1]}']}"]))
    y += box_height(["z"])
    _down(parts, left, y, 40, [f"dz^{{[1]}} = da^{{[1]}}·(1 − (a^{{[1]}})^2) = {v['dz^{[1]}']}"])
    y += 40
    a1 = ["a^{[1]} = tanh(z^{[1]})", f"= {v['a^{[1]}']}"]
    parts.append(box(4, y, 156, a1))
    y += max(box_height(a1), _parameters(parts, 196, y, 2, v))
    _down(parts, left, y, 66, ["da^{[1]} = W^{[2]T}dz^{[2]}", f"= {v['da^{[1]}']}"])
    _down(parts, 206, y, 66, ["dW^{[2]} =", v["dW^{[2]}"], f"db^{{[2]}} = {v['db^{[2]}']}"])
    y += 66
    parts.append(box(4, y, 332, [f"z^{{[2]}} = W^{{[2]}}a^{{[1]}} + b^{{[2]}} = {v['z^{[2]}']}"]))
    y += box_height(["z"])
    _down(parts, left, y, 40, [f"dz^{{[2]}} = a^{{[2]}} − y = {v['dz^{[2]}']}"])
    y += 40
    parts.append(box(4, y, 200, [f"a^{{[2]}} = σ(z^{{[2]}}) = {v['a^{[2]}']}"]))
    y += box_height(["a"])
    _down(parts, left, y, 40, [f"da^{{[2]}} = dL/da^{{[2]}} = {v['da^{[2]}']}"])
    y += 40
    parts.append(box(4, y, 200, [f"L = {v['L']}  (y = {v['y']})"]))
    y += box_height(["L"])
    parts.append(text(4, y + 20, _KEY, 12))
    description = (
        f"The computation graph of the 2-2-1 network for one example. Inputs: x = {v['x']}, label y = {v['y']}; "
        f"W[1] has rows {v['W^{[1]}']}, b[1] = {v['b^{[1]}']}, W[2] = {v['W^{[2]}']}, b[2] = {v['b^{[2]}']}. "
        f"Forward: z[1] = W[1] x + b[1] = {v['z^{[1]}']}; a[1] = tanh(z[1]) = {v['a^{[1]}']}; "
        f"z[2] = W[2] a[1] + b[2] = {v['z^{[2]}']}; a[2] = sigma(z[2]) = {v['a^{[2]}']}; L = {v['L']}. "
        f"Backward: da[2] = dL/da[2] = {v['da^{[2]}']}; dz[2] = a[2] - y = {v['dz^{[2]}']}; "
        f"dW[2] = {v['dW^{[2]}']}; db[2] = {v['db^{[2]}']}; da[1] = W[2] transposed times dz[2] = {v['da^{[1]}']}; "
        f"dz[1] = da[1] times (1 - a[1] squared) = {v['dz^{[1]}']}; dW[1] has rows {v['dW^{[1]}']}; "
        f"db[1] = {v['db^{[1]}']}."
    )
    return Figure(
        svg(340, y + 28, parts), "The 2-2-1 network of one example, forward values and gradients", description
    )


def _table(rows: list[tuple[str, str, str]]) -> str:
    """A Markdown table of the example: each quantity, its value as printed, how the page computes it."""
    lines = ["| quantity | value | how |", "| --- | --- | --- |"]
    return "\n".join(lines + [f"| {q} | {v} | {how} |" for q, how, v in rows])


_LOSS = r"the cross-entropy of \(a\) and \(y\)"


def _logistic_forward(v: dict, z: str) -> list[tuple[str, str, str]]:
    """The logistic example's rows from its inputs to L, z written as the page writes it."""
    return [
        (r"\(x\)", "given", f"({v['x_1']}, {v['x_2']})"),
        (r"\(w\)", "given", f"({v['w_1']}, {v['w_2']})"),
        (r"\(b\), \(y\)", "given", f"{v['b']}, {v['y']}"),
        (r"\(z\)", z, v["z"]),
        (r"\(a\)", r"\(\sigma(z)\)", v["a"]),
        (r"\(L\)", _LOSS, v["L"]),
    ]


def table_logistic_dz() -> str:
    """The logistic example from its inputs to dz: z, a, L, then dL/da, da/dz and dz."""
    v = _logistic_shown()
    return _table(
        [
            *_logistic_forward(v, r"\(w^T x + b\)"),
            (r"\(\frac{dL}{da}\)", r"\(\frac{a - y}{a(1 - a)}\), [step 1](#step-1-dl-da)", v["da"]),
            (r"\(\frac{da}{dz}\)", r"\(a(1 - a)\), [step 2](#step-2-da-dz)", v["da/dz"]),
            (r"\(\frac{dL}{dz}\)", r"\(a - y\), [step 3](#step-3-dl-dz)", v["dz"]),
        ]
    )


def table_logistic_dw_db() -> str:
    """The logistic example's z, a, L and dz, then dw_1, dw_2 and db."""
    v = _logistic_shown()
    return _table(
        [
            *_logistic_forward(v, r"\(w_1 x_1 + w_2 x_2 + b\)"),
            (r"\(dz\)", r"\(a - y\)", v["dz"]),
            (r"\(dw_1\)", r"\(x_1 \, dz\), [step 2](#step-2-dl-dw)", v["dw_1"]),
            (r"\(dw_2\)", r"\(x_2 \, dz\), [step 2](#step-2-dl-dw)", v["dw_2"]),
            (r"\(db\)", r"\(dz\), [step 3](#step-3-dl-db)", v["db"]),
        ]
    )


def table_two_layer() -> str:
    """The 2-2-1 network's forward values, then its gradients in the order the backward pass finds them."""
    v = _network_shown()
    return _table(
        [
            (r"\(x, y\)", "given", f"{v['x']}, {v['y']}"),
            (r"\(W^{[1]}\)", "given", v["W^{[1]}"].replace("; ", "<br>")),
            (r"\(b^{[1]}\)", "given", v["b^{[1]}"]),
            (r"\(W^{[2]}, b^{[2]}\)", "given", f"{v['W^{[2]}']}, {v['b^{[2]}']}"),
            (r"\(z^{[1]}\)", r"\(W^{[1]} x + b^{[1]}\)", v["z^{[1]}"]),
            (r"\(a^{[1]}\)", r"\(\tanh(z^{[1]})\)", v["a^{[1]}"]),
            (r"\(z^{[2]}\)", r"\(W^{[2]} a^{[1]} + b^{[2]}\)", v["z^{[2]}"]),
            (r"\(a^{[2]}\)", r"\(\sigma(z^{[2]})\)", v["a^{[2]}"]),
            (r"\(L\)", "the cross-entropy", v["L"]),
            (r"\(dz^{[2]}\)", r"\(a^{[2]} - y\)", v["dz^{[2]}"]),
            (r"\(dW^{[2]}\)", r"\(dz^{[2]} a^{[1]T}\)", v["dW^{[2]}"]),
            (r"\(db^{[2]}\)", r"\(dz^{[2]}\)", v["db^{[2]}"]),
            (r"\(da^{[1]}\)", r"\(W^{[2]T} dz^{[2]}\)", v["da^{[1]}"]),
            (r"\(dz^{[1]}\)", r"\(da^{[1]} * (1 - (a^{[1]})^2)\)", v["dz^{[1]}"]),
            (r"\(dW^{[1]}\)", r"\(dz^{[1]} x^T\)", v["dW^{[1]}"].replace("; ", "<br>")),
            (r"\(db^{[1]}\)", r"\(dz^{[1]}\)", v["db^{[1]}"]),
        ]
    )
