"""A warm ``mkdocs build --strict`` (``make build`` again, nothing changed), timed, for one project or several.

    python benchmarks/warm_build.py                          this checkout, 5 builds
    python benchmarks/warm_build.py --runs 7 --also /tmp/old  and another project (an older version), alternately

Each project is copied with its ``.build-cache/`` into a temporary folder and built once
untimed (a copy of a cache whose key includes every module of snippets/ may need
to fill it); then the projects' builds alternate, so all are timed on the same busy
machine. Each time is a whole ``python -m mkdocs build --strict`` process, start-up
included, into an emptied site folder, as ``make build`` is.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project import ROOT, copy
from run import build, machine


def main() -> int:
    """Print the median warm build of each project."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds per project (default 5)")
    parser.add_argument("--also", type=Path, action="append", default=[], help="another project to time beside")
    args = parser.parse_args()
    roots = [ROOT, *args.also]
    seconds: dict[Path, list[float]] = {root: [] for root in roots}
    with tempfile.TemporaryDirectory() as tmp:
        projects = {root: copy(Path(tmp) / f"project-{n}", root=root) for n, root in enumerate(roots)}
        for project in projects.values():
            build(Path(tmp) / "site", project=project)  # fills what the copy's cache lacks
        for _ in range(args.runs):
            for root, project in projects.items():
                seconds[root].append(build(Path(tmp) / "site", project=project))
    print(f"machine: {machine()}")
    print(f"mkdocs build --strict, warm, median of {args.runs} (alternating):")
    for root, times in seconds.items():
        print(f"  {root}: {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
