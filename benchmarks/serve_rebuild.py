"""Time from saving a page under ``mkdocs serve`` until the server sends the new page.

    python benchmarks/serve_rebuild.py            (``make bench`` runs it too)

Works on a copy of the project, so the real docs/ is never touched. The first
save after start-up is not counted: it fills the checker's cache for the copy,
as a contributor's first save does.
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = "docs/logistic-regression/dl-dz.md"
URL_PATH = "logistic-regression/dl-dz/"


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


def main(runs: int = 5) -> int:
    """Save the page ``runs + 1`` times with a new marker; print the median time to see it served."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp)
        for name in ["docs", "snippets", "overrides", "mkdocs.yml", "package.json", "package-lock.json", ".cache"]:
            src = ROOT / name
            if src.is_dir():
                shutil.copytree(src, copy / name)
            elif src.exists():
                shutil.copy(src, copy / name)
        (copy / "node_modules").symlink_to(ROOT / "node_modules")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        url = f"http://127.0.0.1:{port}/{URL_PATH}"
        env = dict(
            os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", SITE_URL=f"http://127.0.0.1:{port}/"
        )
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *sys.argv[1:], "-a", f"127.0.0.1:{port}"],
            cwd=copy,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            until(lambda: "step-1-dl-da" in fetch(url))
            page = copy / PAGE
            original = page.read_text()
            seconds = []
            for run in range(runs + 1):
                marker = f"benchmark-marker-{run}"
                page.write_text(original.replace("This page shows where", f"{marker}. This page shows where", 1))
                took = until(lambda marker=marker: marker in fetch(url))
                if run:
                    seconds.append(took)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"page saved under mkdocs serve -> new page served: median {statistics.median(seconds):.2f} s "
        f"over {runs} saves (min {min(seconds):.2f}, max {max(seconds):.2f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
