"""The verification report, and the home page's counts: every checked block of the site, counted once.

Written at build time by the Markdown extension pipeline/report_fences.py, under any builder,
from the same results that decide whether the build passes (the same check of each page, made
once), so neither can disagree with the checker, nor with each other: the
report's summary and the home page's sentence are both made by ``claim`` from one
``Counts``. The report is deterministic: the built report of a pull request,
diffed against main's, shows what the change did to the checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.document import Block
from checker.numeric import LIMIT, SEEDS
from checker.steps import AGREE, DIGITS, POINTS

# The home page says "[[checks]]" where the counts go (docs/index.md).
PLACEHOLDER = "[[checks]]"
_HOWS = ("symbolic", "numeric", "matrix", "definition")
# The display fences that hold no checked claim, and the wrong lines: each line is one equation shown.
_SHOWN = {"notation": "notation", "derivation-rejected": "rejected", "derivation-unreadable": "unreadable"}


@dataclass
class Checked:
    """One page's checked fences, with where to link them."""

    title: str
    src: str  # the page's path under docs/, as a Markdown link takes it
    blocks: list[Block]
    ids: list[str] = field(default_factory=list)  # each block's id on its page (anchors.py)


@dataclass
class Counts:
    """How many equations the site shows, and how each was checked."""

    pages: int = 0
    symbolic: int = 0
    numeric: int = 0
    matrix: int = 0
    definition: int = 0
    notation: int = 0
    rejected: int = 0
    unreadable: int = 0
    results: int = 0  # numpy results
    examples: int = 0  # of them, checks of one fixed worked example, run once (numeric.py)
    worst: float = 0.0  # the largest relative error of a numpy result
    points: list[int] = field(default_factory=list)  # the points of each numeric-only equality

    @property
    def shown(self) -> int:
        """Every equation a reader sees set on its own line."""
        return sum(getattr(self, name) for name in (*_HOWS, *_SHOWN.values()))


def count(pages: list[Checked]) -> Counts:
    """Count every block of ``pages``: each equality of a derivation by how it was checked, other lines by kind."""
    n = Counts(pages=sum(bool(p.blocks) for p in pages))
    for block in (b for p in pages for b in p.blocks):
        for _, v in block.verdicts:
            how = v.how if v.how in _HOWS else "numeric"
            setattr(n, how, getattr(n, how) + 1)
            if how == "numeric":
                n.points.append(v.points)
        if block.kind in _SHOWN:
            setattr(n, _SHOWN[block.kind], getattr(n, _SHOWN[block.kind]) + len(block.lines))
        n.results += len(block.results)
        n.examples += sum(bool(getattr(r, "example", "")) for r in block.results)
        n.worst = max([n.worst, *(r.worst for r in block.results)])
    return n


def _pages(n: int) -> str:
    return "1 page" if n == 1 else f"{n} pages"


def _equations(n: int) -> str:
    return "1 equation" if n == 1 else f"{n} equations"


def _at(points: list[int]) -> str:
    if not points:
        return "at random points"
    low, high = min(points), max(points)
    return f"at {low} random points" if low == high else f"at {low} to {high} random points"


def claim(n: Counts) -> str:
    """The counts as a Markdown list: the report's summary and the home page's, word for word."""
    items = [
        (n.symbolic, f"proved by algebra (sympy), after agreeing at {POINTS} random points to {AGREE} digits"),
        (n.numeric, f"checked numerically {_at(n.points)} but not proved (sympy could not simplify them)"),
        (n.matrix, "checked as matrices, entry by entry, at random shapes"),
        (n.definition, "definitions, which the lines below them use"),
        (n.notation, "notation, not claims, so not checked"),
        (
            n.rejected + n.unreadable,
            f"wrong lines, shown on purpose and refused by the checker ({n.unreadable} of them cannot be read as math)",
        ),
    ]
    out = [f"- **{number}** {text};" for number, text in items]
    out.append(
        f"- **{n.results}** results computed in numpy and compared with an independent value, "
        f"{SEEDS} random problems each"
        + (f" ({n.examples} of them a fixed worked example instead, checked once)" if n.examples else "")
        + f", worst relative error {n.worst:.1e} (the build fails above {LIMIT:.0e})."
    )
    return "\n".join(out)


def _how(block: Block) -> str:
    hows = [v.how for _, v in block.verdicts]
    said = {"symbolic": "proved by algebra", "matrix": "checked as matrices", "numeric": "numerically, not proved"}
    parts = [f"{hows.count(how)} {text}" for how, text in said.items() if how in hows]
    if "definition" in hows:
        parts.append(f"{hows.count('definition')} definition" + ("s" if hows.count("definition") > 1 else ""))
    return ", ".join(parts)


def _rows(page: Checked) -> list[str]:
    """One row per fence: a derivation's equalities together, each numpy check on its own."""
    rows = []
    for block, anchor in zip(page.blocks, page.ids or [""] * len(page.blocks), strict=True):
        where = f"[{anchor}]({page.src}#{anchor})" if anchor else block.step
        first, last = block.lines[0][0], block.lines[-1][0]
        lines = f"lines {first}–{last}" if last > first else f"line {first}"
        if block.kind == "derivation-rejected":
            rows.append(f"| {where}, {lines} | a wrong line, shown on purpose: refused | |")
        elif block.kind == "derivation-unreadable":
            rows.append(f"| {where}, {lines} | a garbled line, quoted: cannot be read as math | |")
        elif block.kind == "notation":
            rows.append(f"| {where}, {lines} | notation, not a claim | |")
        elif block.kind == "derivation":
            claims = [v.worst for _, v in block.verdicts if v.how != "definition"]
            worst = ("0" if max(claims) == 0 else f"{max(claims):.0e}") if claims else ""
            rows.append(f"| {where}, {lines} | {_how(block)} | {worst} |")
        for line, r in zip((n for n, _ in block.lines), block.results, strict=False):
            name = r.target.rpartition(":")[2]
            runs = f"{r.example}, checked once" if getattr(r, "example", "") else f"{r.runs} problems"
            rows.append(f"| {where}, line {line} | numpy: `{name}`, {runs} | {r.worst:.1e} |")
    return rows


def markdown(pages: list[Checked]) -> str:
    """The report's body: the counts, then one table per page with a checked fence."""
    pages = [p for p in pages if p.blocks]
    n = count(pages)
    out = [
        f"This build shows **{_equations(n.shown)}** on their own lines, on {_pages(n.pages)}:",
        "",
        claim(n),
        "",
        "One row per checked block of a page, linked to the block. Worst is the largest relative difference "
        f"between the two sides over all points (at {DIGITS} digits for equations, in float64 for numpy results).",
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


def sentence(n: Counts) -> str:
    """The counts in one sentence, for the home page: the report's numbers under the report's labels."""
    return (
        f"**{_equations(n.shown)}** on {_pages(n.pages)}: **{n.symbolic}** proved by algebra, "
        f"**{n.numeric}** checked numerically (not proved), **{n.matrix}** checked as matrices, "
        f"**{n.definition}** definitions, **{n.notation}** notation, and **{n.rejected + n.unreadable}** wrong lines "
        f"refused on purpose; and **{n.results}** results computed in numpy, each compared with an independent value."
    )


def home(markdown_text: str, pages: list[Checked]) -> str:
    """The home page with its placeholder replaced by the counts (``sentence``; the report has them as a list)."""
    return markdown_text.replace(PLACEHOLDER, sentence(count([p for p in pages if p.blocks])))
