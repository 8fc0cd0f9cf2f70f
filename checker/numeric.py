r"""Numerical checks of matrix results, named on the page in a ``numeric-check`` fence.

````
```numeric-check
snippets.pages.m_examples:check_dw
```
````

Each line names a function ``check(rng) -> Compared | list[Compared]`` in one of
the project's check modules (``snippets.pages.*``; anything else is refused). It
draws a random problem from ``rng`` and returns what it compared: the value of the
site's code, and the same quantity computed independently of it (central
differences of the cost, or values exact to many digits), with a few words on how.
This module computes the relative error itself, so a check cannot report a number
it did not measure, and a check that hands in one value twice is refused.

The function runs at SEEDS seeds; the build fails if any error is above LIMIT or is
not a finite number, or if the function raises. A check of one fixed example (a worked
example, the same numbers at every seed) says so with an attribute after its definition,
``check.example = "the worked example"``: it runs once, and its mark and the report name
the example, not "10 random problems". The seeds are fixed, so a result is
a function of the code: a passing result may be kept in a folder, keyed by the
target and a hash of every module under ``snippets/`` and the numpy version (code_version).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from snippets.gradcheck import Compared, relative_error

from .latex import StepError

SEEDS = 10
# float64 central differences of a smooth cost agree to about 1e-9; 1e-7 is the course's "correct".
LIMIT = 1e-7
# The modules a numeric-check fence may name: the project's check modules.
ALLOWED = ("snippets.pages.",)


@dataclass(frozen=True)
class Result:
    """One check function, run at every seed."""

    target: str  # module:function, as written on the page
    says: str  # the first line of the function's docstring
    runs: int
    worst: float  # the largest relative error of all runs
    how: str = ""  # how the independent values were computed, every way the check used
    example: str = ""  # the one fixed example the check computes ("the worked example"), if it draws none

    def checked(self) -> str:
        """What was run: "10 random problems", or the fixed example, once."""
        return f"{self.example}, checked once" if self.example else f"{self.runs} random problems"

    def describe(self) -> str:
        """One line for a person: what was compared, how often, how close."""
        against = ("," if self.example else "") + f" against {self.how}" if self.how else ""
        return f"{self.says}: {self.checked()}{against}; worst relative error {self.worst:.1e}"


def function(target: str, kind: str = "a numeric-check", error: type[Exception] = StepError):
    """The function ``module:name`` names, from the project's check modules only; else ``error`` saying why.

    ``kind`` names what asked, for the message (a numeric-check, a printed value).
    """
    module, _, name = target.partition(":")
    if not module or not name:
        raise error(f"'{target}' should be module:function, for example snippets.pages.m_examples:check_dw")
    if not module.startswith(ALLOWED):
        raise error(
            f"'{target}' is not in the project's check modules: {kind} may name only functions "
            f"of {', '.join(p + '*' for p in ALLOWED)}"
        )
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise error(f"cannot load {target}: {exc}") from None
    if not callable(found):
        raise error(f"{target} is not a function")
    return found


def code_version(root: Path) -> str:
    """A hash of every module under snippets/ and of numpy's version: what a check's result depends on."""
    digest = hashlib.sha256(f"numpy {np.__version__}".encode())
    for path in sorted((root / "snippets").rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def run(target: str, folder: Path | None = None, version: str = "") -> Result:
    """Run ``target`` at every seed; raise StepError naming the seed and the error if one is too large.

    With ``folder`` (and the code_version), a result that passed before with this code is read from there.
    """
    stored = folder / f"{hashlib.sha256(f'{version} {target}'.encode()).hexdigest()}.json" if folder else None
    if stored and stored.exists():
        return Result(**json.loads(stored.read_text()))
    result = _run(target)
    if stored:
        folder.mkdir(parents=True, exist_ok=True)
        stored.with_suffix(".tmp").write_text(json.dumps(asdict(result)))
        stored.with_suffix(".tmp").replace(stored)
    return result


def errors(target: str, found: object, where: str) -> list[tuple[float, str]]:
    """[(relative error, how)] of what one run of a check returned; a StepError if it is not Compared values."""
    comparisons = [found] if isinstance(found, Compared) else found
    if (
        not isinstance(comparisons, list | tuple)
        or not comparisons
        or not all(isinstance(c, Compared) for c in comparisons)
    ):
        raise StepError(
            f"{target} {where} returned {found!r:.80}, not a Compared(site=..., independent=..., how=...) "
            "or a non-empty list of them"
        )
    measured = []
    for c in comparisons:
        if not isinstance(c.how, str) or not c.how.strip():
            raise StepError(f"{target} {where}: a Compared must say how its independent value was computed")
        if c.site is c.independent:
            raise StepError(f"{target} {where} compares a value with itself ({c.how})")
        try:
            error = relative_error(c.site, c.independent)
        except ValueError as exc:
            raise StepError(f"{target} {where}: cannot compare the site's value with {c.how}: {exc}") from None
        if not math.isfinite(error):
            raise StepError(f"{target} {where}: the relative error against {c.how} is {error!r}, not a finite number")
        measured.append((error, c.how))
    return measured


def worst(found: object) -> float:
    """The largest relative error of what one run of a check returned; a StepError if it is not Compared values."""
    return max(error for error, _ in errors("the check", found, "here"))


def example(check) -> str:
    """The fixed example ``check`` declares it computes (its ``example`` attribute), or "" if it draws problems."""
    said = getattr(check, "example", "")
    if not isinstance(said, str):
        raise StepError(f"{check.__name__}.example must say in words which example it checks, not {said!r}")
    return said.strip()


def _run(target: str) -> Result:
    check = function(target)
    worst, ways, fixed = 0.0, [], example(check)
    for seed in range(1 if fixed else SEEDS):  # the same numbers at every seed: once is all there is
        try:
            found = check(np.random.default_rng(seed))
        except Exception as exc:  # any failure of a check is a failed step, never a traceback
            raise StepError(f"{target} at seed {seed} raised {type(exc).__name__}: {exc}") from None
        for error, how in errors(target, found, f"at seed {seed}"):
            if error > LIMIT:
                raise StepError(
                    f"{target} at seed {seed}: relative error {error:.3e} is above {LIMIT:.0e} (against {how})"
                )
            worst = max(worst, error)
            ways += [how] if how not in ways else []
    says = (check.__doc__ or target).strip().splitlines()[0].rstrip(".")
    return Result(target, says, 1 if fixed else SEEDS, worst, "; ".join(ways), fixed)
