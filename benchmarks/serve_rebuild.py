"""Time from saving a page under ``mkdocs serve`` until the server sends the new page.

    python benchmarks/serve_rebuild.py              (``make bench`` runs it too)
    python benchmarks/serve_rebuild.py --saves 9
    python benchmarks/serve_rebuild.py --also /tmp/old   and ``mkdocs serve`` of another project (an older version)

Two servers, each in its own copy of the project (the real docs/ is never touched):
``mkdocs serve`` (every page rendered again at each save) and ``mkdocs serve --dirty``
(what ``make serve`` runs: the saved page, and the pages made from every page when
they change). Their saves alternate, so both are timed on the same busy machine.
The first save after start-up is not counted: it fills the checker's cache for the
copy, as a contributor's first save does.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from project import ROOT, copy

PAGE = "docs/logistic-regression/dl-dz.md"
URL_PATH = "logistic-regression/dl-dz/"
VARIANTS = {"mkdocs serve": [], "mkdocs serve --dirty (make serve)": ["--dirty"]}


def fetch(url: str) -> str:
    """The page's HTML, or '' while the server is not answering."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()
    except OSError:
        return ""


def until(condition, limit: float = 120.0) -> float:
    """Seconds until ``condition()`` holds, polled every 20 ms."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > limit:
            raise TimeoutError(f"not done after {limit} s")
        time.sleep(0.02)
    return time.perf_counter() - started


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(project: Path, args: list[str], log) -> tuple[subprocess.Popen, str]:
    """``mkdocs serve`` with ``args`` in ``project``, and the URL of the timed page."""
    port = free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}/")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", *args, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    return server, f"http://127.0.0.1:{port}/{URL_PATH}"


def main() -> int:
    """Save the page ``saves + 1`` times per variant with a new marker; print each variant's median time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=7, help="timed saves per variant (default 7)")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project to copy (default: this checkout)")
    parser.add_argument("--also", type=Path, action="append", default=[], help="another project, its mkdocs serve")
    args = parser.parse_args()
    variants = [(name, args.root, flags) for name, flags in VARIANTS.items()]
    variants += [(f"mkdocs serve of {other}", other, []) for other in args.also]
    seconds: dict[str, list[float]] = {name: [] for name, _, _ in variants}
    with tempfile.TemporaryDirectory() as tmp:
        servers = {}
        try:
            for n, (name, root, flags) in enumerate(variants):
                project = copy(Path(tmp) / f"project-{n}", root=root)
                log = open(Path(tmp) / f"serve-{n}.log", "w")  # closed when the server stops
                servers[name] = (project, *start(project, flags, log))
            for _, _, url in servers.values():
                until(lambda url=url: "step-1-dl-da" in fetch(url), limit=600)
            originals = {name: (project / PAGE).read_text() for name, (project, _, _) in servers.items()}
            for run in range(args.saves + 1):
                for name, (project, _, url) in servers.items():
                    marker = f"benchmark-marker-{run}"
                    edited = originals[name].replace("This page shows where", f"{marker}. This page shows where", 1)
                    (project / PAGE).write_text(edited)
                    took = until(lambda marker=marker, url=url: marker in fetch(url))
                    if run:
                        seconds[name].append(took)
        finally:
            for _, server, _ in servers.values():
                server.terminate()
                server.wait(timeout=30)
    print(f"page saved under mkdocs serve -> new page served, {args.saves} saves each, alternating")
    for name, times in seconds.items():
        print(f"  {name}: median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
