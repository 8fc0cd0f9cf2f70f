"""HTML for a checked fence: the math as written, and a quiet mark saying how it was checked."""

from __future__ import annotations

import html

from .document import Block
from .steps import AGREE, POINTS, split_equals


def _rows(block: Block) -> str:
    rows = []
    for _, text in block.lines:
        parts = split_equals(text[1:]) if text.startswith("=") else split_equals(text)
        if not text.startswith("="):
            rows.append(f"{parts[0]} &= {parts[1]}")
            parts = parts[2:]
        else:
            rows.append(f"&= {parts[0]}")
            parts = parts[1:]
        rows += [f"&= {part}" for part in parts]
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def math(block: Block) -> str:
    """Display math in the markup pymdownx.arithmatex gives MathJax."""
    return f'<div class="arithmatex">\\[{html.escape(_rows(block), quote=False)}\\]</div>'


def summary(block: Block) -> str:
    """The mark's one line: how many equalities sympy proved, and the points."""
    kinds = [v.how for _, v in block.verdicts]
    claims = [k for k in kinds if k != "definition"]
    if not claims:
        return "Definition: checked to be finite at random points of its domain"
    proved = claims.count("symbolic")
    told = f"sympy proves {proved} of {len(claims)}" if proved else "sympy proves none"
    return f"Checked when the site was built: {told}; {POINTS} random points agree to {AGREE} digits"


def checked(block: Block) -> str:
    """The fence as a reader sees it: math, then the mark, folded open on request."""
    details = "".join(
        f"<li><code>{html.escape(v.lhs)} = {html.escape(v.rhs)}</code>: {html.escape(v.describe())}</li>"
        for _, v in block.verdicts
    )
    return (
        f'\n<div class="derivation">\n{math(block)}\n'
        f'<details class="step-check"><summary><span aria-hidden="true">✓</span> {html.escape(summary(block))}'
        f"</summary><ul>{details}</ul></details>\n</div>\n"
    )


def numeric(block: Block) -> str:
    """A numeric-check fence as a reader sees it: the mark alone, listing each check."""
    worst = max(r.worst for r in block.results)
    runs = sum(r.runs for r in block.results)
    line = f"Checked in numpy when the site was built: {runs} random problems; worst relative error {worst:.1e}"
    details = "".join(
        f"<li><code>{html.escape(r.target)}</code>: {html.escape(r.describe())}</li>" for r in block.results
    )
    return (
        f'\n<div class="derivation numeric-check">\n<details class="step-check"><summary>'
        f'<span aria-hidden="true">✓</span> {html.escape(line)}</summary><ul>{details}</ul></details>\n</div>\n'
    )


def rejected(block: Block) -> str:
    """A wrong line, and the checker's own message for it."""
    return (
        f'\n<div class="derivation derivation-rejected">\n{math(block)}\n'
        '<div class="admonition failure"><p class="admonition-title">The checker rejects this line</p>'
        f"<pre><code>{html.escape(block.rejection)}</code></pre></div>\n</div>\n"
    )


def notation(block: Block) -> str:
    """Display math that is notation (a definition of a symbol, a series with dots), captioned as not a claim.

    One formula a line, each its own row (a line that starts with ``=`` continues the one above),
    so a phone shows each whole.
    """
    lines = [text for _, text in block.lines]
    rows = []
    for text in lines:
        left, *right = split_equals(text)
        rows.append(f"{left} &" + "".join(f"= {part} " for part in right))
    tex = lines[0] if len(lines) == 1 else r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"
    return (
        f'\n<div class="derivation notation">\n<div class="arithmatex">\\[{html.escape(tex, quote=False)}\\]</div>\n'
        '<p class="notation-note">Notation, not a checked claim: shown, and not checked by the build.</p>\n</div>\n'
    )
