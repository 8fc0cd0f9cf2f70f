r"""Check the course's matrix equations as matrices, at random shapes and values.

A page declares shapes in its front matter and writes its forward pass as matrix
definitions (``Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}``, ``A^{[l]} = g^{[l]}(Z^{[l]})``,
``J = ...``). A claim such as ``dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}`` is
then checked at several networks: random sizes (m = 1 and a layer of one unit
among them), random layer l, random 50-digit values. ``dN`` means what the course
means: dJ/dN for a parameter (a shape without m), m dJ/dN for a quantity with one
column per example (dZ, dA: each column is its own example's dL). Both are
derivatives of the page's J, exact to the working precision (forward-mode
differentiation with dual numbers, matrix_values.Dual), compared entry by entry
to 25 digits at 50.

Why dual numbers: a difference quotient agrees only to about half the working
digits, so a line wrong by 1e-12 could pass; sympy's symbolic derivative of J in
every entry is exact too, but took 0.7 s a line (its assumptions system), where
the dual numbers take milliseconds.
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field
from itertools import pairwise

import mpmath

from . import matrix_canon
from . import matrix_values as mv
from .latex import StepError
from .matrix_latex import Layer, Node, error, parse_expression
from .matrix_shapes import DIM, Family, parse_shapes, size_name
from .steps import Verdict, split_equals

DIGITS = 50
AGREE = 25
INSTANCES = 8
# The functions a page may use without defining them; sigma as the course defines it.
BUILTIN = {
    r"\sigma": lambda t: 1 / (1 + mv.exp(-t)),
    r"\tanh": mv.tanh,
    r"\log": mv.log,
    r"\ln": mv.log,
    r"\exp": mv.exp,
}
# A line is a matrix line when it names a declared capital (W, dZ...) or anything with a layer superscript.
_LAYERED = re.compile(r"(?<![A-Za-z\\])d?(?P<base>[A-Za-z])\s*\^\s*\{\s*\[[^\]]*\][^{}]*\}(?P<call>\s*\()?")


@dataclass
class Instance:
    """One random network: its sizes, its l and L, and the values of its declared matrices."""

    sizes: dict[str, int]
    layers: dict[str, int]
    rng: random.Random
    leaves: dict[tuple[str, int | None], mv.Mat] = field(default_factory=dict)
    values: dict[tuple, mv.Value] = field(default_factory=dict)

    single: bool = False  # the instance where every free size (n_x) is 1

    def describe(self) -> str:
        """The sizes, l and L, as an error message shows them."""
        sizes = ", ".join(f"{k} = {v}" for k, v in sorted(self.sizes.items()) if k != "m")
        return f"m = {self.sizes['m']}, {sizes}, l = {self.layers['l']}, L = {self.layers['L']}"


class MatrixPage:
    """The declared shapes, the instances and the matrix definitions that one page's lines share."""

    def __init__(self, shapes: dict, seed: str = ""):
        self.families, self.fixed = parse_shapes(shapes)
        self.definitions: dict[str, list[tuple[Layer | None, Node, str]]] = {}
        self.functions: dict[str, list[tuple[Layer | None, str, Node]]] = {}
        self.instances = self._draw(zlib.crc32((seed or repr(sorted(map(str, shapes)))).encode()))

    def copy(self) -> MatrixPage:
        """A page that sees these definitions and adds its own without touching them."""
        other = object.__new__(MatrixPage)
        other.families, other.fixed = self.families, self.fixed
        other.definitions = {k: list(v) for k, v in self.definitions.items()}
        other.functions = {k: list(v) for k, v in self.functions.items()}
        other.instances = [Instance(i.sizes, i.layers, i.rng, i.leaves) for i in self.instances]
        return other

    def reads(self, line: str) -> bool:
        """Whether ``line`` is matrix notation: a declared matrix (W^{[l]}, dZ, X) or a layer's function (g^{[l]}(z)).

        A layered name that is not declared (a^{[1]}_2, an entry written as a number) stays with steps.py.
        """
        for match in _LAYERED.finditer(line):
            if match["base"] in self.families or match["call"] or match["base"] in self.functions:
                return True
        if any(b.startswith("\\mathcal") and b in line for b in self.definitions):
            return True  # the losses' row, \mathcal{L} = ..., defined by a matrix line above
        capitals = [b for b in self.families if b[0].isupper()]
        return any(re.search(rf"(?<![A-Za-z\\])d?{b}(?![A-Za-z])", line) for b in capitals)

    # -- instances -------------------------------------------------------
    def _draw(self, seed: int) -> list[Instance]:
        rng = random.Random(seed)
        fixed_layers = [f.layer.offset for fs in self.families.values() for f in fs if f.layer and not f.layer.var]
        found = []
        for k in range(INSTANCES):
            top = self.fixed.get("L") or max([rng.randint(1, 3), *fixed_layers])
            l = 1 if k == 0 else top if k == 1 else rng.randint(1, top)  # noqa: E741 (the course's l)
            sizes = {"m": 1 if k == 0 else rng.randint(2, 4) if k == 2 else rng.randint(1, 4)}
            for j in range(top + 1):
                sizes[f"n_{j}"] = rng.randint(1, 4)
            if k == 1:
                sizes[f"n_{l}"] = sizes["n_1"] = 1  # a layer of a single unit, and a single hidden unit
            if k == 2:
                sizes[f"n_{l}"], sizes[f"n_{l - 1}"] = 3, 2  # more units than inputs: a swapped index shows
            for name, value in self.fixed.items():
                if name != "L":
                    sizes[size_name(name, {"l": l, "L": top})] = value
            found.append(Instance(sizes, {"l": l, "L": top}, random.Random(seed + k), single=k == 1))
        # Distinct sizes first: a line with a transpose wrong fails there as a shape error, the clearer message.
        return found[2:] + found[:2]

    def _size(self, dim: str, inst: Instance, layers: dict[str, int]) -> int:
        match = DIM.match(dim)
        if match["const"]:
            return int(match["const"])
        if dim.strip() == "m":
            return inst.sizes["m"]
        name = size_name(dim, layers)
        if name not in inst.sizes:
            inst.sizes[name] = 1 if inst.single else inst.rng.randint(1, 4)
        return inst.sizes[name]

    def family(self, base: str, k: int | None, layers: dict[str, int]) -> Family | None:
        """The declaration that covers base^{[k]}: one for that layer, else the one for every l."""
        choices = self.families.get(base, [])
        exact = [f for f in choices if f.layer is not None and f.layer.var != "l" and f.layer.value(layers) == k]
        generic = [f for f in choices if (f.layer is None) == (k is None) and (f.layer is None or f.layer.var == "l")]
        return (exact or generic or [None])[0]

    def declared_shape(self, base: str, k: int | None, inst: Instance) -> tuple[int, int] | None:
        """The shape the front matter gives base^{[k]} in this instance, or None."""
        layers = {**inst.layers, "l": k} if k is not None else inst.layers
        family = self.family(base, k, inst.layers)
        if family is None:
            return None
        if family.layer is not None and family.layer.var == "l":
            layers = {**inst.layers, "l": k - family.layer.offset}
        return tuple(self._size(d, inst, layers) for d in family.dims)

    def leaf(self, base: str, k: int | None, inst: Instance, written: str = "") -> mv.Mat:
        """Random 50-digit entries for a declared matrix that no line defines; ``written``: as the line has it."""
        if (base, k) not in inst.leaves:
            family, shape = self.family(base, k, inst.layers), self.declared_shape(base, k, inst)
            if shape is None:
                where = f"{base}^{{[{k}]}}" if k is not None else base
                shown = f"{written} (here {where})" if written and written != where else where
                raise error(f"{shown} is neither declared under 'shapes:' nor defined above", "undefined")
            if shape == ():  # a number, such as lambda: one draw from its interval
                inst.leaves[base, k] = family.domain.sample(inst.rng, 3)[2]
                return inst.leaves[base, k]
            points = family.domain.sample(inst.rng, shape[0] * shape[1] + 2)[2:]
            inst.rng.shuffle(points)
            inst.leaves[base, k] = mv.Mat(*shape, points)
        return inst.leaves[base, k]

    # -- reading lines ---------------------------------------------------
    def check(self, line: str):
        """Check one matrix ``lhs = rhs [= rhs ...]`` line; define what it defines."""
        with mpmath.workdps(DIGITS):
            return _guarded(line, lambda: self._check(split_equals(line), line))

    def _check(self, parts: list[str], line: str):
        if len(parts) < 2 or not all(parts):
            raise error(f"expected 'left = right', got '{line}'", "parse")
        lhs, *rhs = parts
        verdicts = [self._define(lhs, rhs[0]) or self.claim(lhs, rhs[0])]
        verdicts += [self.claim(a, b) for a, b in pairwise(rhs)]
        return verdicts

    def _define(self, lhs: str, rhs: str):
        left = parse_expression(lhs)
        if left.kind == "call" and len(left.parts) == 1 and left.parts[0].kind == "name" and not left.prime:
            param = left.parts[0]
            if left.base in BUILTIN or param.layer or param.entry or param.base in self.families:
                return None
            self.functions.setdefault(left.base, []).append((left.layer, param.base, parse_expression(rhs)))
            return self._verified_definition(lhs, rhs, self.functions[left.base])
        if left.kind != "name" or left.base.startswith("d") or left.entry or left.column or left.base in ("m", "n"):
            return None
        if self._covered(left.base, left.layer):
            return None  # it has a value already: the line is a claim about it
        self.definitions.setdefault(left.base, []).append((left.layer, parse_expression(rhs), lhs))
        return self._verified_definition(lhs, rhs, self.definitions[left.base], left.base)

    def _covered(self, base: str, pattern: Layer | None) -> bool:
        """Whether a definition above already gives base^{[pattern]} a value (Z^{[l]} covers Z^{[L]}, Z^{[2]})."""
        for known, *_ in self.definitions.get(base, []):
            if known == pattern:
                return True
            generic = known is not None and known.var == "l"
            if generic and pattern is not None and (pattern.var is not None or pattern.offset >= 1):
                return True
        return False

    def _verified_definition(self, lhs: str, rhs: str, added: list, base: str = "") -> Verdict:
        """The definition just appended to ``added``, checked (finite; canon's rules, matrix_canon); removed if not."""
        try:
            verdict = self._finite_everywhere(lhs, rhs)
            matrix_canon.check(self, base, lhs, rhs)
            return verdict
        except Exception:
            added.pop()
            for inst in self.instances:
                inst.values.clear()
            raise

    def _finite_everywhere(self, lhs: str, rhs: str) -> Verdict:
        for inst in self.instances:
            inst.values.clear()
        for inst in self.instances:
            for name, pattern in self._all_definitions():
                for k in self._layers_of(pattern, inst):
                    try:
                        value = self.value(name, k, inst)
                    except StepError as exc:
                        if getattr(exc, "reason", "") == "undefined":
                            continue  # Z^{[l]} reads A^{[l-1]}, defined on the next line: checked when used
                        raise
                    for entry in value.data if mv.is_matrix(value) else [value]:
                        _number(entry, lhs, inst)
        detail = f"finite at {len(self.instances)} random shapes, m = 1 included"
        return Verdict(lhs, rhs, "definition", len(self.instances), 0.0, detail)

    def _all_definitions(self):
        for name, defs in self.definitions.items():
            for pattern, *_ in defs:
                yield name, pattern

    def _layers_of(self, pattern: Layer | None, inst: Instance) -> list[int | None]:
        if pattern is None:
            return [None]
        if pattern.var == "l":
            return list(range(1, inst.layers["L"] + 1))  # Z^{[l]} = ...: every layer of the network
        return [pattern.value(inst.layers)]

    def claim(self, lhs: str, rhs: str):
        """Check ``lhs = rhs`` at every instance, entry by entry; raise StepError at the first difference."""
        from .matrix_eval import compare

        left, right = parse_expression(lhs), parse_expression(rhs)
        with mpmath.workdps(DIGITS):
            worst = _guarded(f"{lhs} = {rhs}", lambda: max(compare(self, left, right, i) for i in self.instances))
        detail = f"m = 1 and a layer of one unit among them; equal to {AGREE} digits, worst {worst:.0e}"
        return Verdict(lhs, rhs, "matrix", len(self.instances), worst, detail)

    def value(self, base: str, k: int | None, inst: Instance, target=None) -> mv.Value:
        """base^{[k]} in this instance (see matrix_eval.resolve)."""
        from .matrix_eval import resolve

        return resolve(self, base, k, inst, target)


def _guarded(line: str, work):
    """``work()``, with an arithmetic failure turned into the line's StepError: never a traceback."""
    try:
        return work()
    except StepError:
        raise
    except (ZeroDivisionError, OverflowError) as exc:
        raise error(f"{line} is undefined at a random network: {type(exc).__name__}: {exc}", "domain") from None
    except (TypeError, ValueError, IndexError, KeyError, AttributeError) as exc:
        raise error(f"{line} cannot be worked out as matrices: {type(exc).__name__}: {exc}", "other") from None


def _number(entry, text: str, inst: Instance) -> mpmath.mpf:
    """A finite real number, or a domain error naming the line and the instance."""
    value = mpmath.mpmathify(entry.v if isinstance(entry, mv.Dual) else entry)
    if isinstance(value, mpmath.mpc):
        if abs(value.imag) > mpmath.mpf(10) ** -AGREE * max(1, abs(value.real)):
            value = mpmath.nan
        else:
            value = value.real
    if not mpmath.isfinite(value):
        raise error(f"{text} is undefined (a log of a negative, a division by 0) at {inst.describe()}", "domain")
    return value
