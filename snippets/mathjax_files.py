"""MkDocs hook: serve MathJax from the npm package pinned in package.json.

Self-hosted, not from a CDN: readers make no third-party request, the build and
its browser tests run offline, and the version a test sees is the one readers get.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "node_modules" / "mathjax"
# tex-chtml.js finds its fonts at [mathjax]/output/chtml/fonts/woff-v2, next to itself.
FILES = [
    "tex-chtml.js",
    *(
        f"output/chtml/fonts/woff-v2/{p.name}"
        for p in sorted((PACKAGE / "es5/output/chtml/fonts/woff-v2").glob("*.woff"))
    ),
]


def pinned_version() -> str:
    return json.loads((ROOT / "package.json").read_text())["dependencies"]["mathjax"]


def on_files(files, config):
    installed = PACKAGE / "package.json"
    want = pinned_version()
    if not installed.exists():
        raise PluginError(f"MathJax {want} is not installed: run `npm ci` in {ROOT}")
    have = json.loads(installed.read_text())["version"]
    if have != want:
        raise PluginError(f"node_modules has MathJax {have}, package.json pins {want}: run `npm ci`")
    for name in FILES:
        files.append(File.generated(config, f"assets/mathjax/{name}", abs_src_path=str(PACKAGE / "es5" / name)))
    return files
