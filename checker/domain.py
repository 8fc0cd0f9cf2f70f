"""Where a declared symbol lives, and random points drawn from there."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

import mpmath

_INTERVAL = re.compile(r"^\s*([\(\[])\s*([-+]?[\w.]+)\s*,\s*([-+]?[\w.]+)\s*([\)\]])\s*$")
# An unbounded side is sampled up to this far: sigma(40) already rounds to 1 in float64.
_FAR = 40.0
# ... and, for a line sympy did not prove, beyond: |z| from 45 to 10^3, log-uniformly.
_BEYOND = (45.0, 1e3)


@dataclass(frozen=True)
class Domain:
    """An interval of the reals, open or closed at each end."""

    low: float
    high: float
    closed_low: bool
    closed_high: bool
    text: str

    def sample(self, rng: random.Random, k: int) -> list[mpmath.mpf]:
        """K points: mostly where a reader would look, some near the edges."""
        low = max(self.low, -_FAR)
        high = min(self.high, _FAR)
        points = []
        if self.closed_low and self.low > -_FAR:
            points.append(mpmath.mpf(self.low))
        if self.closed_high and self.high < _FAR:
            points.append(mpmath.mpf(self.high))
        # Middle of the interval first, then the whole of it.
        centre_low, centre_high = max(low, -6.0), min(high, 6.0)
        while len(points) < k:
            lo, hi = (centre_low, centre_high) if len(points) % 3 else (low, high)
            u = rng.random()
            x = mpmath.mpf(lo) + (mpmath.mpf(hi) - mpmath.mpf(lo)) * mpmath.mpf(u)
            if (x > self.low or (self.closed_low and x == self.low)) and (
                x < self.high or (self.closed_high and x == self.high)
            ):
                points.append(x)
        return points[:k]

    @property
    def unbounded(self) -> bool:
        """Whether the domain reaches infinity on one side at least."""
        return self.low == float("-inf") or self.high == float("inf")

    def sample_far(self, rng: random.Random, k: int) -> list[mpmath.mpf]:
        """K points of large magnitude (45 to 1000) on the unbounded sides; elsewhere, ordinary points."""
        if not self.unbounded:
            return self.sample(rng, k)
        sides = [s for s, open_side in ((1, self.high == float("inf")), (-1, self.low == float("-inf"))) if open_side]
        low, high = (mpmath.log10(x) for x in _BEYOND)
        return [rng.choice(sides) * mpmath.mpf(10) ** (low + (high - low) * mpmath.mpf(rng.random())) for _ in range(k)]


def parse_domain(name: str, text: str) -> Domain:
    """``real``, ``positive``, or an interval such as ``(0, 1)`` or ``[0, 1]``."""
    words = {
        "real": Domain(float("-inf"), float("inf"), False, False, "real"),
        "positive": Domain(0.0, float("inf"), False, False, "positive"),
    }
    key = str(text).strip().lower()
    if key in words:
        return words[key]
    match = _INTERVAL.match(str(text))
    if not match:
        raise ValueError(f"symbol {name!r}: domain {text!r} is not 'real', 'positive' or an interval like '(0, 1)'")
    left, low, high, right = match.groups()
    lo, hi = float(low), float(high)
    if not lo < hi:
        raise ValueError(f"symbol {name!r}: domain {text!r} is empty")
    return Domain(lo, hi, left == "[", right == "]", str(text).strip())
