r"""The site's core quantities, defined once; a page's definition of one of them is checked against this.

The rules (CONTRIBUTING.md, "Definitions the checker compares"):

- A function named ``\sigma``, ``\operatorname{ReLU}`` or ``\operatorname{LeakyReLU}`` must be the
  function below (``\tanh``, ``\exp``, ``\log`` and ``\max`` are sympy's own and cannot be redefined:
  ``\tanh(z) = \ldots`` is a claim, checked against sympy's tanh).
- ``\gamma`` is never a function: in this course it is batch norm's scale.
- A symbol named ``L``, ``\ell`` or ``\mathcal{L}`` (a letter in another font is that letter), bare or
  with a subscript or a superscript (``L_1``, ``L^{(1)}``, ``L^{(i)}``, ``\ell_1``: the loss of an example),
  and the body of a function of that name (``L(a, y)``), is the cross-entropy loss of some prediction
  and label: ``-(y \log p + (1 - y) \log(1 - p))``, or ``-\sum_k y_k \log p_k`` over predictions that
  sum to 1 by the page's definitions, with a distinct label symbol ``y_k`` for each. Other names
  (``E``, ``E_t``, ``E^{(1)}``) are free: a page may define another loss, such as the squared error,
  under another name.
- A symbol ``J`` (or a function ``J(w, b)``) defined as a sum of multiples of losses, in any of the
  spellings above, is their mean: every multiple is 1/(their number), and no constant is added; a
  term with symbols of its own (a regularisation term) may be added. A ``J`` with no loss in it is free.
"""

from __future__ import annotations

import re

import sympy as sp

_t = sp.Symbol("t", real=True)

# name -> (the function, how a reader knows it)
FUNCTIONS: dict[str, tuple[sp.Lambda, str]] = {
    "sigma": (sp.Lambda(_t, 1 / (1 + sp.exp(-_t))), r"the sigmoid \frac{1}{1 + e^{-z}}"),
    "ReLU": (sp.Lambda(_t, sp.Max(0, _t)), r"ReLU, \max(0, z)"),
    "LeakyReLU": (sp.Lambda(_t, sp.Max(sp.Rational(1, 100) * _t, _t)), r"leaky ReLU, \max(0.01 z, z)"),
}
# The names the checker gives a loss: L, L_{1}, L^{(1)}, L^{(i)}, L^{[1](i)}, ell, ell_{1} (notation.py's names).
_LOSS = re.compile(r"(?:L|ell)(?:[_^].*)?")


def is_loss(name: str) -> bool:
    """Whether ``name`` (a symbol's or a function's name) spells a per-example loss."""
    return bool(_LOSS.fullmatch(name))


NOT_FUNCTIONS = {"gamma": r"\gamma is batch norm's scale in this course, not a function; the sigmoid is \sigma"}
CROSS_ENTROPY = r"-\left(y \log(a) + (1 - y) \log(1 - a)\right)"


def softmax(z: list[sp.Expr]) -> list[sp.Expr]:
    """The softmax of z_1 ... z_n: e^{z_k} / sum_j e^{z_j}."""
    total = sum(sp.exp(zk) for zk in z)
    return [sp.exp(zk) / total for zk in z]


def cross_entropy(p: sp.Expr, y: sp.Expr) -> sp.Expr:
    """The loss L(p, y) of a prediction p of the label y."""
    return -(y * sp.log(p) + (1 - y) * sp.log(1 - p))


def not_cross_entropy(value: sp.Expr, expand, labels: set[sp.Symbol]) -> str:
    """Why ``value`` is not a cross-entropy loss, or "" if it is.

    ``expand`` substitutes the page's definitions; ``labels`` are the page's declared symbols.
    """
    logs = sorted(value.atoms(sp.log), key=sp.default_sort_key)
    if not logs:
        return "it has no logarithm"
    stand_ins = [sp.Dummy(f"log{k}") for k in range(len(logs))]
    linear = sp.expand(value).xreplace(dict(zip(logs, stand_ins, strict=True)))
    weights = [sp.diff(linear, s) for s in stand_ins]
    rest = sp.simplify(linear - sum(w * s for w, s in zip(weights, stand_ins, strict=True)))
    if rest != 0 or any(w.has(*stand_ins) for w in weights):
        return "it is not a sum of label times log of prediction"
    predictions = [log.args[0] for log in logs]
    labels_of = [-w for w in weights]
    if len(logs) == 2 and sp.simplify(predictions[0] + predictions[1] - 1) == 0:
        # binary: the simpler argument is the prediction p, and its label y goes with log p.
        first = 0 if sp.count_ops(predictions[0]) <= sp.count_ops(predictions[1]) else 1
        y = labels_of[first]
        if y in labels and sp.simplify(value - cross_entropy(predictions[first], y)) == 0:
            return ""
        other = 1 - first
        return f"the label of log({predictions[first]}) is {y}, of log({predictions[other]}) {labels_of[other]}"
    if len(set(labels_of)) != len(labels_of) or not all(y in labels for y in labels_of):
        return "each log of a prediction needs its own label symbol"
    total = sp.simplify(expand(sum(predictions)) - 1)
    if total != 0:
        return f"its predictions {', '.join(map(str, predictions))} do not sum to 1"
    return ""


def not_a_mean(value: sp.Expr) -> str:
    """Why ``value``, a sum of multiples of losses L_k, is not their mean; "" if it is, or is no such sum."""
    losses = sorted((s for s in value.free_symbols if is_loss(s.name)), key=str)
    if not losses:
        return ""
    expanded = sp.expand(value)
    weights = [expanded.coeff(s) for s in losses]
    if any(w.has(*losses) for w in weights):
        return ""  # not a sum of multiples of losses (a product of two, say): free
    rest = sp.simplify(expanded - sum(w * s for w, s in zip(weights, losses, strict=True)))
    if rest != 0 and not rest.free_symbols:
        return f"J is the mean of its {len(losses)} losses, but it adds the constant {rest}"
    # Any other rest is a term of its own, such as a regularisation term lambda w^2: free.
    wrong = [f"{w} {s}" for w, s in zip(weights, losses, strict=True) if sp.simplify(w - sp.Rational(1, len(losses)))]
    if wrong:
        return f"J is the mean of its {len(losses)} losses (each times 1/{len(losses)}), but it has {', '.join(wrong)}"
    return ""
