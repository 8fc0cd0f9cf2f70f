"""``make serve`` (``mkdocs serve --dirty``) in a copy of the project: a save renders that page, and nothing goes stale.

One real server for the module; each test saves pages of its copy, reads the server's
log for the rebuild, and fetches what the server sends. Each test puts back what it changed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from support import ROOT, copy_project

PAGE = "docs/logistic-regression/dl-dz.md"
DONE, FAILED = "Reloading browsers", "An error happened during the rebuild"


def _serve_flags() -> list[str]:
    """The flags `make serve` gives `mkdocs serve`, other than the address."""
    recipe = re.search(r"^serve:.*\n\t(.*)$", (ROOT / "Makefile").read_text(), re.M)[1]
    return re.search(r"mkdocs serve (.*?) ?-a ", recipe)[1].split()


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode()


class Served:
    """A running ``mkdocs serve`` in ``project``, its log, and saves that wait for their rebuild."""

    def __init__(self, project: Path, url: str, log: Path):
        self.project, self.url, self.log = project, url, log
        self.searchable: set[str] = set()  # the pages in the search index after the first build

    def read(self, name: str) -> str:
        return (self.project / name).read_text()

    def save(self, name: str, text: str, limit: float = 300) -> str:
        """Write ``text`` to ``name``; the server's log of the rebuild it started, once that rebuild ended."""
        start = len(self.log.read_text())
        (self.project / name).write_text(text)
        waited = time.perf_counter()
        while time.perf_counter() - waited < limit:
            out = self.log.read_text()[start:]
            if DONE in out or FAILED in out:
                return out
            time.sleep(0.05)
        raise TimeoutError(f"no rebuild ended within {limit} s of saving {name}:\n{out}")

    def get(self, path: str) -> str:
        return _fetch(self.url + path)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("serve")
    project = copy_project(tmp)
    # Its entries are keyed by what they depend on: a warm start, as a contributor's.
    if (ROOT / ".build-cache").is_dir():
        shutil.copytree(ROOT / ".build-cache", project / ".build-cache")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", SITE_URL=url)
    log = tmp / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *_serve_flags(), "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        started = time.perf_counter()
        while DONE not in log.read_text() and "Serving on" not in log.read_text():
            assert server.poll() is None, log.read_text()
            assert time.perf_counter() - started < 600, log.read_text()
            time.sleep(0.2)
        served = Served(project, url, log)
        served.searchable = _searchable(served)  # after the first build, which renders every page
        yield served
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_make_serve_is_dirty():
    assert "--dirty" in _serve_flags()


def test_a_wrong_step_saved_fails_the_rebuild_with_file_line_step_and_values_every_time(served):
    original = served.read(PAGE)
    wrong = original.replace("= a - y\n```", "= y - a\n```", 1)
    line = original[: original.index("= a - y\n```")].count("\n") + 1
    try:
        for _ in range(2):  # saved again: checked again, not answered from what the last rebuild kept
            out = served.save(PAGE, wrong)
            assert FAILED in out and DONE not in out
            assert f"docs/logistic-regression/dl-dz.md:{line}: step 'step-3-dl-dz'" in out
            assert "the two sides differ at" in out and "but y - a = " in out
            out = served.save(PAGE, original.replace("This page shows where", "fixed-7391. This page shows where"))
            assert DONE in out and "fixed-7391" in served.get("logistic-regression/dl-dz/")
    finally:
        served.save(PAGE, original)


def _searchable(served: Served) -> set[str]:
    """The pages the server's search index has entries for."""
    return {doc["location"].split("#")[0] for doc in json.loads(served.get("search/search_index.json"))["docs"]}


def _count(html: str, label: str) -> int:
    return int(re.search(rf"<strong>(\d+)</strong> {label}", html)[1])


def test_a_saved_block_is_counted_on_the_home_page_and_in_the_report_and_every_page_stays_searchable(served):
    assert len(served.searchable) > 20
    home, report = served.get(""), served.get("verification/")
    original = served.read(PAGE)
    added = original + "\nsearchable-5120 notation below.\n\n```notation\na = \\sigma(z)\n```\n"
    line = added.count("\n") - 1  # the fence's one line
    try:
        assert DONE in served.save(PAGE, added)
        assert _count(served.get(""), "notation") == _count(home, "notation") + 1
        new_report = served.get("verification/")
        assert _count(new_report, "notation, not claims") == _count(report, "notation, not claims") + 1
        section = new_report[new_report.index('id="logistic-regression-dl-dz"') :]
        section = section[: section.index("<h2")]
        assert f"line {line}</td>\n<td>notation, not a claim" in section
        # Three pages rendered again (this one, the home page, the report): the index still holds every page.
        index = json.loads(served.get("search/search_index.json"))["docs"]
        assert {doc["location"].split("#")[0] for doc in index} == served.searchable
        assert any("searchable-5120" in doc["text"] for doc in index if doc["location"].startswith("logistic-"))
        assert len([d for d in index if d["location"] == ""]) == 1  # the home page's entry, once
    finally:
        served.save(PAGE, original)
    assert _count(served.get(""), "notation") == _count(home, "notation")


def test_a_link_to_an_anchor_of_a_page_not_rendered_again_is_still_checked(served):
    original = served.read(PAGE)
    linked = original.replace(
        "This page shows where",
        "See [this](dl-dw-db.md#no-such-anchor-4410) and [that](dl-dw-db.md#setup). This page shows where",
        1,
    )
    try:
        out = served.save(PAGE, linked)
        assert DONE in out
        assert "the doc 'logistic-regression/dl-dw-db.md' does not contain an anchor '#no-such-anchor-4410'" in out
        assert "#setup'" not in out
    finally:
        served.save(PAGE, original)


def test_a_changed_nav_title_is_on_every_page(served):
    original = served.read("mkdocs.yml")
    assert "- dL/dw and dL/db: logistic-regression/dl-dw-db.md" in original
    renamed = original.replace("- dL/dw and dL/db:", "- dL/dw and dL/db, renamed 8812:", 1)
    try:
        assert DONE in served.save("mkdocs.yml", renamed)
        for path in ["", "networks/softmax/", "logistic-regression/dl-dz/"]:
            assert "renamed 8812" in served.get(path), path
    finally:
        served.save("mkdocs.yml", original)
