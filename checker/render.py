"""HTML for a checked fence: the math as written, a quiet one-line mark saying how it was checked, and a link.

The mark, the verdict and the link are left out of the search index (``data-search-exclude``):
search finds the math and the prose, not "proved by algebra" on every page.

Every block gets an id (anchors.py) and a visible ¶ link to itself. A wrong line
(``derivation-rejected``, ``derivation-unreadable``) is shown as wrong: a ✗
before it and the checker's verdict in a learner's words (words.py); the file
and line only in a folded detail.
"""

from __future__ import annotations

import html
import re

from . import words
from .anchors import anchors
from .document import Block, pieces
from .steps import split_equals


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
    rows = [_broken(row) for row in rows]
    return r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"


def _broken(row: str) -> str:
    # A side broken with \\ goes on in the next row, indented under the right-hand side.
    return r" \\ &\qquad ".join(pieces(row))


def math(block: Block) -> str:
    """Display math in the markup pymdownx.arithmatex gives MathJax."""
    return f'<div class="arithmatex">\\[{html.escape(_rows(block), quote=False)}\\]</div>'


def _mark(line: str, details: str) -> str:
    sign = '<span class="step-sign" aria-hidden="true">✓</span> '
    summary = f"<summary>{sign}{html.escape(line)}</summary>"
    return f'<details class="step-check" data-search-exclude>{summary}{details}</details>'


def checked(block: Block) -> str:
    """The fence as a reader sees it: math, then the mark; opened, each equality rendered and how it was checked."""
    items = "".join(
        f"<li>{words.inline(f'{v.lhs} = {v.rhs}')}: {html.escape(words.verdict(v))}</li>" for _, v in block.verdicts
    )
    # An inline formula cannot break: a long one scrolls in the opened mark, which a keyboard can reach.
    opened = f'<div class="scrolls" tabindex="0"><ul>{items}</ul></div>'
    return f'\n<div class="derivation">\n{math(block)}\n{_mark(words.summary(block), opened)}\n</div>\n'


def numeric(block: Block) -> str:
    """A numeric-check fence as a reader sees it: the mark alone; opened, what each check compared."""
    items = "".join(f"<li>{html.escape(words.result(r))}</li>" for r in block.results)
    return f'\n<div class="derivation numeric-check">\n{_mark(words.numpy(block), f"<ul>{items}</ul>")}\n</div>\n'


def _wrong(block: Block, shown: str, verdict: str) -> str:
    """A wrong line: ✗ and the line in a red box, the verdict in words, where the checker said so folded."""
    where = html.escape(words.located(block))
    return (
        f'\n<div class="derivation {block.kind}">\n'
        f'<div class="wrong-line"><span class="wrong-sign" role="img" aria-label="Wrong line">✗</span>{shown}</div>\n'
        f'<p class="wrong-verdict" data-search-exclude>{verdict}</p>\n'
        '<details class="step-check" data-search-exclude>'
        f"<summary>The checker's message</summary><p><code>{where}</code></p></details>\n"
        "</div>\n"
    )


def rejected(block: Block) -> str:
    """A wrong line, marked ✗, and the checker's verdict on it in a learner's words."""
    return _wrong(block, math(block), words.refusal(block))


def unreadable(block: Block) -> str:
    """A garbled line as it was written, marked ✗: it cannot be read as math, and says why.

    Typeset as the forum showed it when its braces balance (MathJax can set it); quoted as code when not.
    """
    written = "\n".join(text for _, text in block.lines)
    shown = math(block) if _balanced(written) else f"<pre><code>{html.escape(written)}</code></pre>"
    return _wrong(block, shown, words.unreadable(block))


def _balanced(tex: str) -> bool:
    depth = 0
    for brace in re.findall(r"(?<!\\)[{}]", tex):
        depth += 1 if brace == "{" else -1
        if depth < 0:
            return False
    return depth == 0


def notation(block: Block) -> str:
    """Display math that is notation (a definition of a symbol, a series with dots), captioned as not a claim.

    One formula a line, each its own row (a line that starts with ``=`` continues the one above),
    so a phone shows each whole.
    """
    lines = [text for _, text in block.lines]
    rows = []
    for text in lines:
        left, *right = split_equals(text)
        rows.append(_broken(f"{left} &" + "".join(f"= {part} " for part in right)))
    one_row = len(lines) == 1 and len(pieces(lines[0])) == 1
    tex = lines[0] if one_row else r"\begin{aligned}" + r" \\ ".join(rows) + r"\end{aligned}"
    return (
        f'\n<div class="derivation notation">\n<div class="arithmatex">\\[{html.escape(tex, quote=False)}\\]</div>\n'
        '<p class="notation-note" data-search-exclude>Notation, not a checked claim.</p>\n</div>\n'
    )


def page(path: str, source: str, found: list[Block], renderers: dict) -> list[str]:
    """Each block of a page as HTML, rendered by ``renderers[kind]``, with its id and a ¶ link to it.

    Raises CheckFailure (from anchors) if a block's id is already taken on the page.
    """
    out = []
    for block, anchor in zip(found, anchors(path, source, found), strict=True):
        body = renderers[block.kind](block)
        start, end = body.find('<div class="derivation'), body.rfind("</div>")
        if start < 0 or end < start:
            raise ValueError(f'the {block.kind} renderer must wrap its block in <div class="derivation ...">')
        # Last: it follows the closed mark on its line (derivations.css).
        link = (
            f'<a class="step-link" href="#{anchor}" title="Link to this step" aria-label="Link to this step" '
            "data-search-exclude>¶</a>"
        )
        body = body[:end] + link + body[end:]
        out.append(body[:start] + f'<div id="{anchor}"' + body[start + len("<div") :])
    return out
