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
not a finite number. These run on every build and are never cached: they depend
on the code in ``snippets/``, which the page's text does not show.
"""

from __future__ import annotations

import importlib
import math
from dataclasses import dataclass

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


def run(target: str) -> Result:
    """Run ``target`` at every seed; raise StepError naming the seed and the error if one is too large."""
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
