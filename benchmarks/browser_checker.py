"""What "Check your own step" costs a reader: bytes before and after the click, time to the first answer, per check.

    python benchmarks/browser_checker.py                       (builds the checkout, 3 runs)
    python benchmarks/browser_checker.py --site /tmp/s --runs 3 --throttle

Builds the site (or serves ``--site``, built for http://127.0.0.1:PORT/) with page_weight.py's
server, which gzips text as GitHub Pages does (``.mjs`` included); the wasm is shipped gzipped
already, and the zips are compressed: the bundle's raw size (manifest.json) is what a host that
compresses nothing sends. Each run is a cold
browser (Debian's chromium, 375 px, empty cache): it loads dl-dz, touches the page (Material's
scripts, and the box's, load on the first touch), then types the forum post's common
denominator, presses the button and times the answer; then checks five more lines, one at a
time. ``--throttle`` adds Chromium's emulation of a phone: 4x slower CPU, 10 Mbit/s down,
40 ms latency. Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import page_weight
from run import machine

CHROMIUM = "/usr/bin/chromium"
PAGE = "logistic-regression/dl-dz/"
FIRST = r"\frac{dL}{da} = \frac{(1-a)}{a\times(1-a)} + \frac{a\times(1-a)}{a\times(1-a)}"
NEXT = [
    r"\frac{dL}{da} = \frac{-y(1 - a)}{a(1 - a)} + \frac{a(1 - y)}{a(1 - a)}",
    r"\frac{dL}{dz} = a - y",
    r"\frac{da}{dz} = a(1 - a)",
    r"\frac{dL}{dz} = a + y",
    r"\frac{dL}{da} = \frac{a - y}{a(1 - a)}",
]


class _Gzip(page_weight._Gzip):
    TEXT = (*page_weight._Gzip.TEXT, ".mjs")


def _answer(page, text: str, timeout_ms: int = 600_000) -> float:
    page.fill("#check-step-input", text)
    started = time.perf_counter()
    page.click(".check-step button")
    page.wait_for_function("document.querySelector('.check-step').dataset.state !== 'checking'", timeout=timeout_ms)
    return time.perf_counter() - started


def run(browser, url: str, throttle: bool) -> dict:
    """One cold reader: bytes (on the wire and raw) before and after the click, seconds to each answer."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    if throttle:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": 40, "downloadThroughput": 10e6 / 8, "uploadThroughput": 5e6 / 8},
        )
    fetched: list[tuple[str, int]] = []
    context.on("requestfinished", lambda r: fetched.append((r.url, r.sizes()["responseBodySize"])))
    page.goto(url + PAGE, wait_until="load")
    page.focus("#check-step-input")  # the first touch: Material's scripts and the box's
    page.wait_for_function("typeof document$ !== 'undefined'")
    page.wait_for_load_state("networkidle")
    before = list(fetched)
    first = _answer(page, FIRST)
    state = page.get_attribute(".check-step", "data-state")
    answer = page.inner_text(".check-step-answer")
    after = fetched[len(before) :]
    checks = [_answer(page, text) for text in NEXT]
    context.close()
    return {
        "before": sum(n for _, n in before),
        "after": sum(n for _, n in after),
        "after_files": sorted({u.rsplit("/", 1)[-1] for u, _ in after}),
        "first": first,
        "check": statistics.median(checks),
        "answer": f"[{state}] {answer}",
    }


def box_bytes(site: Path) -> dict:
    """The bytes the box adds to dl-dz before any click: its HTML (in the page) and its script, raw and gzipped."""
    import gzip
    import re

    html = (site / PAGE / "index.html").read_text(encoding="utf-8")
    section = re.search(r'<section class="check-step".*?</section>', html, re.S)[0]
    without = html.replace(section, "")
    script = (site / "javascripts/check-step.js").read_bytes()
    page_gzip = len(gzip.compress(html.encode(), 6)) - len(gzip.compress(without.encode(), 6))
    return {
        "html": len(section.encode()),
        "html_gzip": page_gzip,
        "script": len(script),
        "script_gzip": len(gzip.compress(script, 6)),
    }


def main() -> None:
    """Serve the site, run the cold readers, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site built for http://127.0.0.1:PORT/ (default: build one)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--throttle", action="store_true", help="also a throttled phone (4x CPU, 10 Mbit/s)")
    args = parser.parse_args()
    page_weight._Gzip = _Gzip  # serve() and serve_built() use it
    scratch = None
    if args.site:
        url, server = page_weight.serve_built(args.site)
        site = args.site
    else:
        scratch = tempfile.TemporaryDirectory()
        site = Path(scratch.name) / "site"
        url, server = page_weight.serve(site)
    manifest = json.loads((site / "assets/checker/manifest.json").read_text())
    from playwright.sync_api import sync_playwright

    print(f"# browser_checker, {machine()}")
    print(f"bundle: {manifest['bytes'] / 1e6:.1f} MB raw, {manifest['gzip'] / 1e6:.1f} MB gzipped (manifest.json)")
    for name, (raw, packed) in manifest["files"].items():
        print(f"  {name}: {raw / 1e6:.2f} MB raw, {packed / 1e6:.2f} MB gzipped")
    print("the box on dl-dz before any click:", box_bytes(site))
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for throttle in [False, True] if args.throttle else [False]:
            runs = [run(browser, url, throttle) for _ in range(args.runs)]
            label = "throttled (4x CPU, 10 Mbit/s, 40 ms)" if throttle else "desktop (no throttling)"
            print(f"\n## {label}, median of {args.runs} cold runs")
            for key, unit in [("before", "bytes before the click"), ("after", "bytes after the click (wire)")]:
                print(f"{unit}: {statistics.median(r[key] for r in runs) / 1e6:.2f} MB")
            print(
                f"first answer: {statistics.median(r['first'] for r in runs):.2f} s (each: "
                + ", ".join(f"{r['first']:.2f}" for r in runs)
                + ")"
            )
            print(f"per check after it: {statistics.median(r['check'] for r in runs) * 1000:.0f} ms")
            print(f"files after the click: {', '.join(runs[0]['after_files'])}")
            print(f"answer: {runs[0]['answer']}")
        browser.close()
    server.shutdown()
    if scratch:
        scratch.cleanup()


if __name__ == "__main__":
    main()
