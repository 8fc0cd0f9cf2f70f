"""The browser checker's bundle (pipeline/browser_checker.py): what it ships, from where, and its size on the button."""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from pipeline import browser_checker
from support import ROOT


@pytest.fixture(scope="module")
def bundle() -> Path:
    return browser_checker.bundle()


def test_the_checker_ships_what_reader_step_imports_and_nothing_that_needs_numpy_or_yaml():
    shipped = browser_checker.modules()
    assert {"reader_step", "steps", "latex", "domain", "matrix", "display"} <= set(shipped)
    assert not {"document", "numeric", "cache", "words", "verify"} & set(shipped)
    for name in shipped:
        source = (ROOT / "checker" / f"{name}.py").read_text()
        assert "import numpy" not in source and "import yaml" not in source and "snippets" not in source, name


def test_a_missing_module_is_named(monkeypatch, tmp_path):
    (tmp_path / "reader_step.py").write_text("from .gone import x\n")
    monkeypatch.setattr(browser_checker, "CHECKER", tmp_path)
    with pytest.raises(browser_checker.BundleError, match=r"checker/gone\.py: imported by the browser's checker"):
        browser_checker.modules()


def test_the_checkers_source_is_the_same_file_and_every_module_is_compiled(bundle):
    with zipfile.ZipFile(bundle / "site-packages.zip") as archive:
        names = set(archive.namelist())
        for name in browser_checker.modules():
            assert archive.read(f"checker/{name}.py") == (ROOT / "checker" / f"{name}.py").read_bytes()
            pyc = archive.read(f"checker/__pycache__/{name}.cpython-314.pyc")
            assert int.from_bytes(pyc[4:8], "little") == 0b01, name  # hash-based, unchecked: no compile
        assert "sympy/__init__.pyc" in names and "sympy/__init__.py" not in names
        assert "sympy/parsing/latex/_antlr/latexparser.pyc" in names
        assert not [n for n in names if "/tests/" in n]
        for dist in ("sympy-1.14.0", "mpmath-1.3.0", "antlr4_python3_runtime-4.11.1"):
            assert f"{dist}.dist-info/METADATA" in names  # importlib.metadata: the LaTeX parser asks antlr4's version


def test_the_wasm_is_pyodides_own_gzipped(bundle):
    shipped = gzip.decompress((bundle / "pyodide.asm.wasm.gz").read_bytes())
    assert shipped == (ROOT / "node_modules/pyodide/pyodide.asm.wasm").read_bytes()
    assert not (bundle / "pyodide.asm.wasm").exists()


def test_the_lock_file_has_pyodides_real_info_and_no_package(bundle):
    real = json.loads((ROOT / "node_modules/pyodide/pyodide-lock.json").read_text())
    assert json.loads((bundle / "pyodide-lock.json").read_text()) == {"info": real["info"], "packages": {}}


def test_the_manifest_counts_every_file(bundle):
    manifest = json.loads((bundle / "manifest.json").read_text())
    files = sorted(p.name for p in bundle.iterdir() if p.name != "manifest.json")
    assert sorted(manifest["files"]) == files
    assert manifest["bytes"] == sum((bundle / name).stat().st_size for name in files)
    assert manifest["python"].startswith("3.14")


def test_bundles_unused_for_a_day_are_removed_and_others_kept(tmp_path):
    for name, age in [("old", 2 * 24 * 3600), ("recent", 3600)]:
        (tmp_path / name).mkdir()
        (tmp_path / name / "manifest.json").write_text("{}")
        os.utime(tmp_path / name / "manifest.json", (time.time() - age, time.time() - age))
    (tmp_path / "wheels").mkdir()
    browser_checker._prune(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recent", "wheels"]


def test_a_wheel_that_is_not_the_pinned_one_is_refused_and_removed(tmp_path):
    for name in browser_checker.WHEELS:
        (tmp_path / name).write_bytes(b"not the wheel")
    with pytest.raises(browser_checker.BundleError, match="sha256 is not the pinned"):
        browser_checker._wheels(tmp_path)
    assert len(list(tmp_path.iterdir())) == len(browser_checker.WHEELS) - 1


def test_the_step_puts_the_bundle_in_the_site_and_its_size_on_the_buttons(bundle, tmp_path):
    page = tmp_path / "a" / "index.html"
    page.parent.mkdir()
    data = {"symbols": {"a": "(0, 1)"}, "definitions": ['L = "x"']}
    page.write_text(
        f'<section class="check-step" data-page="{html.escape(json.dumps(data))}">'
        '<button>Check (downloads about <span class="check-step-mb">20</span> MB once)</button></section>'
    )
    (tmp_path / "other.html").write_text("<p>no box</p>")
    browser_checker.step(tmp_path, "zensical")
    size = browser_checker.megabytes(json.loads((bundle / "manifest.json").read_text()))
    written = page.read_text()
    assert f'<span class="check-step-mb">{size}</span>' in written and "data-page=" not in written
    name = re.search(r'data-page-file="([0-9a-f]{16}\.json)"', written)[1]
    assert json.loads((tmp_path / "assets/checker/pages" / name).read_text()) == data
    assert (tmp_path / "other.html").read_text() == "<p>no box</p>"
    shipped = {p.name for p in (tmp_path / "assets/checker").iterdir()}
    assert shipped == {p.name for p in bundle.iterdir()} | {"pages"}
    page.write_text('<section class="check-step"><span class="check-step-mb">20</span></section>')
    with pytest.raises(browser_checker.BundleError, match="without its page's data"):
        browser_checker.step(tmp_path, "mkdocs")
    shutil.rmtree(tmp_path / "assets")
