"""Time the site build and the derivation checker; print medians and the machine they ran on.

    python benchmarks/run.py            (or ``make bench``)
    python benchmarks/run.py --runs 5

Each figure is the median of ``--runs`` runs, so one slow run (a cold disk cache,
a busy neighbour) does not set it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
from project import copy  # noqa: E402

# Material for MkDocs prints its end-of-life notice on every build unless this is set.
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def machine() -> str:
    """The CPU count and model, so figures from different machines are not compared blindly."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass  # not Linux: the count alone still says something
    return f"{os.cpu_count()} CPUs (nproc {len(os.sched_getaffinity(0))}), {model}, Python {sys.version.split()[0]}"


def command(site: Path, builder: str = "mkdocs", project: Path = ROOT) -> list[str]:
    """What ``make build`` (``builder="mkdocs"``) or ``make zensical`` runs in ``project``, building into ``site``.

    ``python -m pipeline.build``: the builder, then the steps after it. A project older than
    pipeline/build.py had ``mkdocs build --strict`` as its ``make build``, and no Zensical build.
    """
    if (project / "pipeline/build.py").is_file():
        return [sys.executable, "-m", "pipeline.build", builder, "--site-dir", str(site)]
    if builder != "mkdocs":
        raise ValueError(f"builder: {project} has no pipeline/build.py, so no {builder!r} build to run")
    return [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]


def build(site: Path, site_url: str | None = None, project: Path = ROOT, builder: str = "mkdocs") -> float:
    """Wall-clock seconds of one build of ``project`` into ``site`` (``command``), start-up included."""
    return timed_build(site, site_url, project, builder)[0]


def timed_build(
    site: Path, site_url: str | None = None, project: Path = ROOT, builder: str = "mkdocs"
) -> tuple[float, float]:
    """(wall-clock, CPU) seconds of one build; CPU is user + system of the build and every process it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        command(site, builder, project),
        cwd=project,
        env=dict(ENV, SITE_URL=site_url) if site_url else ENV,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        output = (done.stdout + done.stderr)[-3000:]
        raise SystemExit(f"{builder} build failed in {project} (exit status {done.returncode}):\n{output}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def check_once(kept: bool) -> None:
    """Check every page under docs/ once and print ``{"seconds": ..., "steps": ...}``.

    Run in a fresh interpreter per run: sympy caches results, and a second pass in
    the same process would time the cache, not the checker.
    """
    from checker import cache
    from checker.document import check_numeric, check_source  # imported before the clock starts

    if kept:
        cache.load_parses(ROOT / cache.FOLDER)  # as after an edit: the other steps' parses are kept

    pages = [(str(p), p.read_text(encoding="utf-8")) for p in sorted((ROOT / "docs").rglob("*.md"))]
    started = time.perf_counter()
    checked = [(path, check_source(path, source)) for path, source in pages]
    seconds = time.perf_counter() - started
    found = [block for _, blocks in checked for block in blocks]
    # As `python -m checker.verify` counts: a rejected fence is one step, else one per verdict.
    steps = sum(1 if b.kind == "derivation-rejected" else len(b.verdicts) for b in found)
    started = time.perf_counter()
    for path, blocks in checked:
        check_numeric(path, blocks)
    numeric = time.perf_counter() - started
    results = sum(len(b.results) for b in found)
    print(json.dumps({"seconds": seconds, "steps": steps, "numeric": numeric, "results": results}))


def checker_run(kept: bool = False) -> dict:
    """One ``check_once`` in a subprocess."""
    flag = "--check-kept" if kept else "--check-once"
    out = subprocess.run(
        [sys.executable, __file__, flag], cwd=ROOT, env=ENV, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.splitlines()[-1])


def main() -> int:
    """Run each measurement ``--runs`` times and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (default 3)")
    parser.add_argument("--check-once", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--check-kept", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check_once or args.check_kept:
        check_once(kept=args.check_kept)
        return 0

    cold, warm, checks, kept = [], [], [], []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            site = Path(tmp) / "site"  # fresh: nothing left from an earlier build
            # Cold: a copy without .build-cache/ (no checked pages, no drawn previews); the checkout's is everyone's.
            project = copy(Path(tmp) / "project", cold=True)
            cold.append(build(site, project=project))
            warm.append(build(site, project=project))  # checked pages answered from the cache, as under `mkdocs serve`
        checks.append(checker_run())
        kept.append(checker_run(kept=True))  # the warm build above left the parses in .build-cache

    steps = checks[0]["steps"]
    check_s = statistics.median(c["seconds"] for c in checks)
    rows = [
        ("make build (pipeline.build mkdocs), cold: no site, no .build-cache/", f"{statistics.median(cold):.2f} s"),
        ("make build again, warm (checks cached)", f"{statistics.median(warm):.2f} s"),
        (f"checker over docs/, uncached ({steps} steps, after imports)", f"{check_s:.2f} s"),
        ("checker per step, uncached", f"{1000 * check_s / max(steps, 1):.0f} ms"),
        (
            "checker per step, parses kept (an edit re-parses its own step only)",
            f"{1000 * statistics.median(c['seconds'] for c in kept) / max(steps, 1):.0f} ms",
        ),
        (
            f"numpy checks, uncached ({checks[0]['results']} results x 10 seeds)",
            f"{statistics.median(c['numeric'] for c in checks):.2f} s",
        ),
    ]
    print(f"machine: {machine()}")
    print(f"medians of {args.runs} runs\n")
    width = max(len(name) for name, _ in rows)
    print(f"{'measurement':<{width}}  median")
    print(f"{'-' * width}  ------")
    for name, value in rows:
        print(f"{name:<{width}}  {value:>6}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
