"""Fixtures: a checker page with the dL/dz page's definitions."""

from __future__ import annotations

import pytest

from snippets.derivation.steps import Page
from support import LOGISTIC, SETUP


@pytest.fixture
def page() -> Page:
    """A page with the dL/dz page's symbols and definitions."""
    p = Page(LOGISTIC)
    for line in SETUP:
        p.check(line)
    return p
