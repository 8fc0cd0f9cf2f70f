r"""Read the course's matrix notation, written in LaTeX, into a small tree.

``dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}`` reads as it does in the course:
``^{[l]}`` is a layer, ``^{(i)}`` an example (a column), ``^T`` or ``^\top`` a
transpose, ``dZ`` one name, two factors side by side a matrix product, ``*`` and
``\odot`` the element-wise product, ``\sum_i`` a sum over the examples (numpy's
``np.sum(..., axis=1, keepdims=True)``), and a subscript on a matrix an entry
(``dW^{[l]}_{jk}``). sympy's LaTeX parser reads all of these as powers or
products of symbols, so the matrix lines have their own reader; the values are
worked out in matrix.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .latex import StepError

# Spacing and sizing only; the value is the same without them.
_LAYOUT = re.compile(
    r"\\\\|\\(?:left|right|big|Big|bigg|Bigg|textstyle|displaystyle)(?![a-zA-Z])|\\[,;:!]|\\quad|\\qquad|\\ |~"
)
_FRAC = re.compile(r"\\[td]?frac(?![a-zA-Z])")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# A name: one letter (dW with its d), a \mathcal letter, a Greek letter for a number (\lambda), or a function.
_NAME = re.compile(
    r"\\mathcal\{[A-Z]\}|d?[A-Za-z](?![A-Za-z])|\\(?:sigma|tanh|log|ln|exp)(?![a-zA-Z])"
    r"|\\(?:lambda|alpha|beta|theta|mu|rho|kappa|varepsilon|epsilon)(?![a-zA-Z])"
)
_LAYER = re.compile(r"^\s*(?:(?P<var>[A-Za-z])\s*(?:(?P<sign>[+-])\s*(?P<step>\d+))?|(?P<const>\d+))\s*$")
_RATE = re.compile(r"\s*(?:d|\\partial)\s*J\s*")
FUNCTIONS = {r"\sigma", r"\tanh", r"\log", r"\ln", r"\exp"}


def error(message: str, reason: str = "other", **fields) -> StepError:
    """A StepError with the structured fields the checker's interface shares (reason, point, left, ...)."""
    return StepError(message, reason, **fields)


@dataclass(frozen=True)
class Layer:
    """A layer index as written: ``l - 1`` is Layer("l", -1), ``2`` is Layer(None, 2)."""

    var: str | None
    offset: int

    def value(self, layers: dict[str, int]) -> int:
        """The layer number once the page's l and L are chosen."""
        if self.var is None:
            return self.offset
        if self.var not in layers:
            raise error(f"layer index {self.var} is neither l nor L", "undefined")
        return layers[self.var] + self.offset


def layer(text: str) -> Layer:
    """``l-1``, ``L``, ``0``: the inside of ``[...]``."""
    match = _LAYER.match(text)
    if not match:
        raise error(f"cannot read the layer index [{text}]: write [l], [l-1], [L] or a number", "parse")
    if match["const"]:
        return Layer(None, int(match["const"]))
    step = int(match["step"] or 0)
    return Layer(match["var"], -step if match["sign"] == "-" else step)


@dataclass(frozen=True)
class Node:
    """One piece of a formula: ``kind``, its parts, and the LaTeX it was read from."""

    kind: str  # num name call add sub neg mul had frac pow T sum rate
    parts: tuple = ()
    text: str = ""
    base: str = ""  # name or call: "W", "dZ", r"\sigma", "g"
    layer: Layer | None = None
    column: str = ""  # ^{(i)}: the example, a column
    entry: tuple[str, ...] = ()  # _{jk}: an entry
    prime: int = 0  # g', g''
    value: float = 0.0  # num


class _Reader:
    def __init__(self, latex: str):
        self.original = latex
        self.s = _FRAC.sub(r"\\frac", _LAYOUT.sub(" ", latex)).strip()
        self.i = 0

    # -- characters ------------------------------------------------------
    def fail(self, why: str) -> StepError:
        near = self.s[self.i : self.i + 12] or "the end"
        return error(f"cannot read '{self.original}' as matrix notation near '{near}': {why}", "parse")

    def skip(self) -> None:
        while self.i < len(self.s) and self.s[self.i].isspace():
            self.i += 1

    def peek(self, token: str) -> bool:
        self.skip()
        return self.s.startswith(token, self.i) and not (
            token[0] == "\\" and self.s[self.i + len(token) : self.i + len(token) + 1].isalpha()
        )

    def take(self, token: str) -> bool:
        if self.peek(token):
            self.i += len(token)
            return True
        return False

    def expect(self, token: str) -> None:
        if not self.take(token):
            raise self.fail(f"expected '{token}'")

    def group(self) -> str:
        """The text of ``{...}``, or of the one character or command that stands for it."""
        self.skip()
        if self.take("{"):
            depth, start = 1, self.i
            while self.i < len(self.s) and depth:
                depth += {"{": 1, "}": -1}.get(self.s[self.i], 0)
                self.i += 1
            if depth:
                raise self.fail("unbalanced braces")
            return self.s[start : self.i - 1]
        command = re.compile(r"\\[A-Za-z]+|.").match(self.s, self.i)
        if not command:
            raise self.fail("expected a group")
        self.i = command.end()
        return command[0]

    # -- grammar ---------------------------------------------------------
    def expression(self) -> Node:
        start = self.i
        node = self.term()
        while True:
            if self.take("+"):
                node = Node("add", (node, self.term()), self.s[start : self.i].strip())
            elif self.take("-"):
                node = Node("sub", (node, self.term()), self.s[start : self.i].strip())
            else:
                return node

    def term(self) -> Node:
        self.skip()
        start = self.i
        if self.take("-"):
            return Node("neg", (self.term(),), self.s[start : self.i].strip())
        node = self.factor()
        while True:
            if self.take("*") or self.take(r"\odot"):
                kind = "had"
            elif self.take(r"\cdot") or self.take(r"\times"):
                kind = "mul"
            elif self.starts_factor():
                kind = "mul"
            else:
                return node
            node = Node(kind, (node, self.factor()), self.s[start : self.i].strip())

    def starts_factor(self) -> bool:
        self.skip()
        rest = self.s[self.i :]
        return bool(rest) and (
            rest[0] in "({"
            or rest[0].isalnum()
            or bool(re.match(r"\\(?:frac|sum|sigma|tanh|log|ln|exp|mathcal)(?![a-zA-Z])", rest))
        )

    def factor(self) -> Node:
        self.skip()
        start = self.i
        if self.take(r"\sum"):
            return self.sum(start)
        node = self.atom()
        while self.peek("^"):
            self.expect("^")
            sup = self.group().strip()
            if sup in ("T", r"\top", r"\intercal"):
                node = Node("T", (node,), self.s[start : self.i].strip())
            elif node.kind == "pow":
                raise self.fail("a double superscript (TeX refuses it too): write (A^2)^3")
            else:
                node = Node("pow", (node, parse_expression(sup)), self.s[start : self.i].strip())
        return node

    def sum(self, start: int) -> Node:
        var, low, high = "", None, None
        if self.take("_"):
            below = self.group()
            match = re.fullmatch(r"\s*([a-z])\s*(?:=\s*(.+?))?\s*", below)
            if not match:
                raise self.fail(f"a sum's index must be one letter, as in \\sum_{{i=1}}^{{m}}, not '{below}'")
            var = match[1]
            low = parse_expression(match[2]) if match[2] else None
            if self.take("^"):
                high = parse_expression(self.group())
        body = self.term()
        return Node("sum", (body, low, high), self.s[start : self.i].strip(), base=var)

    def atom(self) -> Node:
        self.skip()
        start = self.i
        if self.take("(") or self.take("{"):
            closing = ")" if self.s[start] == "(" else "}"
            inner = self.expression()
            self.expect(closing)
            return replace(inner, text=self.s[start : self.i].strip())
        if self.take(r"\frac"):
            top_text, bottom_text = self.group(), self.group()
            rate = _RATE.fullmatch(top_text), re.fullmatch(r"\s*(?:d|\\partial)\s*(?P<x>.+)", bottom_text)
            if all(rate):
                # \frac{dJ}{dW^{[l]}}: the derivative of the cost itself, no factor m.
                x = parse_expression(rate[1]["x"])
                if x.kind != "name":
                    raise self.fail(f"\\frac{{dJ}}{{d...}} needs one matrix below, not '{bottom_text}'")
                return Node("rate", (x,), self.s[start : self.i].strip())
            top, bottom = parse_expression(top_text), parse_expression(bottom_text)
            return Node("frac", (top, bottom), self.s[start : self.i].strip())
        number = _NUMBER.match(self.s, self.i)
        if number:
            self.i = number.end()
            return Node("num", (), number[0], value=float(number[0]))
        name = _NAME.match(self.s, self.i)
        if not name:
            raise self.fail("expected a name, a number, a fraction, a sum or a bracket")
        self.i = name.end()
        return self.named(name[0], start)

    def named(self, base: str, start: int) -> Node:
        """A name with what the course hangs on it: layer, example, transpose, entry, prime."""
        lay, column, entry, prime, transposed = None, "", (), 0, False
        while True:
            if self.take("'"):
                prime += 1
            elif self.s.startswith("^", self.i) and re.match(r"\^\s*\{?\s*[\[(]", self.s[self.i :]):
                self.i += 1
                sup = self.group() if self.s[self.i :].lstrip().startswith("{") else self.bracket_only()
                lay, column, transposed, more = _superscript(sup, self)
                prime += more
            elif self.s.startswith("_", self.i) and base not in FUNCTIONS:
                self.i += 1
                entry = tuple(c for c in self.group() if not c.isspace())
            else:
                break
        call = base in FUNCTIONS or prime or (self.peek("(") and base.islower() and not base.startswith("d"))
        if base == "e" and self.peek("^"):
            self.expect("^")
            node = Node("call", (parse_expression(self.group()),), "", base=r"\exp")
            return Node("call", node.parts, self.s[start : self.i].strip(), base=r"\exp")
        if call:
            if not self.peek("("):
                raise self.fail(f"the function {base} needs its argument in brackets")
            self.expect("(")
            argument = self.expression()
            self.expect(")")
            return Node("call", (argument,), self.s[start : self.i].strip(), base=base, layer=lay, prime=prime)
        node = Node("name", (), self.s[start : self.i].strip(), base, lay, column, entry)
        if transposed:
            node = Node("T", (node,), node.text)
        return node

    def bracket_only(self) -> str:
        match = re.compile(r"\s*(\[[^\]]*\]|\([^)]*\))").match(self.s, self.i)
        if not match:
            raise self.fail("expected [layer] or (example)")
        self.i = match.end()
        return match[1]


def _superscript(sup: str, reader: _Reader) -> tuple[Layer | None, str, bool, int]:
    r"""``[l-1]T``, ``[l](i)``, ``[l]\prime``, ``(i)``: layer, example, transpose, primes."""
    match = re.fullmatch(
        r"\s*(?:\[(?P<layer>[^\]]*)\])?\s*(?:\((?P<column>[a-z])\))?\s*(?P<mark>T|\\top|\\prime|'|'')?\s*", sup
    )
    if not match:
        raise reader.fail(f"cannot read the superscript '{sup}'")
    mark = match["mark"] or ""
    primes = {r"\prime": 1, "'": 1, "''": 2}.get(mark, 0)
    found = layer(match["layer"]) if match["layer"] is not None else None
    return found, match["column"] or "", mark in ("T", r"\top"), primes


def parse_expression(latex: str) -> Node:
    """One side of a matrix line, as a tree; StepError (reason "parse") if it cannot be read."""
    reader = _Reader(latex)
    if not reader.s:
        raise error("empty expression", "parse")
    node = reader.expression()
    reader.skip()
    if reader.i != len(reader.s):
        raise reader.fail("unexpected text")
    return node


def names(node: Node) -> set[str]:
    """The base names a tree uses (``dZ``, ``W``, ``g``...)."""
    found = {node.base} if node.kind in ("name", "call") else set()
    for part in node.parts:
        if isinstance(part, Node):
            found |= names(part)
    return found
