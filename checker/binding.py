r"""How far a superscript, a juxtaposition and a function without brackets reach, read as a reader reads them.

sympy's LaTeX parser lets some of them reach further than the page shows:

- ``a(1 - a)^2`` is a call ``a(1 - a)`` squared, so it is read as ``(a(1 - a))^2``. A declared symbol (or
  ``e``, ``\pi``) next to a bracket is a product, and the power belongs to the bracket: a ``\cdot`` is
  written between them before the parser sees the text. ``\sigma(z)^2``, with ``\sigma`` a function,
  stays ``\sigma(z)`` squared.
- ``x^2 3`` is read as ``x^{23}``, ``x^2.5`` as ``x^{2.5}``; TeX shows a superscript without braces as its
  one character (``x^2 \cdot 3``). ``x^-1`` and ``a^b^c`` are not even TeX. Refused.
- ``a / b c`` and ``1/2 a``: ``a/(b c)`` to the parser, ``(a/b) c`` to many readers. Refused.
- ``\log a b``, ``\log 2a``, ``\exp z w``: the function takes the whole product. Refused: brackets say how far.
- ``\sigma^2(z)``: the parser reads ``\sigma^2 \cdot z``. Refused: ``\sigma(z)^2`` is the square.

Each refusal is a NotationError (reason "parse"; latex.py quotes the line) that says what to write instead.
"""

from __future__ import annotations

import re

from .notation import GREEK, NotationError

_PLACEHOLDER = re.compile(r"\\mathit\{(Q(?:name|rate)[A-K]+)\}")
# One token: a placeholder, a command, a letter with its subscript, or one other character.
_TOKEN = re.compile(
    r"\\mathit\{Q(?:name|rate)[A-K]+\}|\\[A-Za-z]+|[A-Za-z](?:_(?:\{\s*[A-Za-z0-9]+\s*\}|[A-Za-z0-9]))?|\d+(?:\.\d+)?|\S"
)
_SUBSCRIPTED = re.compile(r"([A-Za-z])(?:_(?:\{\s*([A-Za-z0-9]+)\s*\}|([A-Za-z0-9])))?")
_APPLIED = {"log", "ln", "exp", "sin", "cos", "tan", "tanh"}  # the parser applies these without brackets
# Commands that are an operator or a relation, not a factor: a juxtaposition does not start with them.
_NOT_A_FACTOR = {"cdot", "times", "div", "pm", "mp", "right", "end"}


class _Tokens:
    def __init__(self, text: str, functions: set[str], names: dict[str, str], products: set[str]):
        self.found = list(_TOKEN.finditer(text))
        self.tokens = [m[0] for m in self.found]
        self.functions, self.names, self.products = functions, names, products

    def group_end(self, i: int) -> int:
        """The index after the bracket group that opens at token i: (...), {...} or [...]."""
        closing = {"(": ")", "{": "}", "[": "]"}[self.tokens[i]]
        depth = 0
        for j in range(i, len(self.tokens)):
            if self.tokens[j] == self.tokens[i]:
                depth += 1
            elif self.tokens[j] == closing:
                depth -= 1
                if depth == 0:
                    return j + 1
        return len(self.tokens)

    def operand_end(self, i: int) -> int:
        """The index after one operand that starts at token i, with its superscript, subscript and call."""
        tokens = self.tokens
        if i >= len(tokens):
            return i
        if tokens[i] in "({[":
            i = self.group_end(i)
        elif tokens[i] in (r"\frac", r"\sqrt"):
            i += 1
            for _ in range(1 if tokens[i - 1] == r"\sqrt" else 2):
                i = self.group_end(i) if i < len(tokens) and tokens[i] in "{[" else i + 1
        else:
            name = _name(tokens[i], self.names)
            # a function of the page, or a command that is no symbol (\max, \log, \ReLU): a call when ( follows
            called = name in self.functions or (tokens[i].startswith("\\") and name not in self.products)
            i += 1
            while called and i < len(tokens) and tokens[i] == "'":
                i += 1
            if called and i < len(tokens) and tokens[i] == "(":
                i = self.group_end(i)
        while i < len(tokens) and tokens[i] in ("^", "_", "!"):
            i += 1
            if tokens[i - 1] in "^_" and i < len(tokens):
                i = self.group_end(i) if tokens[i] in "{([" else i + 1
        return i

    def is_operator(self, i: int) -> bool:
        r"""Whether \frac{d}{dx} (notation.py's derivative operator) starts at token i."""
        return self.tokens[i : i + 4] == [r"\frac", "{", "d", "}"] and self.tokens[i + 4 : i + 6] == ["{", "d"]

    def starts_factor(self, i: int) -> bool:
        if i >= len(self.tokens):
            return False
        token = self.tokens[i]
        if token.startswith("\\"):
            return token[1:] not in _NOT_A_FACTOR
        return token[0].isalnum() or token in "({["

    def shown(self, i: int, j: int) -> str:
        """The text of tokens i to j (j excluded), as written."""
        if i >= min(j, len(self.found)):
            return ""
        text = self.found[0].string
        return text[self.found[i].start() : self.found[min(j, len(self.found)) - 1].end()].strip()


def _operator(t: _Tokens, i: int) -> int:
    r"""Refuse \frac{d}{dx} before a product without brackets; \frac{d}{dx}(...)^2 differentiates the power."""
    j = i
    while t.is_operator(j):  # \frac{d}{dz}\frac{d}{dz}: a second derivative
        j = t.group_end(j + 4)
    shown = t.shown(i, j)
    end = t.operand_end(j)
    if t.starts_factor(end):
        raise NotationError(
            f"does {shown} take the whole product '{t.shown(j, t.operand_end(end))}' or only "
            f"'{t.shown(j, end)}'? write {shown}\\left(...\\right) around what it differentiates",
            "parse",
        )
    return j


def _name(token: str, names: dict[str, str]) -> str | None:
    placeholder = _PLACEHOLDER.fullmatch(token)
    if placeholder:
        return names.get(placeholder[1])
    if token.startswith("\\"):
        return token[1:] if token[1:] in GREEK else None
    match = _SUBSCRIPTED.fullmatch(token)
    if not match:
        return None
    sub = match[2] or match[3]
    return match[1] + (f"_{{{sub}}}" if sub else "")


def bind(text: str, names: dict[str, str], symbols: set[str], functions: set[str]) -> str:
    r"""``text`` (notation.rewrite's output) with a ``\cdot`` between a symbol and its bracket; refuse the rest.

    ``names`` is what each placeholder stands for; ``symbols`` and ``functions`` are the page's.
    """
    _refuse_superscripts(text)
    products = (set(symbols) | {"e", "pi"}) - set(functions)
    t = _Tokens(text, set(functions), names, products)
    tokens, cuts, done = t.tokens, [], 0
    for i, token in enumerate(tokens):
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        name = _name(token, names)
        if token == "/" and t.starts_factor(end := t.operand_end(i + 1)):
            over, then = t.shown(i + 1, end), t.shown(end, t.operand_end(end))
            raise NotationError(
                f"'/{over} {then}' can be read as divided by {over} {then}, or as divided by {over}, then "
                rf"times {then}; write it with \frac{{...}}{{...}}, or bracket what is divided",
                "parse",
            )
        if token[1:] in _APPLIED and token.startswith("\\") and after not in ("(", "^", "_", "{", "["):
            end = t.operand_end(i + 1)
            if t.starts_factor(end):
                one, more = t.shown(i + 1, end), t.shown(i + 1, t.operand_end(end))
                raise NotationError(
                    f"{token} without brackets: does it take '{more}' or only '{one}'? write {token}(...) around "
                    r"what it takes, and \cdot for a product after it",
                    "parse",
                )
        if t.is_operator(i) and i >= done:
            done = _operator(t, i)  # a second derivative's second operator is part of this one
        if name in functions and after == "^" and t.operand_end(i) < len(tokens) and tokens[t.operand_end(i)] == "(":
            raise NotationError(
                f"'{t.shown(i, t.operand_end(i))}(...)' puts a power on the function before its argument; write "
                f"{token}(...)^2 for the square of its value, {token}({token}(...)) for a composition",
                "parse",
            )
        if name in products and after == "(":
            cuts.append(t.found[i].end())  # a(1 - a)^2 is a times (1 - a)^2: the power belongs to the bracket
    for at in reversed(cuts):
        text = text[:at] + r" \cdot " + text[at:]
    return text


def _refuse_superscripts(text: str) -> None:
    number = re.search(r"\^\s*(\d)(\s*)(\d|\.\d)", text)
    if number:
        both = (number[1] + number[3]).replace(" ", "")
        raise NotationError(
            f"'{number[0]}': TeX shows the superscript {number[1]} only, and the parser reads ^{{{both}}}; write "
            rf"^{{{both}}} for the power, or ^{{{number[1]}}} \cdot {number[3]} for the product",
            "parse",
        )
    if re.search(r"\^\s*[-+]", text):
        raise NotationError("a superscript that starts with a sign needs braces: write ^{-1}, ^{-z}, ...", "parse")
    double = re.search(r"\^\s*(?:\{[^{}]*\}|\\[A-Za-z]+|[A-Za-z0-9])\s*\^", text)
    if double:
        raise NotationError(f"'{double[0]}' is a double superscript; write (a^b)^c or a^{{b^c}}", "parse")
