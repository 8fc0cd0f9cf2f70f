"""Helpers the tests share: the project root, the dL/dz page's setup, a real build (MkDocs or Zensical)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LOGISTIC = {"z": "real", "a": "(0, 1)", "y": "[0, 1]"}
SETUP = [
    r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    r"a = \sigma(z)",
    r"L = -\left(y \log(a) + (1 - y) \log(1 - a)\right)",
]


def copy_project(tmp_path: Path) -> Path:
    """A copy of what the build reads, so a test can break a page safely."""
    dest = tmp_path / "project"
    dest.mkdir()
    for name in [
        "docs",
        "snippets",
        "checker",
        "pipeline",
        "overrides",
        "mkdocs.yml",
        "package.json",
        "package-lock.json",
    ]:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def build(
    project: Path, site: Path, builder: str = "mkdocs", site_url: str | None = None
) -> subprocess.CompletedProcess:
    """Build ``project`` into ``site`` as ``make build`` / ``make zensical`` do: ``python -m pipeline.build``."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")
    if site_url:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "pipeline.build", builder, "--site-dir", str(site)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def mkdocs_build(project: Path, site: Path, site_url: str | None = None) -> subprocess.CompletedProcess:
    """Run the MkDocs build (``mkdocs build --strict`` and the steps after it) in ``project``."""
    return build(project, site, "mkdocs", site_url)
