"""The values pages print (pipeline/printed.py): functions of snippets.pages, called once and kept.

A value is kept in memory for the build. One that took longer than SLOW seconds
(a measured table: the gradient-checking page's thousands of checks) is also kept
on disk, in ``.build-cache/printed/<code version>/``, where numeric.code_version hashes
every module under ``snippets/`` and numpy's version: such a function must depend
on that code alone. Only plain results are kept: a number, a string, or a list of
numbers; a function that raises or returns anything else fails the build with its name.
"""

from __future__ import annotations

import hashlib
import json
import math
import numbers
import os
import re
import shutil
import time
from pathlib import Path

from checker.numeric import code_version, function

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / ".build-cache" / "printed"
SLOW = 0.05  # seconds: a value that took longer is kept on disk
_values: dict[str, object] = {}  # by target, for this build
_version: list[str] = []  # code_version(ROOT), computed once


def value(target: str) -> object:
    """What ``module:function`` of snippets.pages returns (``module:function[i]``: its entry i), once per build."""
    target, index = re.fullmatch(r"(.*?)(?:\[(\d+)\])?", target).groups()
    if target not in _values:
        _values[target] = _kept(target)
    found = _values[target]
    if index is None:
        return found
    if not isinstance(found, list | tuple) or int(index) >= len(found):
        raise ValueError(f"{target}() returned {found!r:.60}, which has no entry [{index}]")
    return found[int(index)]


def number(target: str) -> float:
    """The real number ``target`` computes: a ValueError if it is not one (a bool, text, NaN, infinite)."""
    found = value(target)
    if isinstance(found, bool) or not isinstance(found, numbers.Real):
        raise ValueError(f"{target}() returned {found!r:.60}, not a real number")
    if not math.isfinite(float(found)):
        raise ValueError(f"{target}() returned {found!r:.60}, not a finite real number")
    return float(found)


def table(target: str) -> str:
    """The Markdown that ``target`` returns for a computed-table fence."""
    found = value(target)
    if not isinstance(found, str) or not found.strip():
        raise ValueError(f"{target}() returned {found!r:.60}, not Markdown text for a computed-table fence")
    return found.strip("\n")


def _folder() -> Path:
    """.build-cache/printed/<code version>/; folders of other versions are removed the first time."""
    if not _version:
        _version.append(code_version(ROOT)[:16])
        for old in FOLDER.glob("*"):
            if old.name != _version[0]:
                shutil.rmtree(old, ignore_errors=True)
    return FOLDER / _version[0]


def _kept(target: str) -> object:
    """The value kept in .build-cache/printed/ if this code computed it before; else computed (kept if slow, plain)."""
    stored = _folder() / f"{hashlib.sha256(target.encode()).hexdigest()[:32]}.json"
    if stored.exists():
        return json.loads(stored.read_text())
    start = time.perf_counter()
    found = _call(target)
    plain = _plain(found)
    if plain is not None and time.perf_counter() - start > SLOW:
        stored.parent.mkdir(parents=True, exist_ok=True)
        partial = stored.with_suffix(f".{os.getpid()}.tmp")  # two builds at once write their own
        partial.write_text(json.dumps(plain))
        partial.replace(stored)
    return found


def _plain(found: object) -> object:
    """``found`` as JSON keeps it exactly (int, float, str, list of numbers), or None: not to be kept."""
    if isinstance(found, str):
        return found
    if isinstance(found, list | tuple):
        entries = [_plain(x) for x in found]
        return entries if all(isinstance(x, int | float) for x in entries) else None
    if isinstance(found, bool) or not isinstance(found, numbers.Real) or not math.isfinite(float(found)):
        return None
    return int(found) if isinstance(found, numbers.Integral) else float(found)


def _call(target: str) -> object:
    found = function(target, "a printed value", ValueError)
    try:
        return found()
    except Exception as exc:  # a failing value is a build error with its name, never a traceback
        raise ValueError(f"{target}() raised {type(exc).__name__}: {exc}") from None
