r"""The course's notation, rewritten into text that sympy's LaTeX parser reads as the course means it.

- ``a^{[1]}``, ``z^{[l]}``, ``x^{(i)}``, ``a^{[1](i)}``, ``a^{[1]}_2``: one name each (a layer, an
  example), never a power. ``(a^{[1]})^2`` is still a square.
- ``^T``, ``^\top``, ``^{[l]T}``: a transpose, refused in a scalar fence.
- ``\mathrm{d}``, ``\operatorname{d}``, ``\text{d}``, ``\partial``: the same ``d`` as in ``\frac{dL}{dz}``.
- ``\frac{dF}{dx}`` with F a name, ``\frac{d^2 F}{dx^2}``, ``\frac{d(\ldots)}{dx}``, and ``\frac{d}{dx}``
  applied to what follows: derivatives.
- ``dz``, ``dw_1``, ``dZ^{[l]}``: the course's shorthand for the derivative of the cost (steps.py
  decides which cost).

Each rewritten piece becomes a placeholder that the parser reads as one symbol; ``Rewritten`` says
what every placeholder stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Letters written as commands (\ell is no Greek letter, but one all the same).
GREEK = (
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu nu xi pi rho "
    "sigma tau upsilon phi varphi chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Upsilon Phi Psi Omega ell"
).split()
_GREEK = "|".join(sorted(GREEK, key=len, reverse=True))
_SUB = r"_(?:\{\s*[A-Za-z0-9]+\s*\}|[A-Za-z0-9])"
_LAYER = r"\[\s*(?:[A-Za-z]|\d+|[A-Za-z]\s*[-+]\s*\d+)\s*\]"
_EXAMPLE = r"\(\s*(?:[a-z]|\d+)\s*\)"
_BASE = rf"(?:\\(?:{_GREEK})(?![A-Za-z])|[A-Za-df-z])"  # not e: e^{(1)} is a power of Euler's number
# A name with a layer and/or example superscript, and a subscript before or after it.
SUPERSCRIPTED = re.compile(
    rf"(?<![A-Za-z\\])(?P<d>d\s*(?=[A-Za-z\\]))?(?P<base>{_BASE})(?P<sub1>{_SUB})?"
    rf"\^\s*\{{\s*(?P<sup>(?:{_LAYER}\s*(?:{_EXAMPLE})?|{_EXAMPLE}))\s*\}}(?P<sub2>{_SUB})?"
)
TRANSPOSE = re.compile(rf"\^\s*(?:\{{\s*(?:{_LAYER}|{_EXAMPLE})*\s*(?:T|\\top)\s*\}}|(?:T|\\top)(?![A-Za-z]))")
_D_SPELLED = re.compile(
    r"\\(?:mathrm|operatorname|textrm|text|mathit|rm)\s*\{\s*d\s*\}|\{\s*\\rm\s+d\s*\}|\\mathrm\s+d(?![A-Za-z])"
    r"|(?<!frac)\{\s*d\s*\}(?=\s*[A-Za-z\\])"  # {d}L, but not the d of \frac{d}{dz}
)
# \mathcal{L}, \mathrm{L}, \boldsymbol{L}: a letter in another font is that letter (the parser drops the font of
# a bare one already; with a subscript or a superscript it cannot read it at all, or reads a power).
_FONT = re.compile(r"\\(?:mathcal|mathscr|mathrm|mathbf|mathsf|boldsymbol|bm|textrm|text)\s*\{\s*([A-Za-z])\s*\}")
# \operatorname{ReLU}(z): the parser reads a command followed by (...) as a function call.
_OPERATOR_NAME = re.compile(r"\\(?:operatorname|mathrm|textrm|text)\s*\{\s*([A-Za-z]{2,})\s*\}")
_PLACEHOLDER = r"\\mathit\{Q(?:name|rate)[A-K]+\}"
# One symbol: a letter or a Greek command with an optional subscript, or a placeholder.
NAME = rf"(?:{_PLACEHOLDER}|(?:\\(?:{_GREEK})(?![A-Za-z])|[A-Za-z])(?:{_SUB})?)"
_PLAIN = re.compile(r"\s*\\?(?P<base>[A-Za-z]+)(?:_(?:\{\s*(?P<b>[A-Za-z0-9]+)\s*\}|(?P<c>[A-Za-z0-9])))?\s*")
_D = r"(?:d|\\partial)"


def _order(a: str, b: str) -> str:
    # an optional ^2 or ^{2}: the order of a derivative
    return rf"(?:\^\s*(?:\{{\s*(?P<{a}>\d)\s*\}}|(?P<{b}>\d)))?"


_NUMERATOR = re.compile(rf"\s*{_D}\s*{_order('n1', 'n2')}\s*(?P<rest>.*?)\s*", re.S)
_DENOMINATOR = re.compile(rf"\s*{_D}\s*(?P<x>{NAME})\s*{_order('n3', 'n4')}\s*")
# dz, dw_1, dZ^{[l]} (its name already a placeholder): d directly before a name, not inside a word.
# dL/dz and \partial L / \partial z written with a slash.
_SLASHED = re.compile(rf"(?<![A-Za-z\\_^]){_D}\s*(?P<f>{NAME})\s*/\s*{_D}\s*(?P<x>{NAME})(?![A-Za-z])")
_SHORTHAND = re.compile(rf"(?<![A-Za-z\\_^])d\s*(?P<x>{NAME})(?![A-Za-z])")


class NotationError(ValueError):
    """Notation that is refused; latex.py turns it into a StepError with this ``reason``."""

    def __init__(self, message: str, reason: str = "other"):
        super().__init__(message)
        self.reason = reason


@dataclass
class Rewritten:
    """The text for the parser, and what each placeholder in it stands for."""

    text: str
    names: dict[str, str] = field(default_factory=dict)  # placeholder -> the symbol's name
    rates: dict[str, tuple[str | None, str, int, str]] = field(
        default_factory=dict
    )  # placeholder -> (F, x, order, as written)


def plain_fonts(text: str) -> str:
    r"""``\mathcal{L}_1`` -> ``L_1``: a letter in another font is the same letter."""
    return _FONT.sub(r"\1", text)


def operator_names(text: str) -> str:
    r"""``\operatorname{ReLU}`` -> ``\ReLU``: a named function, as the parser reads ``\gamma``."""
    return _OPERATOR_NAME.sub(r"\\\1", text)


def _letters(k: int) -> str:
    # Letters only (no d), so that the parser reads one symbol.
    return "".join("ABCEFGHIJK"[int(c)] for c in str(k))


def superscripted_name(match: re.Match[str]) -> str:
    """The symbol name of ``a^{[1]}_2`` and ``a_2^{[1]}``: 'a^{[1]}_{2}'."""
    base = match["base"].lstrip("\\")
    sup = re.sub(r"\s+", "", match["sup"])
    sub = match["sub1"] or match["sub2"]
    sub = sub[1:].strip("{} ") if sub else ""
    return f"{base}^{{{sup}}}" + (f"_{{{sub}}}" if sub else "")


def plain_name(latex: str) -> str:
    r"""The name of one symbol written without a placeholder: w_1 -> 'w_{1}', \sigma -> 'sigma'."""
    match = _PLAIN.fullmatch(latex)
    if not match:
        raise NotationError(f"'{latex}' is not one symbol")
    sub = match["b"] or match["c"]
    return match["base"] + (f"_{{{sub}}}" if sub else "")


def _group(text: str, i: int) -> tuple[str, int] | None:
    """The brace group starting at text[i] (after spaces): its content and the index after it."""
    while i < len(text) and text[i].isspace():
        i += 1
    if i >= len(text) or text[i] != "{":
        return None
    depth = 0
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i + 1 : j], j + 1
    return None


class _Writer:
    def __init__(self) -> None:
        self.out = Rewritten("")
        self.operators: list[str] = []

    def name_of(self, latex: str) -> str:
        latex = latex.strip()
        placeholder = re.fullmatch(r"\\mathit\{(Q(?:name|rate)[A-K]+)\}", latex)
        if placeholder and placeholder[1] in self.out.names:
            return self.out.names[placeholder[1]]
        if placeholder:
            raise NotationError("a derivative cannot be differentiated by name; write it out")
        return plain_name(latex)

    def rate(self, f: str | None, x: str, order: int, written: str) -> str:
        key = "Qrate" + _letters(len(self.out.rates))
        shown = re.sub(r"\s*\\mathit\{(Qname[A-K]+)\}\s*", lambda m: self.out.names[m[1]], written)
        self.out.rates[key] = (f, x, order, shown)
        return rf" \mathit{{{key}}} "

    def fractions(self, text: str) -> str:
        r"""Every \frac: a derivative becomes a placeholder or an operator; others are rewritten inside."""
        parts, i = [], 0
        while (at := text.find(r"\frac", i)) >= 0:
            numerator = _group(text, at + 5)
            denominator = numerator and _group(text, numerator[1])
            if not denominator:
                break  # unbalanced: the parser says where
            parts.append(text[i:at])
            parts.append(self.fraction(numerator[0], denominator[0], text[at : denominator[1]]))
            i = denominator[1]
        return "".join(parts) + text[i:]

    def fraction(self, top: str, bottom: str, written: str) -> str:
        over = _DENOMINATOR.fullmatch(bottom)
        under = _NUMERATOR.fullmatch(top)
        if not (over and under):
            return rf"\frac{{{self.fractions(top)}}}{{{self.fractions(bottom)}}}"
        n_top, n_bottom = int(under["n1"] or under["n2"] or 1), int(over["n3"] or over["n4"] or 1)
        if n_top != n_bottom:
            raise NotationError(
                f"'{written}': the numerator is a derivative of order {n_top}, the denominator {n_bottom}", "parse"
            )
        x, rest = over["x"], under["rest"]
        if re.fullmatch(NAME, rest):
            return self.rate(self.name_of(rest), self.name_of(x), n_top, written)
        if x.startswith(r"\mathit"):
            raise NotationError(f"'{written}': write d/dx of a layer's name as \\frac{{dF}}{{dx}} with F one symbol")
        operator = rf"\frac{{d}}{{d{x}}}" * n_top
        key = f"\x00{len(self.operators)}\x00"
        self.operators.append(operator)
        return key + (f"({self.fractions(rest)})" if rest else "")

    def shorthand(self, match: re.Match[str]) -> str:
        return self.rate(None, self.name_of(match["x"]), 1, match[0])


def rewrite(text: str) -> Rewritten:
    """Rewrite one side of a step; raise NotationError for notation a scalar fence refuses."""
    transpose = TRANSPOSE.search(text)
    if transpose:
        raise NotationError(
            f"'{transpose[0]}' is a transpose: a scalar derivation fence has no matrices; "
            "write it as a matrix equation with declared shapes"
        )
    writer = _Writer()
    text = re.sub(r"\\[dt]frac(?![A-Za-z])", r"\\frac", operator_names(plain_fonts(_D_SPELLED.sub("d", text))))

    def name(match: re.Match[str]) -> str:
        key = "Qname" + _letters(len(writer.out.names))
        writer.out.names[key] = superscripted_name(match)
        return ("d" if match["d"] else "") + rf" \mathit{{{key}}} "

    text = SUPERSCRIPTED.sub(name, text)
    text = writer.fractions(text)
    text = _SLASHED.sub(lambda m: writer.rate(writer.name_of(m["f"]), writer.name_of(m["x"]), 1, m[0]), text)
    text = _SHORTHAND.sub(writer.shorthand, text)
    for k, operator in enumerate(writer.operators):
        text = text.replace(f"\x00{k}\x00", operator)
    writer.out.text = text
    return writer.out
