r"""canon.py's rules for the losses and the cost, in matrix lines.

- ``\mathcal{L}`` (the losses, one per unit and example) is the cross-entropy of a prediction ``P`` and
  the labels ``Y``, entry by entry: ``-Y * \log(P) - (1 - Y) * \log(1 - P)``, or ``-Y * \log(P)`` where
  each column of ``P`` sums to 1 (a softmax's). Checked at every random network, entry by entry.
- ``J`` with ``\mathcal{L}`` in it is its mean over the examples: ``dJ/d\mathcal{L}`` is ``1/m`` in every
  entry (the units' losses of one example add up, as in the multi-label cost), and no constant is added;
  a term with values of its own (``\frac{\lambda}{2m} \lVert W \rVert^2``) may be added.

A page may define another loss under another name (``E``); these rules hold for ``\mathcal{L}`` only.
"""

from __future__ import annotations

import mpmath

from . import matrix_values as mv
from .matrix_latex import Node, error, names

LOSS = r"\mathcal{L}"
CROSS_ENTROPY = r"-Y * \log(A) - (1 - Y) * \log(1 - A)"
_CLOSE = mpmath.mpf(10) ** -25


def check(page, base: str, lhs: str, rhs: str) -> None:
    """Raise a StepError (reason "differ") if the definition of ``base`` just added breaks a rule above."""
    if base == LOSS:
        _loss(page, lhs, rhs)
    elif base == "J" and LOSS in names(page.definitions["J"][-1][1]):
        _mean(page, lhs, rhs)


def _logs(node: Node) -> list[Node]:
    found = [node.parts[0]] if node.kind == "call" and node.base in (r"\log", r"\ln") else []
    for part in node.parts:
        if isinstance(part, Node):
            found += [p for p in _logs(part) if p.text not in {f.text for f in found}]
    return found


def _size(node: Node) -> int:
    return 1 + sum(_size(p) for p in node.parts if isinstance(p, Node))


def _entries(value) -> list:
    return list(value.data) if mv.is_matrix(value) else [value]


def _refuse(lhs: str, rhs: str, why: str):
    return error(
        f"'{lhs} = {rhs}' is not the cross-entropy loss {CROSS_ENTROPY} of a prediction A and the labels Y, "
        f"entry by entry ({why}); on this site {LOSS} is that loss: give another loss another name, such as E",
        "differ",
        lhs=lhs,
        rhs=rhs,
    )


def _loss(page, lhs: str, rhs: str) -> None:
    from .matrix_eval import evaluate, resolve

    body = page.definitions[LOSS][-1][1]
    logs = sorted(_logs(body), key=_size)
    if not logs or len(logs) > 2:
        raise _refuse(lhs, rhs, "it has no logarithm" if not logs else f"it takes {len(logs)} logarithms")
    for inst in page.instances:
        value = page.value(LOSS, None, inst)
        labels = resolve(page, "Y", None, inst, None, "Y (the labels)")
        p = _entries(evaluate(page, logs[0], inst, inst.layers, {}))
        y, losses = _entries(labels), _entries(value)
        if not len(p) == len(y) == len(losses):
            raise _refuse(lhs, rhs, f"its prediction {logs[0].text} and the labels Y differ in shape")
        if len(logs) == 2:
            expected = [-(t * mpmath.log(q) + (1 - t) * mpmath.log(1 - q)) for q, t in zip(p, y, strict=True)]
        else:
            columns = labels.cols if mv.is_matrix(labels) else 1
            sums = [sum(p[j::columns]) for j in range(columns)]
            if any(abs(s - 1) > _CLOSE for s in sums):
                raise _refuse(lhs, rhs, f"one log: its prediction {logs[0].text} must sum to 1 over each column")
            expected = [-t * mpmath.log(q) for q, t in zip(p, y, strict=True)]
        for k, (got, want) in enumerate(zip(losses, expected, strict=True)):
            if abs(got - want) > _CLOSE * max(1, abs(want)):
                raise _refuse(
                    lhs,
                    rhs,
                    f"with the prediction {logs[0].text}, entry {k + 1} is {mpmath.nstr(got, 6)}, the cross-entropy "
                    f"{mpmath.nstr(want, 6)}, at {inst.describe()}",
                )


def _mean(page, lhs: str, rhs: str) -> None:
    from .matrix_eval import gradient

    rests = []
    for inst in page.instances:
        m = inst.sizes["m"]
        slopes = _entries(gradient(page, LOSS, None, inst, scaled=False))
        wrong = [s for s in slopes if abs(s * m - 1) > _CLOSE]
        if wrong:
            raise error(
                f"'{lhs} = {rhs}': J is the mean of the examples' losses {LOSS} (each loss times 1/m = "
                f"{mpmath.nstr(mpmath.mpf(1) / m, 6)}), but dJ/d{LOSS} has an entry {mpmath.nstr(wrong[0], 6)}, "
                f"at {inst.describe()}",
                "differ",
                lhs=lhs,
                rhs=rhs,
            )
        cost = _entries(page.value("J", None, inst))[0]
        rests.append(cost - sum(_entries(page.value(LOSS, None, inst))) / m)
    if all(abs(r - rests[0]) <= _CLOSE * max(1, abs(r)) for r in rests) and abs(rests[0]) > _CLOSE:
        raise error(
            f"'{lhs} = {rhs}': J is the mean of the examples' losses {LOSS}, but it adds the constant "
            f"{mpmath.nstr(rests[0], 6)}",
            "differ",
            lhs=lhs,
            rhs=rhs,
        )
