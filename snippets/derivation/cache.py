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
import pickle
from dataclasses import asdict
from pathlib import Path

import mpmath
import sympy

from . import display, latex, numeric
from .document import Block, blocks, check_numeric, check_source, front_matter
from .steps import Verdict

_CHECKER = sorted(Path(__file__).parent.glob("*.py"))
# Below the project root (the folder of mkdocs.yml); ignored by git.
FOLDER = Path(".cache") / "derivations"


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
    text = json.dumps([VERSION, path, *declared, fences], sort_keys=True, default=str)
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
    return found


def store(folder: Path, path: str, source: str, found: list[Block]) -> None:
    """Keep a passing page's result; written whole, then renamed, so no reader sees half a file."""
    folder.mkdir(parents=True, exist_ok=True)
    result = [
        {"verdicts": [(line, asdict(verdict)) for line, verdict in b.verdicts], "rejection": b.rejection} for b in found
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
    root = folder.resolve().parent.parent  # folder is <project>/.cache/derivations
    return check_numeric(path, found, folder / "numeric", numeric.code_version(root))
