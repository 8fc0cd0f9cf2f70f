"""Debian's chromium, for the tests that read the served site as a browser does.

Without chromium these tests skip on a developer's machine and fail in CI (CI is set).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from support import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = ROOT / "artifacts" / "screenshots"
# Chromium as root, headless, with nothing that phones home on this closed network.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, driven by Playwright; Playwright never downloads a browser here."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"chromium not found at {CHROMIUM}: CI must install Debian's chromium")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def page_paths() -> list[str]:
    """Every page's path below the root URL, from the source tree: one test per page, named after it."""
    found = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").as_posix().removesuffix(".md")
        found.append("" if rel == "index" else rel.removesuffix("/index") + "/")
    return found


def pages(folder: Path) -> list[str]:
    """Every HTML page of the built site, as a path below the root URL."""
    found = []
    for html in sorted(folder.rglob("*.html")):
        rel = html.relative_to(folder).as_posix()
        if rel == "404.html":
            continue
        found.append(rel.removesuffix("index.html"))
    return found
