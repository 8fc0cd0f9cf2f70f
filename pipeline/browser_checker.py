"""The checker for the reader's browser: Pyodide, sympy and the site's own checker, under ``assets/checker/``.

A step after the build (pipeline/build.py's ``AFTER``, under MkDocs and Zensical alike): the
"Check your own step" box (pipeline/check_box.py) fetches these files only when a reader asks.

- the Pyodide runtime from the npm package pinned in package.json: ``pyodide.mjs``,
  ``pyodide.asm.mjs``, ``pyodide.asm.wasm`` (gzipped, as ``.wasm.gz``: GitHub Pages may not compress
  wasm), ``python_stdlib.zip``, and a lock file that lists no
  package (Pyodide reads its ``info``, which must be the real one, and fetches nothing else);
- ``site-packages.zip``: the pinned wheels of sympy, mpmath and antlr4 from PyPI (checked
  against their sha256), and checker/reader_step.py with the checker's modules it imports,
  copied from checker/ at build time (one source), every module compiled to .pyc by the same
  Pyodide in Node (pipeline/browser_checker.mjs), so that the browser does not compile them;
- ``manifest.json``: each file's bytes, raw and gzipped (as GitHub Pages serves them).

The bundle is kept in ``.build-cache/browser-checker/<key>/``, the key hashing the runtime's
files, the wheels, the checker's modules and the code that builds it; the folder is the one
beside the real ``node_modules`` (a test's copy of the project links it), so copies share it.
The pages' button says how much the download is: the step writes it into each page's box, and moves
the page's data out of the page into ``pages/<hash>.json`` (fetched with the checker).
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYODIDE = ROOT / "node_modules" / "pyodide"
RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
WASM = "pyodide.asm.wasm"  # shipped as pyodide.asm.wasm.gz; check-step-worker.js answers Pyodide's fetch of it
# The versions the build's checker runs (requirements.txt), as PyPI's pure-Python wheels.
WHEELS = {
    "sympy-1.14.0-py3-none-any.whl": "e091cc3e99d2141a0ba2847328f5479b05d94a6635cb96148ccb3f34671bd8f5",
    "mpmath-1.3.0-py3-none-any.whl": "a0b2b9fe80bbcd81a6647ff13108738cfb482d481d826cc0e02f5b35e5c88d2c",
    "antlr4_python3_runtime-4.11.1-py3-none-any.whl": (
        "ff1954eda1ca9072c02bf500387d0c86cb549bef4dbb3b64f39468b547ec5f6b"
    ),
}
_REQUIREMENTS = ("sympy==1.14.0", "mpmath==1.3.0", "antlr4-python3-runtime==4.11.1")
CHECKER = ROOT / "checker"
ENTRY = "reader_step"
FOLDER = "assets/checker"
_IMPORT = re.compile(r"^\s*from \.(\w*) import ([\w, ]+)", re.M)  # from .x import y; from . import x, y as z
# The box's size, as check_box.py writes it before this step knows it.
_SIZE = re.compile(r'(<span class="check-step-mb">)[^<]*(</span>)')
_DATA = re.compile(r' data-page="([^"]*)"')


class BundleError(ValueError):
    """The bundle could not be made: a wheel that does not match, Pyodide missing, a module that does not compile."""


def modules(entry: str = ENTRY) -> list[str]:
    """The checker's modules the browser needs: ``entry`` and every module of checker/ it imports, at any depth."""
    found, todo = set(), [entry]
    while todo:
        name = todo.pop()
        if name in found:
            continue
        source = CHECKER / f"{name}.py"
        if not source.is_file():
            raise BundleError(f"checker/{name}.py: imported by the browser's checker, and missing")
        found.add(name)
        for module, names in _IMPORT.findall(source.read_text(encoding="utf-8")):
            todo += [module] if module else [n.split()[0] for n in names.split(",")]
    return sorted(found | {"__init__"})


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cache() -> Path:
    return PYODIDE.resolve().parent.parent / ".build-cache" / "browser-checker"


def _key() -> str:
    missing = [name for name in RUNTIME if not (PYODIDE / name).is_file()]
    if missing:
        raise BundleError(f"{PYODIDE}: no {', '.join(missing)}: run npm ci (package.json pins pyodide)")
    digest = hashlib.sha256()
    for path in [*(PYODIDE / n for n in RUNTIME), PYODIDE / "pyodide-lock.json", Path(__file__).with_suffix(".mjs")]:
        digest.update(path.name.encode() + _sha256(path).encode())
    digest.update(json.dumps(sorted(WHEELS.items())).encode() + Path(__file__).read_bytes())
    for name in modules():
        digest.update(name.encode() + (CHECKER / f"{name}.py").read_bytes())
    return digest.hexdigest()[:20]


def _wheels(folder: Path) -> None:
    """The pinned wheels into ``folder``, from PyPI (kept: a later build downloads nothing), sha256 checked."""
    if not all((folder / name).is_file() for name in WHEELS):
        folder.mkdir(parents=True, exist_ok=True)
        # Into a folder of its own, then renamed into place: a build running at the same time never reads half a wheel.
        with tempfile.TemporaryDirectory(dir=folder) as scratch:
            command = [sys.executable, "-m", "pip", "download", "--disable-pip-version-check", "--quiet", "--no-deps"]
            command += ["--only-binary=:all:", "-d", scratch, *_REQUIREMENTS]
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                raise BundleError(f"pip download {' '.join(_REQUIREMENTS)} failed: {done.stderr.strip()[-800:]}")
            for wheel in Path(scratch).glob("*.whl"):
                wheel.replace(folder / wheel.name)
    for name, expected in WHEELS.items():
        if _sha256(folder / name) != expected:
            (folder / name).unlink()
            raise BundleError(f"{folder / name}: sha256 is not the pinned {expected}; removed, build again")


# A bundle no build has used for this long is of a checker that has changed since: removed (15 MB each).
_UNUSED = 24 * 3600


def _prune(cache: Path) -> None:
    """Remove the bundles (with their manifest) that no build has used for a day."""
    for manifest in cache.glob("*/manifest.json"):
        if time.time() - manifest.stat().st_mtime > _UNUSED:
            shutil.rmtree(manifest.parent, ignore_errors=True)


def bundle() -> Path:
    """The folder holding the bundle (made once per key, in a temporary folder, then renamed into place)."""
    cache = _cache()
    target = cache / _key()
    if (target / "manifest.json").is_file():
        os.utime(target / "manifest.json")  # in use: see _prune
        return target
    _prune(cache)
    _wheels(cache / "wheels")
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as scratch:
        work = Path(scratch)
        shutil.copytree(cache / "wheels", work / "wheels")
        (work / "checker").mkdir()
        for name in modules():
            shutil.copy(CHECKER / f"{name}.py", work / "checker" / f"{name}.py")
        done = subprocess.run(
            ["node", str(Path(__file__).with_suffix(".mjs")), str(PYODIDE.resolve()), str(work)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0 or not (work / "site-packages.zip").is_file():
            raise BundleError(f"pipeline/browser_checker.mjs failed: {done.stderr.strip()[-1500:]}")
        out = work / "out"
        out.mkdir()
        shutil.move(work / "site-packages.zip", out / "site-packages.zip")
        for name in RUNTIME:
            if name == WASM:  # gzipped here: the same bytes on the wire whether or not the host compresses wasm
                (out / f"{name}.gz").write_bytes(gzip.compress((PYODIDE / name).read_bytes(), 9, mtime=0))
            else:
                shutil.copy(PYODIDE / name, out / name)
        lock = json.loads((PYODIDE / "pyodide-lock.json").read_text(encoding="utf-8"))
        (out / "pyodide-lock.json").write_text(json.dumps({"info": lock["info"], "packages": {}}), encoding="utf-8")
        files = {p.name: [p.stat().st_size, len(gzip.compress(p.read_bytes(), 6))] for p in sorted(out.iterdir())}
        manifest = {"python": done.stdout.strip(), "files": files, "bytes": sum(b for b, _ in files.values())}
        manifest["gzip"] = sum(g for _, g in files.values())
        (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        try:
            out.rename(target)
        except OSError:  # another build made it meanwhile: the same key, the same files
            if not (target / "manifest.json").is_file():
                raise
    return target


def megabytes(manifest: dict) -> str:
    """What the button says: the download, gzipped as GitHub Pages serves it, in whole MB."""
    return str(round(manifest["gzip"] / 1e6))


def step(site: Path, builder: str) -> None:
    """After the build (either ``builder``): the bundle into ``site/assets/checker/``, then each box made final.

    The box's size says the download's, and its page's data moves from the page to a file of
    ``assets/checker/pages/`` named by its hash, fetched after the click: before it, a page carries
    the box alone, whatever the number of its definitions.
    """
    source = bundle()
    target = site / FOLDER
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    (target / "pages").mkdir()
    size = megabytes(json.loads((source / "manifest.json").read_text(encoding="utf-8")))
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="check-step-mb"' not in text:
            continue
        text = _SIZE.sub(rf"\g<1>{size}\g<2>", text)
        found = _DATA.search(text)
        if found is None:
            raise BundleError(f"{page}: a check-your-step box without its page's data (data-page)")
        data = html.unescape(found[1]).encode()
        name = hashlib.sha256(data).hexdigest()[:16] + ".json"
        (target / "pages" / name).write_bytes(data)
        page.write_text(text[: found.start()] + f' data-page-file="{name}"' + text[found.end() :], encoding="utf-8")
