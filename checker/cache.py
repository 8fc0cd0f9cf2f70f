"""Results of pages that passed the checker, kept on disk between builds.

A page's result is a pure function of its path, its symbols and fences (with
their line numbers, which the messages quote), the checker's own source, and the
versions of sympy and mpmath. The key hashes all of them, so any change to one
checks the page again. Only passing pages are stored: a wrong step is never
answered from here. The LaTeX parses of all pages are kept too (parses-*.pickle,
named after the same checker version): a page with one edited step parses one
step again, not the whole page.
"""

from __future__ import annotations

import hashlib
import json
import numbers
import pickle
from dataclasses import asdict
from pathlib import Path

import mpmath
import sympy

from . import display, latex, numeric
from .document import Block, blocks, check_numeric, check_source, front_matter
from .latex import StepError
from .steps import DIGITS, Verdict

# What a stored entry holds; part of the key, so an entry of another layout is never read.
# 2: a wrong block's structured StepError (reason, point, left, right, lhs, rhs) is kept, not only its message.
# 3: each value of the point is kept with its kind (a number, an integer such as a size, a matrix entry's (i, j)).
FORMAT = 3
_FIELDS = ("reason", "lhs", "rhs")

_CHECKER = sorted(Path(__file__).parent.glob("*.py"))
# Below the project root (the folder of mkdocs.yml); ignored by git.
FOLDER = Path(".build-cache") / "derivations"


def _checker_version() -> str:
    digest = hashlib.sha256(f"sympy {sympy.__version__} mpmath {mpmath.__version__}".encode())
    for source in _CHECKER:
        digest.update(source.read_bytes())
    return digest.hexdigest()


VERSION = _checker_version()


def key(path: str, source: str) -> str:
    """The hash of everything the page's result depends on."""
    meta, _ = front_matter(source)
    fences = [(b.kind, b.line, b.step, b.lines) for b in blocks(source)]
    # shapes: the matrix lines' sizes (matrix.py); prose math: what display.py checks outside the fences.
    declared = [meta.get("symbols"), meta.get("shapes"), display.prose_math(source)]
    text = json.dumps([FORMAT, VERSION, path, *declared, fences], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def load(folder: Path, path: str, source: str) -> list[Block] | None:
    """The page's blocks with their stored verdicts, or None if this page is not stored."""
    try:
        stored = json.loads((folder / f"{key(path, source)}.json").read_text())
    except (OSError, ValueError):
        return None
    found = blocks(source)
    if len(stored) != len(found):
        return None
    for block, result in zip(found, stored, strict=True):
        block.verdicts = [(line, Verdict(**verdict)) for line, verdict in result["verdicts"]]
        block.rejection = result["rejection"]
        if result.get("error"):
            block.error = _error(result["error"])
    return found


# The checker's numbers are kept and read back with all their digits.
_DIGITS = DIGITS


def _value(value):
    """A value of a StepError's point (or left, right) as JSON, with its kind, so that it is read back as it was.

    The scalar checker's points hold mpmath numbers; the matrix checker's hold integers too (the sizes,
    the layer) and a pair, the entry (i, j) where the sides differ.
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, numbers.Integral):
        return ["int", int(value)]
    if isinstance(value, tuple | list):
        return ["tuple", [_value(v) for v in value]]
    try:
        number = mpmath.mpmathify(value)
    except (TypeError, ValueError):
        return str(value)  # kept as the text a reader is shown
    if isinstance(number, mpmath.mpc):
        return ["mpc", mpmath.nstr(number.real, _DIGITS), mpmath.nstr(number.imag, _DIGITS)]
    return ["mpf", mpmath.nstr(number, _DIGITS)]


def _read(stored):
    """The value _value kept."""
    if not isinstance(stored, list):
        return stored
    kind, *parts = stored
    if kind == "int":
        return parts[0]
    if kind == "tuple":
        return tuple(_read(v) for v in parts[0])
    with mpmath.workdps(_DIGITS):
        return mpmath.mpc(*parts) if kind == "mpc" else mpmath.mpmathify(parts[0])


def _fields(error: StepError | None) -> dict | None:
    """A StepError as JSON: its message and the fields render.py words a verdict from."""
    if error is None:
        return None
    out = {"message": str(error), **{name: getattr(error, name, None) for name in _FIELDS}}
    out["point"] = [(str(name), _value(value)) for name, value in getattr(error, "point", None) or []]
    out["left"], out["right"] = _value(getattr(error, "left", None)), _value(getattr(error, "right", None))
    return out


def _error(fields: dict) -> StepError:
    """The StepError _fields stored, with its numbers as mpmath numbers again."""
    return StepError(
        fields["message"],
        fields["reason"] or "other",
        [(name, _read(value)) for name, value in fields["point"]],
        _read(fields["left"]),
        _read(fields["right"]),
        fields["lhs"] or "",
        fields["rhs"] or "",
    )


def store(folder: Path, path: str, source: str, found: list[Block]) -> None:
    """Keep a passing page's result; written whole, then renamed, so no reader sees half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    result = [
        {
            "verdicts": [(line, asdict(verdict)) for line, verdict in b.verdicts],
            "rejection": b.rejection,
            "error": _fields(getattr(b, "error", None)),
        }
        for b in found
    ]
    target = folder / f"{key(path, source)}.json"
    partial = target.with_suffix(".tmp")
    partial.write_text(json.dumps(result))
    partial.replace(target)


def _parses(folder: Path) -> Path:
    return folder / f"parses-{VERSION[:16]}.pickle"


def load_parses(folder: Path) -> None:
    """Fill latex.PARSED with the parses earlier runs kept (same sympy, same checker)."""
    try:
        latex.PARSED.update(pickle.loads(_parses(folder).read_bytes()))
    except (OSError, pickle.UnpicklingError, EOFError):
        pass  # none kept yet, or a partial file: parse again


def save_parses(folder: Path) -> None:
    """Keep latex.PARSED for the next run; written whole, then renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("parses-*.pickle"):
        if old != _parses(folder):
            old.unlink()
    partial = _parses(folder).with_suffix(".tmp")
    partial.write_bytes(pickle.dumps(latex.PARSED))
    partial.replace(_parses(folder))


def check(path: str, source: str, folder: Path) -> list[Block]:
    """check_source, answered from ``folder`` when this page passed before, unchanged; then check_numeric.

    Numeric results are kept beside, in ``folder``/numeric, keyed by the code under snippets/.
    """
    found = load(folder, path, source)
    if found is None:
        if not latex.PARSED:
            load_parses(folder)
        known = len(latex.PARSED)
        found = check_source(path, source)
        store(folder, path, source, found)
        if len(latex.PARSED) > known:
            save_parses(folder)
    root = folder.resolve().parent.parent  # folder is <project>/.build-cache/derivations
    return check_numeric(path, found, folder / "numeric", numeric.code_version(root))
