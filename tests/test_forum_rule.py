"""The forum's rule, on every code block of the built site: no graded assignment's answer, not even by its shape.

The course's forum forbids posting solutions to the graded programming assignments.
Names are not the point: a block has the shape of a graded answer when it

- loops over the layers computing dW or db (the L-layer backward exercise),
- loops over the layers computing Z = W A + b and A = g(Z) (the L-layer forward exercise),
- defines a function of (w, b, X, Y), in that order, that returns gradients (week 2's propagate),
- computes an activation A from Z and a backward quantity (dZ, dW, dA) in one block (week 3's passes), or
- computes (or defines functions for) dW and dA[l-1] in one block (the linear backward exercise).

``offences`` finds these in one block of code; the unit tests below hold the shapes of the
snippets the site once showed, and the last test runs it over the built site.
"""

from __future__ import annotations

import ast
import re
import textwrap
from html import unescape
from html.parser import HTMLParser

import pytest

# The course's names: dW, dW1, dw, db, db2, dW_l, dAL ... and A, A1, A_prev, AL, a ...
_GRADIENT = re.compile(r"^d[Wwb](\d+|L|_\w+)?$")
_BACKWARD = re.compile(r"^d[ZzWwbAa](\d+|L|_\w+)?$")
_DA = re.compile(r"^d[Aa](\d+|L|_\w+)?$")
_ACTIVATED = re.compile(r"^[Aa](\d+|L|_\w+)?$")
_ACTIVATIONS = {"sigma", "sigmoid", "tanh", "relu", "leaky_relu", "g", "softmax", "maximum", "exp"}
_BACKWARD_CALLS = re.compile(r"^(d[Wwb](\d+|L)?|dW_db|\w*backward\w*)$")
# The assignment's argument pattern: w or W, b, X, Y (with any suffix), in that order.
_ARGUMENTS = [re.compile(p) for p in (r"^[wW]\w*$", r"^b\w*$", r"^X\w*$", r"^Y\w*$")]

LOOP_dW = "a loop that computes dW or db (the L-layer backward exercise)"
LOOP_FORWARD = "a loop that computes Z = W A + b and A = g(Z) layer by layer (the L-layer forward exercise)"
SIGNATURE = "a function of (w, b, X, Y) that returns gradients (week 2's propagate)"
BOTH_PASSES = "a forward pass (A from Z) and a backward pass (dZ, dW, dA) in one block"
LINEAR_BACKWARD = "dW and dA[l-1] computed in one block (the linear backward exercise)"


def _name(node: ast.AST) -> str:
    """The name a call or target goes by: f for f(...) and np.f(...), x for x, x[...] and x.attr."""
    while isinstance(node, ast.Subscript | ast.Attribute | ast.Call | ast.Starred):
        if isinstance(node, ast.Attribute):
            return node.attr
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _keys(node: ast.AST) -> list[str]:
    """The string keys a subscript target writes, as in grads["dW" + str(l)] or grads[f"dJ/dW[{l}]"]."""
    if not isinstance(node, ast.Subscript):
        return []
    return [
        c.value.rsplit("/", 1)[-1]
        for c in ast.walk(node.slice)
        if isinstance(c, ast.Constant) and isinstance(c.value, str)
    ]


def _targets(tree: ast.AST) -> list[tuple[str, ast.AST | None]]:
    """(name, value) for every name or string key that tree assigns, appends to, or returns from a one-line def."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for part in target.elts if isinstance(target, ast.Tuple | ast.List) else [target]:
                    found += [(_name(part), node.value), *((key, node.value) for key in _keys(part))]
        elif isinstance(node, ast.NamedExpr):
            found.append((_name(node.target), node.value))
        elif isinstance(node, ast.Dict):
            found += [
                (k.value.rsplit("/", 1)[-1], v)
                for k, v in zip(node.keys, node.values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(k.value, str)
            ]
    return found


def _calls(tree: ast.AST) -> set[str]:
    return {_name(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}


def _activates(value: ast.AST | None) -> bool:
    """Whether value applies an activation: sigma(Z), np.tanh(...), g(Z), 1 / (1 + np.exp(-Z)), ..."""
    return value is not None and bool(_calls(value) & _ACTIVATIONS)


def _computes_gradient(tree: ast.AST) -> bool:
    assigned = any(_GRADIENT.match(name) or name.startswith(("dW", "db")) for name, _ in _targets(tree))
    return assigned or any(_BACKWARD_CALLS.match(name) for name in _calls(tree))


def _loops(tree: ast.AST) -> list[ast.AST]:
    return [n for n in ast.walk(tree) if isinstance(n, ast.For | ast.While | ast.comprehension)]


def _loop_bodies(tree: ast.AST) -> list[ast.AST]:
    """Each loop's body as a module, and each comprehension's whole expression."""
    bodies = []
    for node in ast.walk(tree):
        if isinstance(node, ast.For | ast.While):
            bodies.append(ast.Module(body=node.body, type_ignores=[]))
        elif isinstance(node, ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp):
            bodies.append(node)
    return bodies


def _returns_gradients(function: ast.FunctionDef) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Return) and node.value is not None:
            names = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
            keys = {c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
            if any(_GRADIENT.match(n) or n in {"grads", "gradients"} for n in names):
                return True
            if any(re.match(r"^(dJ/)?d[wWb]", k) for k in keys):
                return True
    return False


def _offences_in_tree(tree: ast.AST) -> list[str]:
    found = []
    bodies = _loop_bodies(tree)
    if any(_computes_gradient(body) for body in bodies):
        found.append(LOOP_dW)
    for body in bodies:
        # The linear step W @ A + b (or A @ W + b), and an activation applied in the same loop.
        linear = any(
            isinstance(n, ast.BinOp)
            and isinstance(n.op, ast.Add)
            and any(isinstance(side, ast.BinOp) and isinstance(side.op, ast.MatMult) for side in (n.left, n.right))
            for n in ast.walk(body)
        )
        if linear and any(_activates(n) for n in ast.walk(body) if isinstance(n, ast.Call)):
            found.append(LOOP_FORWARD)
            break
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = [a.arg for a in [*node.args.posonlyargs, *node.args.args]]
            if len(args) >= 4 and all(p.match(a) for p, a in zip(_ARGUMENTS, args, strict=False)):
                if _returns_gradients(node):
                    found.append(SIGNATURE)
    targets = _targets(tree)
    forward = any(_ACTIVATED.match(name) and _activates(value) for name, value in targets)
    backward = any(_BACKWARD.match(name) for name, _ in targets)
    if forward and backward:
        found.append(BOTH_PASSES)
    names = {name for name, _ in targets} | {
        node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    }
    if any(_GRADIENT.match(n) and n.lower().startswith("dw") for n in names) and any(_DA.match(n) for n in names):
        found.append(LINEAR_BACKWARD)
    return found


def _offences_in_text(code: str) -> list[str]:
    """The same rules, line by line, for a block that is not Python on its own (a fragment, or output)."""
    found, lines = [], code.splitlines()
    assigned = lambda pattern: [i for i, line in enumerate(lines) if re.match(rf"^\s*{pattern}\s*[-+*/]?=[^=]", line)]  # noqa: E731
    loops = [i for i, line in enumerate(lines) if re.match(r"^\s*for\b.*:\s*$", line)]
    if any(i > j and lines[i].startswith(" ") for i in assigned(r"d[Wwb]\w*") for j in loops):
        found.append(LOOP_dW)
    if re.search(r"def\s+\w+\(\s*[wW]\w*[^,]*,\s*b\w*[^,]*,\s*X\w*[^,]*,\s*Y\w*", code) and re.search(
        r"return\b.*\b(d[wWb]\w*|grads)\b", code
    ):
        found.append(SIGNATURE)
    activation = r"\b(sigma|sigmoid|tanh|relu|g|softmax|exp)\("
    forward = any(re.search(activation, lines[i]) for i in assigned(r"[Aa]\w*"))
    if forward and assigned(r"d[ZzWwbAa]\w*"):
        found.append(BOTH_PASSES)
    return found


def offences(code: str) -> list[str]:
    """What in one block of code breaks the forum's rule, one reason per rule broken; [] when nothing does."""
    # A console session's prompts are not code: ">>> x = 1" and "... y" read as "x = 1" and "y".
    code = re.sub(r"(?m)^(\s*)(>>>|\.\.\.) ?", r"\1", code)
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError:
        return _offences_in_text(code)
    return _offences_in_tree(tree)


class _Blocks(HTMLParser):
    """The text of every <pre> element of a page (code blocks, notebook cells and their outputs)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.blocks = 0, []

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self.depth += 1
            if self.depth == 1:
                self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "pre" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.blocks[-1] += data


def code_blocks(html: str) -> list[str]:
    """The code of every block on a built page, as a reader copies it."""
    parser = _Blocks()
    parser.feed(html)
    return [unescape(block) for block in parser.blocks]


# -- the shapes of what the site used to show: each must be caught -------------------------------

TWO_LAYER_FORMULAS = """
def error_formulas(params, X, Y):
    (W1, b1), (W2, b2) = params
    m = X.shape[1]
    A1 = np.tanh(W1 @ X + b1)
    A2 = sigma(W2 @ A1 + b2)
    dZ2 = A2 - Y
    dW2 = (dZ2 @ A1.T) / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)
    dW1 = (dZ1 @ X.T) / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return compare([dW1, db1, dW2, db2])
"""

NETWORK_GRADIENTS = """
def gradients(params, X, Y, hidden="relu"):
    g, g_prime = activation(hidden)
    Zs, As = forward(params, X, g)
    L = len(params)
    grads = []
    dZ = dZ_output(Zs[L - 1], Y)
    for l in range(L, 0, -1):
        W, _ = params[l - 1]
        grads.append(dW_db(dZ, As[l - 1]))
        if l > 1:
            dZ = dZ_hidden(dA_prev(W, dZ), Zs[l - 2], g_prime)
    return grads[::-1]
"""

COURSE_STYLE_BACKWARD = """
for l in reversed(range(L - 1)):
    current_cache = caches[l]
    dA, dW, db = step(grads["dA" + str(l + 1)], current_cache)
    grads["dA" + str(l)], grads["dW" + str(l + 1)], grads["db" + str(l + 1)] = dA, dW, db
"""

NETWORK_FORWARD = """
def forward(params, X, g):
    Zs, As = [], [X]
    for l, (W, b) in enumerate(params, start=1):
        Zs.append(W @ As[-1] + b)
        if l < len(params):
            As.append(g(Zs[-1]))
    return Zs, As
"""

DW_DB_WITH_DA_PREV = """
def dW_db(dZ, A_prev):
    m = dZ.shape[1]
    dW = (dZ @ A_prev.T) / m
    db = dZ.sum(axis=1, keepdims=True) / m
    return dW, db


def dA_prev(W, dZ):
    dA_prev = W.T @ dZ
    return dA_prev
"""

VECTORISED_GRADIENTS = """
def gradients(w, b, X, Y):
    w, b, X, Y = _checked(w, b, X, Y)
    m = X.shape[1]
    A = sigma(w.T @ X + b)
    dZ = A - Y
    dw = (X @ dZ.T) / m
    db = float(dZ.sum()) / m
    return dw, db
"""

ROWS_GRADIENTS = """
def gradients_rows(params, X, Y, hidden="relu"):
    Zs, As = _forward_rows(params, X, g)
    m = X.shape[0]
    grads = []
    dZ = sigma(Zs[-1]) - Y
    for l in range(len(params), 0, -1):
        W, _ = params[l - 1]
        dW = (As[l - 1].T @ dZ) / m
        db = dZ.sum(axis=0, keepdims=True) / m
        grads.append((dW, db))
        if l > 1:
            dA = dZ @ W.T
            dZ = dA * g_prime(Zs[l - 2])
    return grads[::-1]
"""

LOGISTIC_ROWS = """
def logistic_gradients_rows(w, b, X, Y):
    m = X.shape[0]
    A = sigma(X @ w + b)
    dZ = A - Y
    dw = (X.T @ dZ) / m
    db = float(dZ.sum()) / m
    return dw, db
"""

ONE_OVER_M = """
def logistic_gradients_mean_in_dZ(w, b, X, Y):
    m = X.shape[1]
    dZ = (sigma(w.T @ X + b) - Y) / m
    dw = X @ dZ.T
    db = float(dZ.sum())
    return dw, db
"""

PROPAGATE_DICT = """
def propagate(weights, bias, X_train, Y_train):
    m = X_train.shape[1]
    cost = compute(weights, bias, X_train, Y_train)
    return {"dw": X_train @ (sigmoid(weights.T @ X_train + bias) - Y_train).T / m, "db": 0.0}, cost
"""

LINEAR_BACKWARD_FUNCTIONS = """
def dW_rows(A_prev, dZ):
    return A_prev.T @ dZ / dZ.shape[0]


def db_rows(dZ):
    return dZ.sum(axis=0, keepdims=True) / dZ.shape[0]


def dA_prev_rows(dZ, W):
    return dZ @ W.T
"""

FRAGMENT = """
>>> for l in range(L, 0, -1):
...     dW = dZ @ A_prev.T / m
"""

CAUGHT = [
    (TWO_LAYER_FORMULAS, {BOTH_PASSES}),
    (NETWORK_GRADIENTS, {LOOP_dW}),
    (COURSE_STYLE_BACKWARD, {LOOP_dW}),
    (NETWORK_FORWARD, {LOOP_FORWARD}),
    (DW_DB_WITH_DA_PREV, {LINEAR_BACKWARD}),
    (VECTORISED_GRADIENTS, {SIGNATURE, BOTH_PASSES}),
    (ROWS_GRADIENTS, {LOOP_dW}),
    (LOGISTIC_ROWS, {SIGNATURE, BOTH_PASSES}),
    (ONE_OVER_M, {SIGNATURE}),
    (PROPAGATE_DICT, {SIGNATURE}),
    (LINEAR_BACKWARD_FUNCTIONS, {LINEAR_BACKWARD}),
    (FRAGMENT, {LOOP_dW}),
]


@pytest.mark.parametrize(
    ("code", "reasons"), CAUGHT, ids=lambda v: v.split("(")[0].split()[-1] if isinstance(v, str) else ""
)
def test_the_shapes_of_graded_answers_are_caught(code, reasons):
    assert reasons <= set(offences(code)), offences(code)


# -- what the site shows now: one formula at a time, and checks: each must pass ----------------------

ONE_FORMULA = '''
def dW(dZ, A_prev):
    """dW[l] = (1/m) dZ[l] A[l-1]^T."""
    dZ, A_prev = _same_m(dZ, A_prev)
    return dZ @ A_prev.T / dZ.shape[1]
'''

DZ1 = '''
def dZ1(W2, dZ2, A1):
    """dZ[1] = W[2]^T dZ[2] * (1 - A[1]^2)."""
    return (W2.T @ dZ2) * (1 - A1**2)
'''

SOFTMAX_CHECK = """
found = []
for C, _ in SHAPES:
    z, y = rng.normal(0.0, 1.0, size=(C, 1)), labels(rng, C, 1, one_hot=False)
    a = softmax(z)
    dL_da = -y / a
    found.append(Compared(jacobian(z).T @ dL_da, central_difference(lambda t: cost(t, y), z), "differences"))
"""

A_CHECK = '''
def check_dA_prev(rng, hidden="tanh"):
    """dA[l-1] = W[l]^T dZ[l] against m dJ/dA[l-1] by central differences."""
    g, _ = activation(hidden)
    Zs, As = forward(params, X, g)
    site = dA_prev(params[l - 1][0], dZ_by_differences(params, l, Zs[l - 1], Y, hidden))
    return [(site, dA_by_differences(params, l, As[l - 1], Y, hidden))]
'''

COST = '''
def J(w, b, X, Y):
    """The cost: no gradient."""
    Z = w.T @ X + b
    return float((Y * np.logaddexp(0, -Z) + (1 - Y) * np.logaddexp(0, Z)).mean())
'''

TABLE_LOOP = """
for l, ((error_dW, error_db), norm) in enumerate(zip(errors, norms, strict=True), start=1):
    rows.append(f"| {l} | {error_dW:.1e} | {error_db:.1e} | {norm:.1e} |")
norms = [np.linalg.norm(dW) for dW, _ in layers(grads)]
"""

SIGMOID = """
def sigma(z):
    return np.exp(-np.logaddexp(0.0, -z))
A = sigma(Z)
"""

OUTPUT = "layer 1: dW error 1.2e-03, db error 4.0e-11\nlayer 2: dW error 3.1e-11\n"

PASSED = [ONE_FORMULA, DZ1, SOFTMAX_CHECK, A_CHECK, COST, TABLE_LOOP, SIGMOID, OUTPUT, "make serve\n", "x = [1, 2\n"]


@pytest.mark.parametrize("code", PASSED, ids=range(len(PASSED)))
def test_one_formula_at_a_time_and_the_checks_pass(code):
    assert offences(code) == []


def test_code_blocks_reads_highlighted_html_as_a_reader_copies_it():
    html = (
        '<p>x</p><div class="highlight"><pre><span></span><code><span class="n">dZ</span> '
        '<span class="o">=</span> <span class="n">A</span> <span class="o">-</span> Y\n'
        "x &lt; y &amp;&amp; z</code></pre></div><pre>second</pre>"
    )
    assert code_blocks(html) == ["dZ = A - Y\nx < y && z", "second"]


# -- the built site --------------------------------------------------------------------------------


def test_no_code_block_of_the_built_site_has_a_graded_answers_shape(site):
    _, folder = site
    pages = sorted(folder.rglob("*.html"))
    assert any("notebooks" in str(p) for p in pages)  # notebook pages are scanned too
    found, blocks = [], 0
    for path in pages:
        for code in code_blocks(path.read_text()):
            blocks += 1
            found += [f"{path.relative_to(folder)}: {reason}:\n{code}" for reason in offences(code)]
    assert blocks > 50
    assert not found, "\n\n".join(found)
