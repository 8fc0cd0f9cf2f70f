r"""Work out a matrix line's two sides in one random network (matrix.py) and compare them.

``resolve`` gives a named matrix its value: a definition of the page (the one for
that layer, else the one for every l), random entries for a declared matrix, or,
for ``dN``, the course's derivative of the page's J. A derivative is exact: N's
entries become symbols, J is worked out again from them (everything else already
a number) and sympy differentiates it.
"""

from __future__ import annotations

import re
from dataclasses import replace

import mpmath

from . import matrix_values as mv
from .matrix_latex import Node, error

_TOLERANCE = mpmath.mpf(10) ** -25


def resolve(page, base: str, k: int | None, inst, target=None, written: str = "") -> mv.Value:
    """base^{[k]} in ``inst``; with ``target`` = (base, k, symbols), that matrix is the symbols."""
    if target is not None and (base, k) == target[:2]:
        return target[2]
    key = (target[:2] if target else None, base, k)
    if key in inst.values:
        return inst.values[key]
    definition = _definition(page, base, k, inst)
    if definition is not None:
        pattern, body, text = definition
        layers = {**inst.layers, "l": k} if pattern is not None and pattern.var == "l" else inst.layers
        value = evaluate(page, body, inst, layers, {}, target)
        declared = page.declared_shape(base, k, inst)
        if declared is not None and mv.shape(value) != declared:
            raise error(
                f"{text} gives a {mv.shape(value) or 'number'} at {inst.describe()}, but 'shapes:' declares {declared}",
                "shape",
            )
    elif page.definitions.get(base):
        written = ", ".join(text for *_, text in page.definitions[base])
        raise error(f"{base}^{{[{k}]}} is not defined: the page defines {written} (layers 1 to L)", "undefined")
    elif base.startswith("d") and len(base) == 2 and (page.families.get(base[1]) or page.definitions.get(base[1])):
        value = gradient(page, base[1], k, inst)
    else:
        value = page.leaf(base, k, inst, written)
    inst.values[key] = value
    return value


def _definition(page, base: str, k: int | None, inst):
    defs = page.definitions.get(base, [])
    exact = [d for d in defs if d[0] is not None and d[0].var != "l" and d[0].value(inst.layers) == k]
    generic = [d for d in defs if (d[0] is None and k is None) or (d[0] is not None and d[0].var == "l" and k)]
    return (exact or generic or [None])[0]


def gradient(page, base: str, k: int | None, inst, scaled: bool = True) -> mv.Mat:
    """DN as the course means it: dJ/dN, times m when N has a column per example (dZ, dA); unscaled: dJ/dN."""
    if "J" not in page.definitions:
        raise error(f"d{base} is a derivative of the cost J, and no line above defines J", "undefined")
    value = resolve(page, base, k, inst)
    if not mv.is_matrix(value):
        raise error(f"d{base}: {base} is a number, not a matrix", "other")
    p = len(value.data)
    seeded = mv.Mat(*value.shape, [mv.Dual(x, tuple(int(i == j) for j in range(p))) for i, x in enumerate(value.data)])
    cost = mv.scalar(resolve(page, "J", None, inst, (base, k, seeded)), Node("name", (), "J", "J"), "J")
    family = page.family(base, k, inst.layers)
    per_example = family is not None and family.dims[1] == "m"
    scale = inst.sizes["m"] if per_example and scaled else 1
    slopes = cost.d if isinstance(cost, mv.Dual) else (0,) * p
    return mv.Mat(*value.shape, [scale * mpmath.mpf(s) for s in slopes])


def evaluate(page, node: Node, inst, layers: dict, bound: dict, target=None) -> mv.Value:
    """The value of ``node``; ``bound`` holds summation indices and a function's argument."""

    def ev(part: Node) -> mv.Value:
        return evaluate(page, part, inst, layers, bound, target)

    kind = node.kind
    if kind == "num":
        return mpmath.mpf(node.text)
    if kind == "add":
        return mv.add(ev(node.parts[0]), ev(node.parts[1]), node, 1)
    if kind == "sub":
        return mv.add(ev(node.parts[0]), ev(node.parts[1]), node, -1)
    if kind == "neg":
        return -ev(node.parts[0])
    if kind == "mul":
        return mv.product(ev(node.parts[0]), ev(node.parts[1]), node)
    if kind == "had":
        return mv.elementwise(ev(node.parts[0]), ev(node.parts[1]), node)
    if kind == "frac":
        top, bottom = ev(node.parts[0]), mv.scalar(ev(node.parts[1]), node.parts[1], "the denominator")
        if (bottom.v if isinstance(bottom, mv.Dual) else bottom) == 0:
            raise error(f"{mv.show(node)} divides by 0", "domain")
        return mv.product(top, 1 / bottom, node)
    if kind == "pow":
        return mv.power(ev(node.parts[0]), ev(node.parts[1]), node)
    if kind == "T":
        value = ev(node.parts[0])
        return value.T if mv.is_matrix(value) else value
    if kind == "sum":
        return _sum(page, node, inst, layers, bound, target)
    if kind == "rate":  # \frac{dJ}{dN}
        name = node.parts[0]
        k = name.layer.value(layers) if name.layer is not None else None
        return gradient(page, name.base, k, inst, scaled=False)
    if kind == "call":
        return mv.apply(_function(page, node, inst, layers), ev(node.parts[0]))
    return _name(page, node, inst, layers, bound, target)


def _name(page, node: Node, inst, layers: dict, bound: dict, target) -> mv.Value:
    if node.base in bound and not node.layer:
        return bound[node.base]
    if node.base == "m" and not node.layer:
        return mpmath.mpf(inst.sizes["m"])
    if node.base == "n" and node.layer is not None:
        return mpmath.mpf(inst.sizes.get(f"n_{node.layer.value(layers)}", 0))
    k = node.layer.value(layers) if node.layer is not None else None
    if k is not None and not 0 <= k <= inst.layers["L"]:
        raise error(f"{mv.show(node)} is layer {k} of a network with L = {inst.layers['L']} layers", "undefined")
    value = resolve(page, node.base, k, inst, target, re.sub(r"T\}$", "}", mv.show(node)))
    if node.column:
        value = _column(value, node, bound)
    if node.entry:
        value = _entry(value, node, bound)
    return value


def _index(letter: str, node: Node, bound: dict) -> int:
    if letter.isdigit():
        return int(letter)
    if letter not in bound:
        raise error(f"the index {letter} of {mv.show(node)} is not summed over, nor an index of the left side", "other")
    return int(bound[letter])


def _column(value: mv.Value, node: Node, bound: dict) -> mv.Mat:
    i = _index(node.column, node, bound)
    if not mv.is_matrix(value) or not 1 <= i <= value.cols:
        raise error(f"{mv.show(node)}: example {i} is not a column of {mv.shape(value)}", "shape")
    return value.column(i - 1)


def _entry(value: mv.Value, node: Node, bound: dict):
    where = [_index(c, node, bound) for c in node.entry]
    if (
        not mv.is_matrix(value)
        or len(where) != 2
        or not all(1 <= w <= s for w, s in zip(where, value.shape, strict=True))
    ):
        raise error(f"{mv.show(node)}: entry {tuple(where)} is not in a matrix of shape {mv.shape(value)}", "shape")
    return value[where[0] - 1, where[1] - 1]


def _uses(node: Node, letter: str) -> bool:
    if node.kind == "name" and (node.column == letter or letter in node.entry):
        return True
    return any(isinstance(p, Node) and _uses(p, letter) for p in node.parts)


def _sum(page, node: Node, inst, layers: dict, bound: dict, target) -> mv.Value:
    body, low, high = node.parts
    letter = node.base
    if not letter or not _uses(body, letter):
        # \sum_i M: over the examples, each row added up (np.sum(M, axis=1, keepdims=True)).
        return mv.over_examples(evaluate(page, body, inst, layers, bound, target), node)
    first = 1 if low is None else int(evaluate(page, low, inst, layers, bound, target))
    if high is None and letter != "i":
        raise error(
            f"{mv.show(node)}: say where the sum over {letter} stops, as in \\sum_{{{letter}=1}}^{{n}}", "other"
        )
    last = inst.sizes["m"] if high is None else int(evaluate(page, high, inst, layers, bound, target))
    terms = [evaluate(page, body, inst, layers, {**bound, letter: t}, target) for t in range(first, last + 1)]
    if not terms:
        raise error(f"{mv.show(node)} is an empty sum", "other")
    total = terms[0]
    for term in terms[1:]:
        total = mv.add(total, term, Node("add", (body, body)), 1)
    return total


def _function(page, node: Node, inst, layers: dict):
    """The scalar function a call names, as a Python function of one number (or Dual)."""
    from .matrix import BUILTIN

    if node.base in BUILTIN:
        body = BUILTIN[node.base]
    else:
        defs = page.functions.get(node.base, [])
        k = node.layer.value(layers) if node.layer is not None else None
        exact = [d for d in defs if d[0] is not None and d[0].var != "l" and d[0].value(inst.layers) == k]
        generic = [d for d in defs if (d[0] is None) == (k is None) or (d[0] is not None and d[0].var == "l")]
        found = (exact or generic or [None])[0]
        if found is None:
            raise error(
                f"the function {mv.show(node)} is not defined above this line; a product with a bracket is "
                f"written {mv.show(node).split('(')[0]} \\cdot (...)",
                "undefined",
            )
        _, param, tree = found

        def body(x):
            return mv.scalar(evaluate(page, tree, inst, layers, {param: x}), tree, "a function's value")

    if not node.prime:
        return body
    if node.prime > 1:
        raise error(f"{mv.show(node)}: matrix lines take first derivatives of functions only", "other")

    def slope(x):
        # g'(x): g at x + e, one direction; its derivative part is g'(x), exactly.
        if isinstance(x, mv.Dual):
            raise error(f"{mv.show(node)}: a derivative g' cannot be differentiated again here", "other")
        out = body(mv.Dual(x, (1,)))
        return out.d[0] if isinstance(out, mv.Dual) else mpmath.mpf(0)

    return slope


def compare(page, left: Node, right: Node, inst) -> float:
    """The largest relative difference of the two sides in ``inst``; StepError if above 1e-25."""
    from .matrix import _number

    free = [c for c in left.entry if not c.isdigit()] if left.kind == "name" else []
    lhs_value = evaluate(page, replace(left, entry=()), inst, inst.layers, {})
    if free:
        if not mv.is_matrix(lhs_value) or len(free) != 2:
            raise error(f"{mv.show(left)}: an entry needs two indices of a matrix", "shape")
        pairs = [((r + 1, c + 1), lhs_value[r, c]) for r in range(lhs_value.rows) for c in range(lhs_value.cols)]
        rhs = {w: evaluate(page, right, inst, inst.layers, dict(zip(free, w, strict=True))) for w, _ in pairs}
        rhs_value = mv.Mat(lhs_value.rows, lhs_value.cols, [mv.scalar(rhs[w], right, "an entry") for w, _ in pairs])
    else:
        rhs_value = evaluate(page, right, inst, inst.layers, {})
    if mv.shape(lhs_value) != mv.shape(rhs_value):
        raise error(
            f"the left side {mv.show(left)} is {mv.shape(lhs_value) or 'a number'} but the right side "
            f"{mv.show(right)} is {mv.shape(rhs_value) or 'a number'}, at {inst.describe()}",
            "shape",
        )
    lefts = lhs_value.data if mv.is_matrix(lhs_value) else [lhs_value]
    rights = rhs_value.data if mv.is_matrix(rhs_value) else [rhs_value]
    cols = lhs_value.cols if mv.is_matrix(lhs_value) else 1
    worst = mpmath.mpf(0)
    with mpmath.workdps(50):
        for n, (a, b) in enumerate(zip(lefts, rights, strict=True)):
            x, y = _number(a, mv.show(left), inst), _number(b, mv.show(right), inst)
            gap = abs(x - y) / max(1, abs(x), abs(y))
            if gap > _TOLERANCE:
                entry = (n // cols + 1, n % cols + 1)
                raise error(
                    f"the two sides differ at entry {entry}, at {inst.describe()}: "
                    f"{mv.show(left)} = {mpmath.nstr(x, 10)} but {mv.show(right)} = {mpmath.nstr(y, 10)}",
                    "differ",
                    point=[*inst.sizes.items(), *inst.layers.items(), ("entry", entry)],
                    left=x,
                    right=y,
                    lhs=mv.show(left),
                    rhs=mv.show(right),
                )
            worst = max(worst, gap)
    return float(worst)
