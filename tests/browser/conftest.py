"""The built site, served on 127.0.0.1 with site_url set to that server, and Debian's chromium.

Without chromium these tests skip on a developer's machine and fail in CI (CI is set).
"""

from __future__ import annotations

import functools
import os
import shutil
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from support import ROOT, mkdocs_build

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


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """(root URL, site folder): a strict build served over HTTP, as a reader gets it."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    folder = tmp_path_factory.mktemp("browser-site")
    result = mkdocs_build(ROOT, folder, site_url=url)
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url, folder
    server.shutdown()


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


def pages(folder: Path) -> list[str]:
    """Every HTML page of the built site, as a path below the root URL."""
    found = []
    for html in sorted(folder.rglob("*.html")):
        rel = html.relative_to(folder).as_posix()
        if rel == "404.html":
            continue
        found.append(rel.removesuffix("index.html"))
    return found
