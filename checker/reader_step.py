r"""A reader's own step, checked against a page's definitions: what the "Check your step" box answers.

The box (pipeline/check_box.py) hands over the page as the build read it: its declared
symbols and shapes, its random networks' seed, and every line the build verified as a
definition, in page order. ``check`` builds that page with the same checker the build runs
(steps.py, and matrix.py for a page with shapes), then checks the reader's lines after it,
in order, as a fence is checked: a line that starts with ``=`` continues the one above, and
a definition in the box holds for the box's lines below it.

The answer is for a learner: "correct: proved by algebra", "wrong: at a = 0.3, y = 0.7 the
left side is 1.43 and the right side is −2.19", "cannot read this LaTeX: ...". In the
reader's browser this module runs under Pyodide (pipeline/browser_checker.py ships it with
the modules it imports, and no others: neither numpy nor yaml is there).
"""

from __future__ import annotations

import json
import re
from itertools import pairwise

from .display import Routed
from .latex import StepError
from .matrix import MatrixPage
from .steps import Page, Verdict, split_equals

# Longer than any line of the site (the longest is under 400 characters): a paste gone wrong.
LONGEST = 2000
# What a reader may paste around a formula: $...$, $$...$$, \[...\], \(...\), and aligned rows' &.
_DELIMITERS = re.compile(r"^\s*(?:\$\$|\$|\\\[|\\\()|(?:\$\$|\$|\\\]|\\\))\s*$")
_NUMERATOR = re.compile(r"\\frac\s*\{\s*(?:d|\\partial\s*)\s*([A-Za-z](?:_\{?\w+\}?)?)\s*\}")

_PAGES: dict[str, object] = {}


def page(data: dict):
    """The page as the build left it: its symbols, shapes and definitions (kept per page, for the next check)."""
    key = json.dumps(data, sort_keys=True)
    if key not in _PAGES:
        built = Page(data.get("symbols") or {})
        if data.get("shapes"):
            built = Routed(built, MatrixPage(data["shapes"], data.get("seed", "")))
        for line in data.get("definitions", []):
            verdicts = built.check(line)
            if [v.how for v in verdicts] != ["definition"]:
                raise ValueError(f"the page's line '{line}' is not a definition here: the box's data is stale")
        _PAGES[key] = built
    return _PAGES[key]


def lines(text: str) -> list[str]:
    """The reader's lines, without the delimiters and alignment marks a formula is often pasted with."""
    found = []
    for line in text.splitlines():
        line = _DELIMITERS.sub("", _DELIMITERS.sub("", line)).replace("&", " ").strip()
        if line:
            found.append(line)
    return found


def check(data: dict, text: str) -> dict:
    """Check the reader's ``text`` after the page ``data``: ``{"verdict": ..., "answers": [...]}``.

    ``verdict`` is "correct", "definition" (every line defines something), or, at the first
    line that fails, "wrong", "unreadable" (parse), "undefined", "domain", "shape" or "error"
    (the checker itself failed). ``answers`` says it in words, one item per equality checked.
    """
    if len(text) > LONGEST:
        return _answer("unreadable", [f"cannot read this LaTeX: it is {len(text)} characters long; check one step"])
    written = lines(text)
    if not written:
        return _answer("unreadable", ["cannot read this LaTeX: the box is empty; type a step such as a = b"])
    reader, verdicts, before = page(data).copy(), [], None
    for line in written:
        try:
            if line.startswith("="):
                if before is None:
                    raise StepError("a line that starts with '=' continues the line above it", reason="parse")
                found = [reader.claim(a, b) for a, b in pairwise([before, *split_equals(line[1:])])]
            else:
                found = reader.check(line)
        except StepError as exc:
            return _refused(exc, line, data, verdicts)
        except Exception as exc:  # a checker's internal error is an answer, never a hang or a traceback
            return _answer("error", [f"the checker cannot check '{line}': {type(exc).__name__}: {exc}"])
        verdicts += found
        before = found[-1].rhs
    claims = [v for v in verdicts if v.how != "definition"]
    return _answer("correct" if claims else "definition", [_said(v, len(verdicts) > 1) for v in verdicts])


def prepare_json(data: str) -> None:
    """Build the page of ``data`` (JSON) now, so that the reader's check is timed alone (the worker's timeout)."""
    page(json.loads(data))


def check_json(data: str, text: str) -> str:
    """``check`` for the browser's worker: the page's data as JSON in, the answer as JSON out."""
    return json.dumps(check(json.loads(data), text))


def _answer(verdict: str, answers: list[str]) -> dict:
    return {"verdict": verdict, "answers": answers}


def _said(v: Verdict, several: bool) -> str:
    where = f"{v.lhs} = {v.rhs}: " if several else ""
    if v.how == "definition":
        return f"{where}a definition: it gives {v.lhs} a value the lines below can use"
    if v.how == "symbolic":
        return f"{where}correct: proved by algebra (and equal at {v.points} random points)"
    if v.how == "matrix":
        return f"{where}correct: checked as matrices, entry by entry, at {v.points} random shapes"
    return f"{where}probably correct: equal at {v.points} random points, but not proved by algebra"


def _refused(exc: StepError, line: str, data: dict, verdicts: list[Verdict]) -> dict:
    before = [_said(v, True) for v in verdicts]
    message = str(exc)
    if exc.reason == "differ" and exc.point:
        sides = f"{exc.lhs} = {exc.rhs}: " if exc.lhs and len(split_equals(line)) > 2 else ""
        # A matrix's entry where the sides differ is an (i, j) pair, shown as it is.
        at = ", ".join(f"{n} {x}" if isinstance(x, tuple) else f"{_name(n)} = {number(x)}" for n, x in _shown(exc))
        said = f"wrong: {sides}at {at} the left side is {number(exc.left)} and the right side is {number(exc.right)}"
        return _answer("wrong", [*before, said])
    if exc.reason == "parse":
        why = re.sub(r"^cannot parse LaTeX '.*?': ", "", message, flags=re.S)
        return _answer("unreadable", [*before, f"cannot read this LaTeX: {why}"])
    if exc.reason == "undefined":
        declared = ", ".join(_name(n) for n in (data.get("symbols") or {}))
        return _answer("undefined", [*before, f"not defined on this page: {message} (it declares {declared})"])
    if exc.reason == "domain":
        return _answer("domain", [*before, f"undefined: {message}"])
    if exc.reason == "shape":
        return _answer("shape", [*before, f"the shapes do not match: {message}"])
    return _answer("wrong", [*before, f"wrong: {message}"])


def _shown(exc: StepError) -> list:
    """The point without the quantities the line only differentiates (the L of dL/dz): their values say nothing."""
    text = f"{exc.lhs} {exc.rhs}"
    differentiated = {_bare(n) for n in _NUMERATOR.findall(text)}
    others = re.sub(r"\\[A-Za-z]+", " ", _NUMERATOR.sub(" ", text))  # commands are not names
    rest = {_bare(n) for n in re.findall(r"[A-Za-z](?:_\{?\w+\}?)?", others)}
    kept = [(n, x) for n, x in exc.point if not (_bare(str(n)) in differentiated and _bare(str(n)) not in rest)]
    return kept or exc.point


def _bare(name: str) -> str:
    return name.replace("{", "").replace("}", "")


def _name(name: object) -> str:
    """A symbol as a reader types it: ``w_{11}`` -> w_11."""
    return _bare(str(name))


def number(value) -> str:
    """A number to 3 significant digits, with a true minus sign; "undefined" where it is not a finite number."""
    try:
        x = float(value)
    except (TypeError, ValueError, OverflowError):
        return "undefined"
    if x != x or x in (float("inf"), float("-inf")):
        return "undefined"
    text = f"{x:.3g}" if x == 0 or 1e-3 <= abs(x) < 1e5 else f"{x:.2e}"
    return text.replace("-", "−")
