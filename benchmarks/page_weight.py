"""What a reader's browser pays per page: bytes, time until the page is complete, Lighthouse.

    python benchmarks/page_weight.py                 (or ``make bench``)
    python benchmarks/page_weight.py --runs 5 --lighthouse all
    python benchmarks/page_weight.py --lighthouse ,logistic-regression/dl-dz/ --lighthouse-runs 3 \
        --site /tmp/before --site /tmp/after --table targets

Builds the site once with site_url set to a local server, serves it on 127.0.0.1
with gzip for text (as GitHub Pages serves it), and loads every page in Debian's
chromium (through Playwright) with an empty cache. Per page it prints the bytes
transferred (the page's HTML, which carries its math as SVG typeset by MathJax
at build time, and everything else apart) and the time from navigation start to
the load event, when the page and its math are complete: medians of ``--runs``
loads. Then Lighthouse 12.2.3 (from benchmarks/lighthouse/package.json) scores
the pages named by ``--lighthouse`` (default: the dL/dz page) with its default
mobile throttling, and reports the cumulative layout shift.

``--site DIR`` (repeatable) serves sites built beforehand instead of building the
checkout, each on the port of the URL it was built for (its home page's canonical
link: build it with ``SITE_URL=http://127.0.0.1:PORT/``), so variants are compared
in one run: Lighthouse's runs of them are interleaved, and medians are printed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from run import ROOT, build, machine

LIGHTHOUSE = ROOT / "benchmarks/lighthouse/node_modules/.bin/lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Resolves with the time (ms since navigation start) at which MathJax's first typeset ended.
# The math is typeset at build time, so a page is done when it has loaded: the load event's time.
LOADED_AT = """() => performance.getEntriesByType("navigation")[0].loadEventEnd"""


class _Gzip(SimpleHTTPRequestHandler):
    """A static server that compresses text as GitHub Pages does, so the bytes are a reader's bytes."""

    TEXT = (".html", ".js", ".css", ".json", ".svg", ".xml", ".txt", "/")

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not self.path.split("?")[0].endswith(self.TEXT):
            return super().send_head()
        if not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def serve(folder: Path) -> tuple[str, ThreadingHTTPServer]:
    """Build the site into ``folder`` for a server on a free port, and start that server."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    build(folder, site_url=url)
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Gzip, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return url, server


def serve_built(folder: Path) -> tuple[str, ThreadingHTTPServer]:
    """Serve a site built beforehand on the port of the URL it was built for (its home page's canonical link)."""
    home = (folder / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<link rel="canonical" href="(http://127\.0\.0\.1:(\d+)/)"', home)
    if found is None:
        raise SystemExit(f"page_weight: {folder} was not built for http://127.0.0.1:PORT/ (set SITE_URL when building)")
    server = ThreadingHTTPServer(("127.0.0.1", int(found[2])), functools.partial(_Gzip, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return found[1], server


def pages(folder: Path) -> list[str]:
    """Every page of the built site, as a path below the root."""
    found = []
    for html in sorted(folder.rglob("index.html")):
        rel = html.parent.relative_to(folder).as_posix()
        if not rel.startswith(("assets", "search")):
            found.append("" if rel == "." else rel + "/")
    return found


def load(browser, url: str) -> tuple[int, int, float]:
    """One cold load: (bytes of the page's HTML, bytes of everything else, ms until loaded)."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    sizes: list[tuple[str, int]] = []
    # responseBodySize is the encoded (gzip) size: what crossed the network.
    page.on("requestfinished", lambda r: sizes.append((r.url, r.sizes()["responseBodySize"])))
    page.goto(url, wait_until="load")
    loaded = page.evaluate(LOADED_AT)
    page.wait_for_load_state("networkidle")
    context.close()
    html = sum(n for u, n in sizes if u == url)
    return html, sum(n for _, n in sizes) - html, loaded


def lighthouse(url: str, chrome: str) -> dict:
    """Lighthouse's four category scores (0-100) and the cumulative layout shift of one page."""
    out = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--chrome-path={chrome}",
            "--chrome-flags=--headless=new --no-sandbox",
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            "--quiet",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    report = json.loads(out)
    scores = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
    scores["cls"] = report["audits"]["cumulative-layout-shift"]["numericValue"]
    scores["failed"] = [
        a["id"]
        for c in CATEGORIES
        for ref in report["categories"][c]["auditRefs"]
        if (a := report["audits"][ref["id"]])["score"] is not None and a["score"] < 1 and ref["weight"] > 0
    ]
    return scores


def main() -> None:
    """Print the per-page table, then Lighthouse's scores (medians of ``--lighthouse-runs``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="loads per page; the median is printed")
    parser.add_argument(
        "--lighthouse",
        default="logistic-regression/dl-dz/",
        help="page paths separated by commas ('' is the home page), 'all' or 'none'",
    )
    parser.add_argument("--lighthouse-runs", type=int, default=1, help="Lighthouse runs per page; medians are printed")
    parser.add_argument("--site", action="append", type=Path, help="a site built beforehand (repeatable: variants)")
    parser.add_argument("--table", choices=["all", "targets"], default="all", help="pages of the bytes table")
    args = parser.parse_args()
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chrome:
        raise SystemExit("page_weight: Debian's chromium is needed (apt-get install chromium)")
    if args.lighthouse != "none" and not LIGHTHOUSE.exists():
        raise SystemExit("page_weight: run `npm ci --prefix benchmarks/lighthouse` first (make bench does)")
    from playwright.sync_api import sync_playwright

    print(f"machine: {machine()}; chromium at {chrome}; viewport 375 x 812; medians of {args.runs} cold loads")
    with tempfile.TemporaryDirectory() as tmp:
        folders = args.site or [Path(tmp)]
        sites = [(f.name, *(serve_built(f) if args.site else serve(f))) for f in folders]
        found = pages(folders[0])
        targets = {"all": found, "none": []}.get(args.lighthouse, args.lighthouse.split(","))
        table = found if args.table == "all" else targets
        print(f"{'page':<40} {'site':<12} {'HTML kB':>8} {'other kB':>9} {'loaded ms':>10}")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chrome)
            for path in table:
                for name, url, _ in sites:
                    runs = [load(browser, url + path) for _ in range(args.runs)]
                    html, other, loaded = (statistics.median(r[i] for r in runs) for i in range(3))
                    print(f"{'/' + path:<40} {name:<12} {html / 1000:>8.1f} {other / 1000:>9.1f} {loaded:>10.0f}")
            browser.close()
        if targets:
            print(f"\nLighthouse 12.2.3 (default mobile throttling), {', '.join(CATEGORIES)}; CLS", end="")
            print(f"; medians of {args.lighthouse_runs} runs, the sites' runs interleaved")
        for path in targets:
            results: dict[str, list[dict]] = {name: [] for name, _, _ in sites}
            for _ in range(args.lighthouse_runs):
                for name, url, _ in sites:
                    results[name].append(lighthouse(url + path, chrome))
            for name, runs in results.items():
                median = {c: statistics.median(r[c] for r in runs) for c in [*CATEGORIES, "cls"]}
                scores = " ".join(f"{median[c]:>3.0f}" for c in CATEGORIES)
                each = "/".join(str(r["performance"]) for r in runs)
                failed = sorted({a for r in runs for a in r["failed"]})
                line = f"{'/' + path:<40} {name:<12} {scores}  CLS {median['cls']:.3f}  performance {each}"
                print(f"{line}  below 1: {', '.join(failed) or 'none'}")
        for _, _, server in sites:
            server.shutdown()


if __name__ == "__main__":
    main()
