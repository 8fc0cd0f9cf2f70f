"""Fixtures: a checker page with the dL/dz page's definitions, and the site, built once and served."""

from __future__ import annotations

import functools
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from checker.steps import Page
from support import LOGISTIC, ROOT, SETUP, mkdocs_build


@pytest.fixture
def page() -> Page:
    """A page with the dL/dz page's symbols and definitions."""
    p = Page(LOGISTIC)
    for line in SETUP:
        p.check(line)
    return p


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    """(root URL, site folder): one strict build for the whole suite, served over HTTP as a reader gets it.

    site_url is the server's own address: Material's instant navigation engages only there.
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    folder = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, folder, site_url=url)
    assert result.returncode == 0, result.stderr
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url, folder
    server.shutdown()
