"""The numbers the home page prints about the checker (pipeline/printed.py): its own settings, read from it."""

from __future__ import annotations

from checker import numeric, sampling


def points() -> int:
    """How many random points a scalar line is first checked at."""
    return sampling.POINTS


def digits() -> int:
    """The digits those points are computed with."""
    return sampling.DIGITS


def agree() -> int:
    """The digits the two sides must agree to."""
    return sampling.AGREE


def seeds() -> int:
    """How many random problems each numpy check runs."""
    return numeric.SEEDS


def limit() -> float:
    """The relative error above which a numpy check fails the build."""
    return numeric.LIMIT
