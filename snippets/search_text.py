r"""Math in the search index as a reader would type it: ``\(\frac{dL}{dz} = a - y\)`` becomes ``dL/dz = a − y``.

The search index is made from each page's HTML before MathJax typesets it, so
without this its entries hold raw TeX, and a result shows ``\(z_{21}\)``. This
rewrites a built ``search/search_index.json`` in place, after the build: a pure
function of the file, so any builder's pipeline can run it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "Gamma": "Γ", "delta": "δ", "varepsilon": "ε", "epsilon": "ε",
    "theta": "θ", "lambda": "λ", "mu": "μ", "pi": "π", "sigma": "σ", "Sigma": "Σ", "sum": "Σ", "prod": "Π",
    "partial": "∂", "prime": "′", "cdot": "·", "times": "×", "ast": "*", "odot": "⊙", "pm": "±",
    "approx": "≈", "simeq": "≃", "neq": "≠", "ne": "≠", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "infty": "∞", "dots": "…", "ldots": "…", "cdots": "⋯", "in": "∈", "to": "→", "top": "ᵀ",
    "Longrightarrow": "⟹", "Rightarrow": "⇒", "Longleftrightarrow": "⟺", "leftrightarrow": "↔",
    "lVert": "‖", "rVert": "‖", "lvert": "|", "rvert": "|", "quad": " ", "qquad": " ",
}  # fmt: skip
# Commands that only change size or spacing: dropped.
_LAYOUT = {"left", "right", "big", "Big", "bigg", "Bigg", "textstyle", "displaystyle", "nonumber"}
# Commands whose one argument is shown as it is: \text{...}, \operatorname{diag}, \mathrm{d}.
_AS_IS = {"text", "mathrm", "operatorname", "mathit", "mathbf", "boldsymbol"}
_SUPERSCRIPT = str.maketrans("0123456789+-−=()Tn", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵀⁿ")
_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)


def _group(tex: str, at: int) -> tuple[str, int]:
    """The argument starting at ``at``: a braced group's inside, or one character; and where it ends."""
    while at < len(tex) and tex[at] == " ":
        at += 1
    if at >= len(tex):
        return "", at
    if tex[at] != "{":
        if tex[at] == "\\":
            name = re.match(r"\\([A-Za-z]+|.)", tex[at:])[0]
            return name, at + len(name)
        return tex[at], at + 1
    depth = 0
    for end in range(at, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[end], 0)
        if depth == 0:
            return tex[at + 1 : end], end + 1
    return tex[at + 1 :], len(tex)


def _wrap(text: str) -> str:
    """A fraction's numerator or denominator: in brackets when it is more than one term or factor."""
    return f"({text})" if re.search(r"[\s+\-−·×/]", text.strip()) else text.strip()


def tex_to_text(tex: str) -> str:
    """Readable plain text for one TeX formula, for search: fractions as a/b, powers as superscripts."""
    out, at = [], 0
    while at < len(tex):
        char = tex[at]
        if char == "\\":
            match = re.match(r"\\([A-Za-z]+) *|\\(.)", tex[at:])  # TeX eats the spaces after a command word
            name, at = match[1] or match[2], at + len(match[0])
            if name in ("frac", "tfrac", "dfrac"):
                top, at = _group(tex, at)
                bottom, at = _group(tex, at)
                out.append(f"{_wrap(tex_to_text(top))}/{_wrap(tex_to_text(bottom))}")
            elif name == "sqrt":
                inside, at = _group(tex, at)
                out.append(f"√({tex_to_text(inside)})")
            elif name == "hat":
                inside, at = _group(tex, at)
                out.append(tex_to_text(inside) + "\u0302")
            elif name in _AS_IS:
                inside, at = _group(tex, at)
                out.append(tex_to_text(inside))
            elif name in ("begin", "end"):
                _, at = _group(tex, at)
            elif name == "\\":
                out.append("; ")
            elif name in (",", ";", ":", "!", " "):
                out.append(" " if name != "!" else "")
            elif name in _LAYOUT:
                continue
            else:
                out.append(_SYMBOLS.get(name, name))
        elif char in "^_":
            inside, at = _group(tex, at + 1)
            text = tex_to_text(inside)
            if char == "_" or re.fullmatch(r"\[.*\]|\(.*\)|\[.*\]\(.*\)", text):
                out.append(text)  # a subscript, or a layer [l] or example (i): written after the name
            elif re.fullmatch(r"(\[.*\])T", text):
                out.append(text[:-1] + "ᵀ")  # A^{[l-1]T}: the layer, then the transpose
            elif re.fullmatch(r"[0-9+\-−=()Tn]+", text):
                out.append(text.translate(_SUPERSCRIPT))
            else:
                out.append("^" + (text if len(text) == 1 else f"({text})"))
        elif char in "{}&":
            at += 1
        elif char in "-'":
            out.append({"-": "−", "'": "′"}[char])
            at += 1
        else:
            out.append(char)
            at += 1
    return re.sub(r"\s+", " ", "".join(out)).strip()


def readable(text: str) -> str:
    r"""``text`` with every ``\(...\)`` and ``\[...\]`` replaced by tex_to_text of its inside."""
    return _MATH.sub(lambda m: tex_to_text(m[1] if m[1] is not None else m[2]), text)


def rewrite_index(path: Path) -> None:
    """Rewrite a built search_index.json so that titles and texts hold readable math, not TeX."""
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        doc["title"], doc["text"] = readable(doc["title"]), readable(doc["text"])
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


def on_post_build(config) -> None:
    """MkDocs hook: after the search plugin has written its index (plugins run before hooks)."""
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.exists():
        rewrite_index(index)
