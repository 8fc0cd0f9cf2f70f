r"""A stable id for every checked block of a page, so a forum answer can link one step.

The id is the heading the block sits under and the block's place under it
(``step-1-dl-da-2``: the second block under ``## Step 1 { #step-1-dl-da }``), so
it stays the same when lines elsewhere on the page change. An author can name a
block on its fence instead: ```` ```derivation {#common-denominator-line} ````.
Either way, an id that a heading or another block of the page already has is an
error naming the file and line.
"""

from __future__ import annotations

import re
from collections import Counter

from markdown.extensions.toc import slugify

from .document import _HEADING, _OPEN, Block, CheckFailure

_ID = re.compile(r"#([A-Za-z][\w-]*)")
_TOP = "top of page"  # document.blocks' step for a block above the first heading


def _slug(step: str) -> str:
    # A heading's explicit id, or its text, which the toc extension turns into the same slug.
    return "top" if step == _TOP else slugify(step, "-")


def headings(source: str) -> set[str]:
    """The ids the page's headings get: their ``{ #id }``, or the slug of their text."""
    found = set()
    for line in source.splitlines():
        heading = _HEADING.match(line)
        if heading:
            found.add(heading["id"] or slugify(heading["text"], "-"))
    return found


def explicit(path: str, block: Block) -> str | None:
    """The id written on the block's opening fence, ``{#name}``, if any; CheckFailure if the braces hold more."""
    opening = _OPEN.match(block.raw.splitlines()[0])
    attrs = opening["attrs"] if opening else None
    if attrs is None:
        return None
    named = _ID.fullmatch(attrs.strip())
    if not named:
        raise CheckFailure(
            path,
            block.line,
            block.step,
            f"the fence's {{{attrs}}} should be an id, {{#a-name}}: a letter, then letters, digits, - or _",
        )
    return named[1]


def anchors(path: str, source: str, found: list[Block]) -> list[str]:
    """One id per block of ``found`` (document.blocks of ``source``), in order.

    Raises CheckFailure if an id is a heading's or another block's.
    """
    taken, under, out = headings(source), Counter(), []
    for block in found:
        base = _slug(block.step)
        under[base] += 1  # every block counts, named or not: naming one renumbers none
        anchor = explicit(path, block) or f"{base}-{under[base]}"
        if anchor in taken:
            raise CheckFailure(
                path,
                block.line,
                block.step,
                f"the block's id #{anchor} is already used on this page (by a heading or another block): "
                "give the fence its own id, ```derivation {#a-new-name}",
            )
        taken.add(anchor)
        out.append(anchor)
    return out
