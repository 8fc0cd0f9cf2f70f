"""The warm build under both builders (``make build`` and ``make zensical`` again, nothing changed), timed.

    python benchmarks/warm_build.py                            both builders, 5 builds each (make bench)
    python benchmarks/warm_build.py --runs 7 --builder zensical
    python benchmarks/warm_build.py --also /tmp/old            and another project (an older version) beside
    python benchmarks/warm_build.py --root /tmp/clean          a project other than this checkout (a clean export)

Each project is copied with its ``.build-cache/`` into a temporary folder. Each variant
(a project and a builder) is built once untimed: that fills what the copy's caches lack
(a cache whose key includes every module of snippets/, Zensical's own ``.cache/``). Then
the variants' builds alternate, round after round, so all are timed on the same busy
machine. Each time is one whole ``python -m pipeline.build BUILDER --site-dir DIR``
process, start-up included, into an emptied site folder: what ``make build`` and
``make zensical`` run, the builder and then the steps after it (Zensical's pages have
their math typeset there). A project older than pipeline/build.py is timed as its
``make build`` was, ``mkdocs build --strict``. CPU is user + system time of the build
and every process it ran, which a busy neighbour disturbs less than the wall clock.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project import ROOT, copy
from run import machine, timed_build

BUILDERS = ("mkdocs", "zensical")
MAKE = {"mkdocs": "make build", "zensical": "make zensical"}


def variants(roots: list[Path], builders: list[str]) -> list[tuple[Path, str]]:
    """Every (project, builder) pair to time; a project without pipeline/build.py has the MkDocs build only."""
    found = []
    for root in roots:
        for builder in builders:
            if builder == "mkdocs" or (root / "pipeline/build.py").is_file():
                found.append((root, builder))
    if not found:
        raise SystemExit(
            f"warm_build: nothing to time: no project among {[str(r) for r in roots]} builds with Zensical"
        )
    return found


def table(rows: list[tuple[str, list[tuple[float, float]]]]) -> str:
    """One line per variant: the median wall-clock time, its min and max, and the median CPU time."""
    width = max(len("variant"), *(len(name) for name, _ in rows))
    lines = [f"{'variant':<{width}}  {'median s':>8}  {'min':>5}  {'max':>5}  {'CPU s':>5}", "-" * (width + 34)]
    for name, times in rows:
        wall = [w for w, _ in times]
        cpu = statistics.median(c for _, c in times)
        lines.append(
            f"{name:<{width}}  {statistics.median(wall):>8.2f}  {min(wall):>5.2f}  {max(wall):>5.2f}  {cpu:>5.2f}"
        )
    return "\n".join(lines)


def main() -> int:
    """Time each variant ``--runs`` times, alternating, and print the table of medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds per variant (default 5)")
    parser.add_argument("--builder", choices=BUILDERS, action="append", help="only this builder (repeatable)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to time (default: this checkout)")
    parser.add_argument("--also", type=Path, action="append", default=[], help="another project to time beside")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error(f"--runs must be at least 1, got {args.runs}")
    roots = [args.root.resolve(), *(p.resolve() for p in args.also)]
    for root in roots:
        if not (root / "mkdocs.yml").is_file():
            parser.error(f"{root}: not a project (it has no mkdocs.yml)")
    timed = variants(roots, args.builder or list(BUILDERS))
    times: dict[tuple[Path, str], list[tuple[float, float]]] = {v: [] for v in timed}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {root: copy(Path(tmp) / f"project-{n}", root=root) for n, root in enumerate(roots)}
        site = Path(tmp) / "site"
        for root, builder in timed:
            timed_build(site, project=projects[root], builder=builder)  # untimed: fills the copy's caches
        for _ in range(args.runs):
            for root, builder in timed:
                shutil.rmtree(site, ignore_errors=True)
                times[(root, builder)].append(timed_build(site, project=projects[root], builder=builder))
    print(f"machine: {machine()}")
    print(f"warm build, median of {args.runs} builds per variant, variants alternating, whole processes\n")
    names = [(f"{MAKE[b]} ({b})" + ("" if r == roots[0] else f", {r}"), times[(r, b)]) for r, b in timed]
    print(table(names))
    return 0


if __name__ == "__main__":
    sys.exit(main())
