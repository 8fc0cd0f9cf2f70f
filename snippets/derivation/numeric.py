r"""Numerical checks of matrix results, named on the page in a ``numeric-check`` fence.

````
```numeric-check
snippets.pages.m_examples:check_dw
```
````

Each line names a function ``check(rng) -> float`` that draws a random problem
from ``rng``, computes a gradient with the site's code and returns its relative
error against an independent value (central differences of the cost). The
function runs at SEEDS seeds; the build fails if any error is above LIMIT or is
not a finite number. The seeds are fixed, so a result is a function of the code:
a passing result may be kept in a folder, keyed by the target and a hash of every
module under ``snippets/`` and the numpy version (code_version).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .latex import StepError

SEEDS = 10
# float64 central differences of a smooth cost agree to about 1e-9; 1e-7 is the course's "correct".
LIMIT = 1e-7


@dataclass(frozen=True)
class Result:
    """One check function, run at every seed."""

    target: str  # module:function, as written on the page
    says: str  # the first line of the function's docstring
    runs: int
    worst: float  # the largest relative error of all runs

    def describe(self) -> str:
        """One line for a person: what was compared, how often, how close."""
        return f"{self.says}: {self.runs} random problems; worst relative error {self.worst:.1e}"


def _function(target: str):
    module, _, name = target.partition(":")
    if not module or not name:
        raise StepError(f"'{target}' should be module:function, for example snippets.pages.m_examples:check_dw")
    try:
        found = getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise StepError(f"cannot load {target}: {exc}") from None
    if not callable(found):
        raise StepError(f"{target} is not a function")
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


def _run(target: str) -> Result:
    check = _function(target)
    worst = 0.0
    for seed in range(SEEDS):
        error = check(np.random.default_rng(seed))
        if not isinstance(error, (float, int)) or not math.isfinite(error):
            raise StepError(f"{target} at seed {seed} returned {error!r}, not a finite relative error")
        if error > LIMIT:
            raise StepError(f"{target} at seed {seed}: relative error {error:.3e} is above {LIMIT:.0e}")
        worst = max(worst, float(error))
    says = (check.__doc__ or target).strip().splitlines()[0].rstrip(".")
    return Result(target, says, SEEDS, worst)
