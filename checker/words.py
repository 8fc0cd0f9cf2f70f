r"""What a check found, in a learner's words: the mark's one line, each equality's check, a wrong line's verdict.

"✓ proved by algebra and checked at 24 points", never a tick beside
"proves none"; a wrong line reads "Wrong: at a = 0.3, y = 0.7 the left side is
1.43 and the right side is −2.19", from the structured StepError the checker
raised (latex.py: reason, point, left, right, lhs, rhs), with numbers to 3
significant digits and names as a learner writes them (y₁, not sympy's y_{1}).
"""

from __future__ import annotations

import html
import math
import re

from .document import Block
from .notation import GREEK
from .numeric import Result
from .steps import AGREE, Verdict, split_equals

# Every letter the checker knows as a command (notation.GREEK), as a reader sees it.
_GREEK = dict(
    zip(
        GREEK,
        "αβγδεεζηθϑικλμνξπρστυφφχψωΓΔΘΛΞΠΣΥΦΨΩℓ",
        strict=True,
    )
)
# LaTeX commands a checker's message may quote, as a reader sees them.
_SIGNS = {"simeq": "≃", "approx": "≈", "sum": "∑", "cdot": "·", "times": "×", "partial": "∂", "neq": "≠"}
_COMMAND = re.compile(r"\\([A-Za-z]+)")
_FRACTION = re.compile(r"\\[dt]?frac\{(?P<top>[^{}]*)\}\{(?P<bottom>[^{}]*)\}")  # an innermost fraction
_SCRIPT = re.compile(r"(?P<mark>[_^])\{(?P<body>[^{}]*)\}")  # an innermost braced power or index
_SIZED = re.compile(r"\\(?:left|right|big|Big|bigg|Bigg)(?=[()\[\]|.]|\\[{}])")
# A name as the checker gives it: a^{[1]}_{2}, z^{(1)}_{norm}, y_{1}, \sigma' (notation.superscripted_name).
_NAME = re.compile(r"^\\?(?P<base>[A-Za-z]+)(?:\^\{(?P<sup>[^{}]+)\})?(?:_\{?(?P<sub>[^{}]+)\}?)?(?P<primes>'*)$")
# Where the checker's message names the thing it does not know.
_UNKNOWN = [
    re.compile(r"unknown function \\?(?P<name>[\\\w{}^\[\]()]+)"),
    re.compile(r"function (?P<name>[\\\w{}^\[\]()]+) has no definition"),
    re.compile(r"no domain for (?P<name>[\\\w{}^\[\]()]+)"),
    re.compile(r"(?P<name>[\\\w{}^\[\]()]+) is not defined above this step"),
]


def name(symbol: str) -> str:
    """HTML for a symbol as a learner writes it: ``y_{1}`` -> y₁, ``z^{(1)}_{norm}`` -> z⁽¹⁾ₙₒᵣₘ, ``gamma`` -> γ."""
    found = _NAME.match(str(symbol).strip())
    if not found:
        return html.escape(str(symbol))
    base = _GREEK.get(found["base"], found["base"])
    out = f"<i>{html.escape(base)}</i>" if len(base) == 1 and base.isascii() else html.escape(base)
    if found["sup"]:  # a layer [1] or an example (i): a name's part, not a power
        out += f"<sup>{html.escape(found['sup'])}</sup>"
    if found["sub"]:
        out += f"<sub>{html.escape(found['sub'])}</sub>"
    return out + "′" * len(found["primes"])


def plain(message: str) -> str:
    r"""A checker's message with the LaTeX it quotes as a reader writes it by hand.

    ``\gamma`` -> γ, ``\simeq`` -> ≃, ``\frac{d}{dz}`` -> d/dz (a part of more than one
    sign bracketed: ``\frac{1}{1 + e^{-z}}`` -> 1/(1 + e^(-z))), ``\left(`` and ``\right)`` -> ( and ).
    """
    while _FRACTION.search(message) or _SCRIPT.search(message):
        message = _SCRIPT.sub(lambda m: f"{m['mark']}{_part(m['body'])}", message)
        message = _FRACTION.sub(lambda m: f"{_part(m['top'])}/{_part(m['bottom'])}", message)
    message = _SIZED.sub("", message)
    return _COMMAND.sub(lambda m: _GREEK.get(m[1]) or _SIGNS.get(m[1]) or m[0], message)


def _part(tex: str) -> str:
    # One sign, a number, or one bracketed group (a layer [1], an example (i)) needs no brackets.
    return tex if re.fullmatch(r"\\?[A-Za-z]+|[\w.]+|\([^()]*\)|\[[^\[\]]*\]", tex) else f"({tex})"


def number(value) -> str:
    """A number to 3 significant digits, with a true minus sign; "undefined" for None or a non-finite value."""
    if value is None:
        return "undefined"
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        return html.escape(str(value))
    if not math.isfinite(x):
        return "undefined"
    if x != 0 and not 1e-3 <= abs(x) < 1e5:
        mantissa, exponent = f"{x:.2e}".split("e")
        text = f"{float(mantissa):.3g} × 10<sup>{int(exponent)}</sup>"
    else:
        text = f"{x:.3g}"
    return text.replace("-", "−")


def inline(tex: str) -> str:
    """Inline math in arithmatex's markup: typeset by the build's MathJax, never shown as source."""
    return f'<span class="arithmatex">\\({html.escape(tex, quote=False)}\\)</span>'


def exponent(x: float, digits: int = 1) -> str:
    """``digits`` significant digits, as a person writes them: 3e-10, 5.1e-9, 0."""
    mantissa, _, power = f"{x:.{digits - 1}e}".partition("e")
    return "0" if x == 0 else f"{mantissa}e{int(power)}"


# -- a right step ------------------------------------------------------------
def verdict(v: Verdict) -> str:
    """One equality's check, in words (the math itself is shown beside it, typeset)."""
    detail = getattr(v, "detail", "")
    if v.how == "definition":
        said = "a definition: the lines below use it"
    elif v.how == "symbolic":
        said = f"proved by algebra (sympy), and equal at {v.points} random points"
    elif v.how == "matrix":
        said = f"checked as matrices, entry by entry, at {v.points} random shapes"
    elif detail:
        return detail  # the checker says in full how far it took the points (steps.py)
    else:
        said = f"checked numerically, not proved: equal at {v.points} random points to {AGREE} digits"
    return f"{said} ({detail})" if detail else said


def summary(block: Block) -> str:
    """The mark's one line: how the block's equalities were checked; a weaker way is never hidden."""
    claims = [v for _, v in block.verdicts if v.how != "definition"]
    if not claims:
        return "definition" if len(block.verdicts) == 1 else "definitions"
    proved = [v.points for v in claims if v.how == "symbolic"]
    matrices = [v.points for v in claims if v.how == "matrix"]
    points = [v.points for v in claims if v.how not in ("symbolic", "matrix")]
    ways = [
        (proved, "proved by algebra", f"proved by algebra and checked at {max(proved, default=0)} points"),
        (matrices, "as matrices", f"checked as matrices at {max(matrices, default=0)} random shapes"),
        (points, "numerically, not proved", f"checked numerically at {min(points, default=0)} points, not proved"),
    ]
    ways = [(len(found), short, full) for found, short, full in ways if found]
    if len(ways) == 1:
        return ways[0][2]
    # Mixed: how many of each, in one line; opened, the mark says each line's check in full.
    return ", ".join(f"{n} {short}" for n, short, _ in ways)


# -- numpy ---------------------------------------------------------------------
def numpy(block: Block) -> str:
    """The mark of a numeric-check fence, one line on a phone: what was run (random problems, or an example), the error.

    The error is relative; opened, the mark says so for each result.
    """
    worst = exponent(max(r.worst for r in block.results))
    drawn = [r for r in block.results if not getattr(r, "example", "")]
    examples = list(dict.fromkeys(f"{r.example}, checked once" for r in block.results if getattr(r, "example", "")))
    runs = {r.runs for r in drawn}
    if len(drawn) == 1:
        problems = [f"{drawn[0].runs} random problems"]
    elif len(runs) == 1:
        problems = [f"{len(drawn)} checks × {runs.pop()} problems"]
    else:
        problems = [f"{len(drawn)} checks, {sum(r.runs for r in drawn)} problems"] if drawn else []
    return f"numpy: {' and '.join(examples + problems)}, worst error {worst}"


def result(r: Result) -> str:
    """One numpy check, opened: what it compared (its docstring, and how, unless that says it), how often, how close."""
    how = getattr(r, "how", "")
    said = how.lower()[:16]  # "central differen": the docstring says it already, singular or plural
    against = f", against {how}" if how and said not in r.says.lower() else ""
    checked = "one fixed example, checked once" if getattr(r, "example", "") else f"{r.runs} random problems"
    return f"{r.says}{against}: {checked}, worst relative error {exponent(r.worst, 2)}"


# -- a wrong line ----------------------------------------------------------------
def error(block: Block):
    """The StepError the checker raised on a wrong block, or None if only its message is known."""
    return getattr(block, "error", None)


def located(block: Block) -> str:
    """The checker's full message, file and line first."""
    return block.rejection or str(error(block) or "")


def _message(block: Block) -> str:
    found = error(block)
    text = str(found) if found is not None else block.rejection
    # A CheckFailure reads "path:line: step 'x': message"; the learner needs the message.
    return re.sub(r"^\S+:\d+: step '[^']*': ", "", text)


def _unknown(message: str) -> str | None:
    for pattern in _UNKNOWN:
        found = pattern.search(message)
        if found:
            return found["name"]
    return None


def refusal(block: Block) -> str:
    """HTML: why the checker refuses a derivation-rejected line, in a learner's words."""
    found, message = error(block), _message(block)
    reason = getattr(found, "reason", "other")
    point = getattr(found, "point", None) or []
    if reason == "differ" and point:
        at = ", ".join(
            f"{n} {html.escape(str(x))}" if isinstance(x, tuple) else f"{name(n)} = {number(x)}"  # entry (1, 2)
            for n, x in _worth_showing(point, found)
        )
        left, right = ("the left side", "the right side")
        if _equalities(block) > 1 and found.lhs and found.rhs:  # several: name the two that differ, in math
            left, right = inline(found.lhs), inline(found.rhs)
        return f"<strong>Wrong:</strong> at {at} {left} is {number(found.left)} and {right} is {number(found.right)}."
    unknown = _unknown(message)
    if reason == "undefined" or (reason == "other" and unknown and not point):
        if unknown:
            return f"<strong>Not defined:</strong> nothing above this line says what {name(unknown)} is."
        return f"<strong>Not defined:</strong> {html.escape(plain(message))}"
    if reason == "parse":
        return f"<strong>Cannot be read as math:</strong> {html.escape(plain(_parse_reason(message)))}"
    if reason == "domain":
        return f"<strong>Undefined on its domain:</strong> {html.escape(plain(message))}"
    if reason == "shape":
        return f"<strong>Shapes do not match:</strong> {html.escape(plain(message))}"
    return f"<strong>Wrong:</strong> {html.escape(plain(message))}"


def _worth_showing(point: list, found) -> list:
    """The point without the quantities the line only differentiates (the L of dL/dz): their values say nothing."""
    text = f"{getattr(found, 'lhs', '') or ''} {getattr(found, 'rhs', '') or ''}"
    numerator = re.compile(r"\\frac\s*\{\s*(?:d|\\partial\s*)\s*([A-Za-z](?:_\{?\w+\}?)?)\s*\}")
    differentiated = {_bare(n) for n in numerator.findall(text)}
    others = re.sub(r"\\[A-Za-z]+", " ", numerator.sub(" ", text))  # commands are not names
    rest = {_bare(n) for n in re.findall(r"[A-Za-z](?:_\{?\w+\}?)?", others)}
    kept = [(n, x) for n, x in point if not (_bare(str(n)) in differentiated and _bare(str(n)) not in rest)]
    return kept or point


def _bare(name: str) -> str:
    return name.replace("{", "").replace("}", "")


def _equalities(block: Block) -> int:
    return sum(len(split_equals(t[1:])) if t.startswith("=") else len(split_equals(t)) - 1 for _, t in block.lines)


def _parse_reason(message: str) -> str:
    # "cannot parse LaTeX '<the line>': <why>": the line is shown above; keep the why.
    return re.sub(r"^cannot parse LaTeX '.*?': ", "", message, flags=re.S)


def unreadable(block: Block) -> str:
    """HTML: why a derivation-unreadable line cannot be read as math."""
    return f"<strong>This line cannot be read as math:</strong> {html.escape(plain(_parse_reason(_message(block))))}"
