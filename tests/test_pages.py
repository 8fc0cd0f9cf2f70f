"""The numerical checks the pages show, run at many random points, and the parser on every step."""

from __future__ import annotations

import numpy as np
import pytest

from checker import canon
from checker.document import blocks, front_matter
from checker.latex import parse
from checker.matrix import MatrixPage
from checker.numeric import worst
from checker.steps import _FUNCTION_LHS, Page, split_equals
from snippets.pages import dl_dz
from support import ROOT

CHECKS = [dl_dz.check_step_1, dl_dz.check_step_2, dl_dz.check_step_3]


@pytest.mark.parametrize("check", CHECKS, ids=lambda f: f.__name__)
@pytest.mark.parametrize("seed", range(10))
def test_page_checks_agree_with_central_differences(check, seed):
    assert worst(check(np.random.default_rng(seed))) < 1e-7


PAGES = sorted((ROOT / "docs").rglob("*.md"))


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_side_of_every_step_parses_to_the_declared_symbols(path):
    source = path.read_text()
    meta, _ = front_matter(source)
    page = Page(meta.get("symbols") or {})
    known = {*page.symbols.values()}
    # The matrix checker reads its own lines (tests/test_matrix.py); notation and quoted garble are not parsed.
    matrices = MatrixPage(meta["shapes"], str(path)) if meta.get("shapes") else None
    found = [b for b in blocks(source) if b.kind not in ("numeric-check", "notation", "derivation-unreadable")]
    # Functions the page defines, such as \sigma(z) = ... or g(z) = ...
    functions = {m[1] for b in found for _, line in b.lines if (m := _FUNCTION_LHS.match(split_equals(line)[0]))}
    for block in found:
        for _, line in block.lines:
            if matrices and matrices.reads(line):
                if block.kind == "derivation" and not line.startswith("="):
                    matrices.check(line)  # as the page's checker does: a matrix definition teaches it the next line
                continue
            for side in split_equals(line.lstrip("=")):
                if not side:
                    continue
                try:
                    expr, rates = parse(side, page.symbols, functions)
                except ValueError:
                    assert block.kind == "derivation-rejected", side
                    continue
                # No side keeps a symbol the parser made up: a(1-a) must not become a call. A loss
                # (L, L_1, L^{(i)}: canon.py holds each to the cross-entropy) is a name of its own.
                if side == split_equals(line)[0] and expr.is_Symbol:
                    known.add(expr)  # a definition's name (z^{[l]} = ...), known from here on
                names = {str(s) for s in expr.free_symbols - known - set(rates) if not canon.is_loss(str(s))}
                assert names <= set(), (side, names)
