r"""The ``shapes:`` of a page's front matter: which matrices exist, their sizes, the sizes a page fixes.

````yaml
shapes:
  X: (n_0, m)              # or (n_x, m): a size with any other name is drawn on its own
  Y: (1, m) in (0, 1)      # entries drawn from an interval, [-2, 2] if none is given
  W^{[l]}: (n_l, n_{l-1})  # one declaration for every layer l; W^{[2]}: ... for one layer
  n_L: 1                   # a size fixed by the page; L: 2 fixes the number of layers
  \lambda: a number in (0, 2)  # a number, drawn anew for each random network
````
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .domain import Domain, parse_domain
from .latex import StepError
from .matrix_latex import Layer, layer

DEFAULT = parse_domain("entries", "[-2, 2]")
_SHAPE = re.compile(r"^\s*\((?P<dims>[^()]*)\)\s*(?:in\s+(?P<domain>.+?))?\s*$")
_KEY = re.compile(r"^\s*(?P<base>d?[A-Za-z]|\\[a-z]+)\s*(?:\^\s*\{\s*\[(?P<layer>[^\]]*)\]\s*\})?\s*$")
_NUMBER = re.compile(r"^\s*a number\s*(?:in\s+(?P<domain>.+?))?\s*$")
DIM = re.compile(r"^\s*(?:(?P<const>\d+)|m|n(?:_\{?(?P<sub>[^{}]+?)\}?|\^\{\[(?P<sup>[^\]]+)\]\})?)\s*$")


@dataclass(frozen=True)
class Family:
    """A declared matrix: ``W^{[l]}: (n_l, n_{l-1})``; ``layer`` None for one matrix such as X."""

    base: str
    layer: Layer | None
    dims: tuple[str, str] | tuple[()]  # () for a number
    domain: Domain
    text: str


def _dims(text: str, name: str) -> tuple[str, str]:
    dims = tuple(d.strip() for d in text.split(","))
    if len(dims) != 2 or not all(DIM.match(d) for d in dims):
        raise ValueError(f"shape of {name}: '{text}' is not (rows, columns) of m, n_l, n_{{l-1}}, n_x or a number")
    return dims


def parse_shapes(shapes: dict) -> tuple[dict[str, list[Family]], dict[str, int]]:
    """Declared families by base name, and sizes fixed by the page (``n_L: 1``, ``L: 2``)."""
    families: dict[str, list[Family]] = {}
    fixed: dict[str, int] = {}
    for key, text in (shapes or {}).items():
        key = str(key)
        if isinstance(text, int):
            fixed[key.replace("{", "").replace("}", "")] = text
            continue
        match, name = _KEY.match(key), key.strip()
        shaped = _SHAPE.match(str(text)) or _NUMBER.match(str(text))
        if not match or not shaped:
            raise ValueError(f"shapes: '{key}: {text}' is not 'W^{{[l]}}: (n_l, n_{{l-1}})' or 'X: (n_x, m)'")
        domain = parse_domain(name, shaped["domain"]) if shaped["domain"] else DEFAULT
        found = layer(match["layer"]) if match["layer"] is not None else None
        dims = _dims(shaped["dims"], name) if "dims" in shaped.re.groupindex else ()
        families.setdefault(match["base"], []).append(Family(match["base"], found, dims, domain, name))
    return families, fixed


def size_name(text: str, layers: dict[str, int]) -> str:
    """The size a dimension names once l and L are chosen: n_{l-1} at l = 3 is n_2; n_x stays n_x."""
    match = DIM.match(text)
    sub = (match["sub"] or match["sup"] or "").strip() if match else text
    try:
        return f"n_{layer(sub).value(layers)}"
    except StepError:
        return f"n_{sub}"
