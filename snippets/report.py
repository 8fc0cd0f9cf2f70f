"""The verification report: every checked step and result of the site, as Markdown tables.

Written at build time by the hook from the same results that decide whether the
build passes, so it cannot disagree with the checker. It is deterministic: the
built report of a pull request, diffed against main's, shows what the change did
to the checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown.extensions.toc import slugify

from snippets.derivation.document import Block
from snippets.derivation.numeric import LIMIT, SEEDS
from snippets.derivation.steps import AGREE, POINTS


@dataclass
class Checked:
    """One page's checked fences, with where to link them."""

    title: str
    src: str  # the page's path under docs/, as a Markdown link takes it
    blocks: list[Block]


def _how(block: Block) -> str:
    kinds = [v.how for _, v in block.verdicts]
    parts = [
        f"{n} {label}"
        for label, n in [
            ("sympy proof" + ("s" if kinds.count("symbolic") > 1 else ""), kinds.count("symbolic")),
            ("at points only", kinds.count("numeric")),
            ("definition" + ("s" if kinds.count("definition") > 1 else ""), kinds.count("definition")),
        ]
        if n
    ]
    return ", ".join(parts)


def _rows(page: Checked) -> list[str]:
    """One row per fence: a derivation's equalities together, each numpy check on its own."""
    rows = []
    for block in page.blocks:
        # A heading's id, or its text, which the toc extension turns into the same slug.
        where = f"[{block.step}]({page.src}#{slugify(block.step, '-')})" if block.step != "top of page" else "top"
        first, last = block.lines[0][0], block.lines[-1][0]
        lines = f"lines {first}–{last}" if last > first else f"line {first}"
        if block.kind == "derivation-rejected":
            rows.append(f"| {where}, {lines} | a wrong line, shown on purpose: refused | |")
        elif block.kind == "derivation":
            claims = [v.worst for _, v in block.verdicts if v.how != "definition"]
            worst = ("0" if max(claims) == 0 else f"{max(claims):.0e}") if claims else ""
            rows.append(f"| {where}, {lines} | {_how(block)} | {worst} |")
        for line, r in zip((n for n, _ in block.lines), block.results, strict=False):
            name = r.target.rpartition(":")[2]
            rows.append(f"| {where}, line {line} | numpy: `{name}`, {r.runs} problems | {r.worst:.1e} |")
    return rows


def _count(pages: list[Checked]) -> dict[str, int]:
    verdicts = [v for p in pages for b in p.blocks for _, v in b.verdicts]
    return {
        "symbolic": sum(v.how == "symbolic" for v in verdicts),
        "numeric": sum(v.how == "numeric" for v in verdicts),
        "definition": sum(v.how == "definition" for v in verdicts),
        "rejected": sum(b.kind == "derivation-rejected" for p in pages for b in p.blocks),
        "results": sum(len(b.results) for p in pages for b in p.blocks),
    }


def markdown(pages: list[Checked]) -> str:
    """The report's body: a summary, then one table per page with a checked fence."""
    pages = [p for p in pages if p.blocks]
    n = _count(pages)
    results = [r for p in pages for b in p.blocks for r in b.results]
    worst = max((r.worst for r in results), default=0.0)
    out = [
        f"This build checked **{n['symbolic'] + n['numeric']} equalities** on {len(pages)} pages:",
        "",
        f"- {n['symbolic']} proved by sympy, after agreeing at {POINTS} random points to {AGREE} digits;",
        f"- {n['numeric']} that agree at {POINTS} random points to {AGREE} digits, which sympy did not simplify;",
        f"- {n['definition']} definitions, checked to be finite at random points of their domains;",
        f"- {n['rejected']} wrong lines, shown on purpose, that the checker refuses;",
        f"- {n['results']} results computed in numpy and compared with central differences, "
        f"{SEEDS} random problems each, worst relative error {worst:.1e} (the build fails above {LIMIT:.0e}).",
        "",
        f"One row per checked block of a page; every equality of a block is compared at {POINTS} points. "
        "Worst is the largest relative difference between the two sides over all points "
        "(at 50 digits for equations, in float64 for numpy results).",
    ]
    for page in pages:
        out += [
            "",
            f"## [{page.title}]({page.src}) {{ #{page.src.removesuffix('.md').replace('/', '-')} }}",
            "",
            "| Step | Checked by | Worst |",
            "| --- | --- | --: |",
            *_rows(page),
        ]
    return "\n".join(out) + "\n"
