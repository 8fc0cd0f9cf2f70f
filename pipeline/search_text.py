r"""Math in the search index as a reader would type it: ``\(\frac{dL}{dz} = a - y\)`` becomes ``dL/dz = a − y``.

The search index is made from each page's HTML before MathJax typesets it, so
without this its entries hold raw TeX, and a result shows ``\(z_{21}\)``. This
rewrites a built index in place, after the build: MkDocs' ``search/search_index.json``
(the hook below) or Zensical's ``search.json`` (a step of pipeline/build.py), a pure
function of the file. The index holds HTML: the TeX in it is HTML-escaped (``&amp;``
for an alignment mark, ``&lt;`` for ``<``), so it is unescaped before it is read and
the text escaped again.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "Gamma": "Γ", "delta": "δ", "varepsilon": "ε", "epsilon": "ε",
    "theta": "θ", "lambda": "λ", "Lambda": "Λ", "mu": "μ", "pi": "π", "sigma": "σ", "Sigma": "Σ", "sum": "Σ",
    "prod": "Π", "partial": "∂", "prime": "′", "cdot": "·", "times": "×", "ast": "*", "odot": "⊙", "pm": "±",
    "approx": "≈", "simeq": "≃", "neq": "≠", "ne": "≠", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "lt": "<", "gt": ">", "infty": "∞", "dots": "…", "ldots": "…", "cdots": "⋯", "in": "∈", "to": "→",
    "mapsto": "↦", "mid": "|", "top": "ᵀ", "Longrightarrow": "⟹", "Rightarrow": "⇒", "Longleftrightarrow": "⟺",
    "leftrightarrow": "↔", "lVert": "‖", "rVert": "‖", "lvert": "|", "rvert": "|", "quad": " ", "qquad": " ",
}  # fmt: skip
# Function names, printed as the word: \log(a) is log(a).
_WORDS = {"log", "ln", "exp", "tanh", "sinh", "cosh", "sin", "cos", "max", "min", "arg", "det"}
# Commands that only change size or spacing: dropped.
_LAYOUT = {"left", "right", "big", "Big", "bigg", "Bigg", "textstyle", "displaystyle", "nonumber"}
# Commands whose one argument is shown as it is: \text{...}, \operatorname{diag}, \mathrm{d}, \mathcal{L}.
_AS_IS = {"text", "mathrm", "operatorname", "mathit", "mathbf", "boldsymbol", "mathcal"}
# Accents, as the combining mark the page shows: \tilde{z} is z̃, \hat{y} is ŷ, \bar{x} is x̄.
_ACCENTS = {
    "hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303", "widetilde": "\u0303", "bar": "\u0304",
    "overline": "\u0305", "dot": "\u0307", "ddot": "\u0308", "vec": "\u20d7",
}  # fmt: skip
_FRACTIONS = {"frac", "tfrac", "dfrac"}
_SPACES = {",", ";", ":", "!", " "}
# Every command tex_to_text reads; tests/test_search_text.py fails on a page that uses another.
KNOWN = set(_SYMBOLS) | _WORDS | _LAYOUT | _AS_IS | set(_ACCENTS) | _FRACTIONS | {"sqrt", "begin", "end"}
_SUPERSCRIPT = str.maketrans("0123456789+-−=()Tni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵀⁿⁱ")
_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)
_CODE = re.compile(r"(<pre>.*?</pre>|<code>.*?</code>)", re.S)
# A row of an aligned block with no left side goes on with the one above (&= ..., &\qquad + ...);
# a row with one (-\log(G) &= ...) is an equation of its own.
_GOES_ON = re.compile(r"\s*&")
# Relations, with a space on each side as a reader writes them: a ≤ b, not a≤b.
# Binary operators, spaced too: a · (1 − a).
_OPERATORS = {"cdot", "times", "ast", "odot", "pm"}
_RELATIONS = {"approx", "simeq", "neq", "ne", "le", "leq", "ge", "geq", "lt", "gt", "in", "to", "mapsto", "mid"} | {
    "Longrightarrow",
    "Rightarrow",
    "Longleftrightarrow",
    "leftrightarrow",
}


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
    text = text.strip()
    return f"({text})" if re.search(r"[\s+\-−·×/]", text) and not _enclosed(text) else text


def _enclosed(text: str) -> bool:
    """Whether ``text`` is one bracketed group already, ``(a + b)`` or ``√(σ² + ε)``: it needs no more brackets."""
    inner = text[1:] if text.startswith("√") else text
    if not inner.startswith("("):
        return False
    depth = 0
    for i, char in enumerate(inner):
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth == 0:
            return i == len(inner) - 1
    return False


def _accent(text: str, mark: str) -> str:
    """``text`` under an accent: the mark on each letter, composed where Unicode has one character (ŷ)."""
    return unicodedata.normalize("NFC", "".join(c + mark if not c.isspace() else c for c in text))


def _limits(tex: str, at: int) -> tuple[str, int]:
    r"""A sum's or product's limits after it: ``_{i=1}^{m}`` is ``(i=1…m)``, ``_i`` is ``i``."""
    if not tex.startswith("_", at):
        return "", at
    below, end = _group(tex, at + 1)
    if not tex.startswith("^", end):
        return tex_to_text(below), end
    above, end = _group(tex, end + 1)
    return f"({tex_to_text(below)}…{tex_to_text(above)})", end


def _script(char: str, text: str) -> str:
    """A subscript or superscript, written after its base as a reader types it."""
    if char == "_":
        # z_{\text{norm}} is z_norm, as the code names it; w_1 is w1 and z_{21} z21, as the course writes them.
        return "_" + text if re.fullmatch(r"[A-Za-z]{3,}", text) else text
    if re.fullmatch(r"\[.*\]|\(.*\)|\[.*\]\(.*\)", text):
        return text  # a layer [l] or an example (i): written after the name
    if re.fullmatch(r"(\[.*\])[T′]", text):
        return text[:-1] + {"T": "ᵀ", "′": "′"}[text[-1]]  # A^{[l-1]T}, g^{[l]\prime}: the layer, then the mark
    if re.fullmatch(r"[0-9+\-−=()Tni]+", text):
        return text.translate(_SUPERSCRIPT)
    return "^" + (text if len(text) == 1 else f"({text})")


def _apart_from(out: list[str]) -> str:
    """A space if the text so far ends in a name or a bracket: 2σ dσ/dz, d/du max(0, u), not 2σdσ/dz."""
    return " " if out and re.search(r"[\w)]$", out[-1]) else ""


def _command(tex: str, at: int, name: str, out: list[str]) -> int:
    r"""Append the text of the command ``\name`` whose arguments start at ``at``; where it ends."""
    if name in _FRACTIONS:
        top, at = _group(tex, at)
        bottom, at = _group(tex, at)
        out.append(f"{_apart_from(out)}{_wrap(tex_to_text(top))}/{_wrap(tex_to_text(bottom))}")
    elif name == "sqrt":
        inside, at = _group(tex, at)
        out.append(f"√({tex_to_text(inside)})")
    elif name in _ACCENTS:
        inside, at = _group(tex, at)
        out.append(_accent(tex_to_text(inside), _ACCENTS[name]))
    elif name in _AS_IS:
        inside, at = _group(tex, at)
        out.append(tex_to_text(inside))
    elif name in ("begin", "end"):
        _, at = _group(tex, at)
    elif name in ("sum", "prod"):
        limits, at = _limits(tex, at)
        out.append(_SYMBOLS[name] + limits)
    elif name == "\\":
        out.append(" " if _GOES_ON.match(tex, at) else "; ")  # a new row, or the row above going on
    elif name in _SPACES:
        out.append(" " if name != "!" else "")
    elif name in _WORDS:  # \log a is log a, \log(a) log(a); d/du max(0, u), not d/dumax
        after = " " if at < len(tex) and (tex[at].isalnum() or tex[at] == "\\") else ""
        out.append(_apart_from(out) + name + after)
    elif name in _RELATIONS or name in _OPERATORS:
        out.append(f" {_SYMBOLS[name]} ")
    elif name not in _LAYOUT:
        symbol = _SYMBOLS.get(name, name)
        # A Greek letter before a name stays a word apart: \gamma z_{norm} is γ z_norm, found by "z_norm".
        apart = symbol.isalpha() and name != "partial" and at < len(tex) and tex[at].isalpha()
        out.append(symbol + " " * apart)
    return at


def tex_to_text(tex: str) -> str:
    """Readable plain text for one TeX formula, for search: fractions as a/b, powers as superscripts."""
    out, at = [], 0
    while at < len(tex):
        char = tex[at]
        if char == "\\":
            # TeX eats the spaces after a command word; a reader keeps the one before =, +, − (d\beta = ...).
            match = re.match(r"\\([A-Za-z]+)(?: +(?![=<>+\-*|]))?|\\(.)", tex[at:])
            at = _command(tex, at + len(match[0]), match[1] or match[2], out)
        elif char in "^_":
            inside, at = _group(tex, at + 1)
            out.append(_script(char, tex_to_text(inside)))
        elif char in "{}":
            at += 1
        elif char == "&":  # an alignment mark: the rows' columns line up on the page, a space here
            out.append(" ")
            at += 1
        elif char in "-'":
            out.append({"-": "−", "'": "′"}[char])
            at += 1
        else:
            out.append(char)
            at += 1
    return re.sub(r"\s*; ", "; ", re.sub(r"\s+", " ", "".join(out))).strip()


def readable(text: str) -> str:
    r"""``text`` (HTML) with every ``\(...\)`` and ``\[...\]`` outside code replaced by readable text.

    TeX quoted as code stays as written; outside a ``<pre>``, runs of spaces are one space.
    """
    parts = _CODE.split(text)
    for i in range(0, len(parts), 2):  # the even parts are outside code
        math = _MATH.sub(
            lambda m: html.escape(tex_to_text(html.unescape(m[1] if m[1] is not None else m[2])), quote=False),
            parts[i],
        )
        parts[i] = re.sub(r"\s{2,}", " ", math)
    return "".join(parts)


# The questions a page lists as answered (its "Questions this page answers" note), each linking to its section.
_ASKED = re.compile(r'<p class="admonition-title">Questions this page answers</p>(.*?)</div>', re.S)
_QUESTION = re.compile(r'<a href="#([^"]+)">(.*?)</a>', re.S)
_TYPESET = re.compile(r'<span class="arithmatex"[^>]*?data-tex="([^"]*)"[^>]*>.*?</mjx-container></span>', re.S)
# How much a word of a question weighs: a tenth of a title word (titles 1000, text 1); 300 put the activations page
# above the sigmoid page for "sigmoid derivative" (measured with Material's own search worker on the built index).
QUESTIONS = {"boost": 100.0}


def questions(page: str) -> dict[str, list[str]]:
    """A built page's questions by the section that answers them: ``{"step-tanh": ["Why is ...?"]}``, as HTML text."""
    found: dict[str, list[str]] = {}
    for block in _ASKED.findall(page):
        for anchor, text in _QUESTION.findall(block):
            text = _TYPESET.sub(lambda m: html.escape(tex_to_text(html.unescape(m[1])), quote=False), text)
            found.setdefault(anchor, []).append(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip())
    return found


def tab_labels(page: str) -> list[list[str]]:
    """The labels of each set of content tabs of a built page, as HTML text: ``[["μ", "σ²", "z_norm"]]``."""
    sets = re.findall(r'<div class="tabbed-labels">(.*?)</div>', page, re.S)
    found = [[html.escape(html.unescape(label), quote=False) for label in re.findall(r"<label[^>]*>(.*?)</label>", s)]
             for s in sets]  # fmt: skip
    return [labels for labels in found if len(labels) > 1 and not any("<" in label for label in labels)]


def _apart(text: str, sets: list[list[str]]) -> str:
    """``text`` with each set of tab labels, which the index runs together ("dβdγdzChecks"), set apart."""
    for labels in sets:
        text = text.replace("".join(labels), " · ".join(labels), 1)
    return text


def rewrite_index(path: Path) -> None:
    """Rewrite a built search index: readable math, not TeX, tab labels apart, each section's questions.

    MkDocs' ``search/search_index.json`` (entries in ``docs``) or Zensical's ``search.json``
    (entries in ``items``, beside the pages). The questions come from the built pages
    (``<site>/<page>/index.html``); in MkDocs' index a section its page's questions link to
    gets them in a ``questions`` field (the page's own entry gets all of them), searched at
    QUESTIONS' weight but not shown, so a reader's question finds the page and the section
    that answer it. Zensical's search reads only its own fields (title, text, path, tags), so
    its index gets the readable math and the tab labels, not the questions.
    """
    data = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(data.get("docs"), list):
        entries, site, weighted = data["docs"], path.parent.parent, True
    elif isinstance(data.get("items"), list):
        entries, site, weighted = data["items"], path.parent, False
    else:
        raise ValueError(f"{path}: neither MkDocs' search index (a 'docs' list) nor Zensical's (an 'items' list)")
    asked, tabs = {}, {}
    for doc in entries:
        page, _, anchor = doc["location"].partition("#")
        if page not in asked:
            built = site / page / "index.html"
            shown = built.read_text(encoding="utf-8") if built.is_file() else ""
            asked[page], tabs[page] = questions(shown), tab_labels(shown)
        doc["title"], doc["text"] = readable(doc["title"]).strip(), _apart(readable(doc["text"]).strip(), tabs[page])
        # A section: the questions it answers; the page's own entry: every question the page answers.
        found = asked[page].get(anchor, []) if anchor else [q for qs in asked[page].values() for q in qs]
        if found and weighted:
            doc["questions"] = " ".join(found)
    if any("questions" in doc for doc in entries):
        data["config"].setdefault("fields", {})["questions"] = QUESTIONS
    path.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")


INDEX = {"mkdocs": "search/search_index.json", "zensical": "search.json"}  # where each builder writes its index


def on_post_build(config) -> None:
    """MkDocs hook: after the search plugin has written its index (plugins run before hooks)."""
    index = Path(config["site_dir"]) / INDEX["mkdocs"]
    if index.exists():
        rewrite_index(index)
