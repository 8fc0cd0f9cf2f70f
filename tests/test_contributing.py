"""CONTRIBUTING.md's examples work as written: the page template passes the checker."""

from __future__ import annotations

import re
import textwrap

from checker.document import check_numeric, check_source
from support import ROOT

TEXT = (ROOT / "CONTRIBUTING.md").read_text()


def _examples() -> list[str]:
    # Fenced with four backticks, perhaps indented inside a list item.
    return [textwrap.dedent(e) for e in re.findall(r"^ *````md\n(.*?)^ *````$", TEXT, re.S | re.M)]


def test_the_page_template_passes_the_checker():
    [template] = [e for e in _examples() if e.startswith("---")]
    found = check_source("template.md", template)
    assert [b.kind for b in found] == ["derivation"]
    assert "{ #step-1-db }" in template and "{ #next }" in template


def test_the_numeric_check_example_names_a_real_check():
    [example] = [e for e in _examples() if "numeric-check" in e]
    [block] = check_numeric("example.md", check_source("example.md", example))
    assert block.results[0].worst < 1e-7


def test_the_fix_a_step_example_is_right():
    [example] = [e for e in _examples() if e.startswith("```derivation\n\\frac{dL}{da}")]
    setup = "```derivation\n\\sigma(z) = \\frac{1}{1 + e^{-z}}\na = \\sigma(z)\n"
    setup += "L = -\\left(y \\log(a) + (1 - y) \\log(1 - a)\\right)\n```\n"
    symbols = '---\nsymbols:\n  z: real\n  a: "(0, 1)"\n  y: "[0, 1]"\n---\n'
    check_source("example.md", symbols + setup + example)
