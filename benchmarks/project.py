"""A copy of the project in a temporary folder, for a benchmark that builds, edits or empties caches.

The checkout's ``.build-cache/`` is shared by everyone working in it: a benchmark never
deletes or edits anything there, it works on a copy (``.build-cache/`` copied too, unless
``cold``) with ``node_modules`` linked.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ["docs", "snippets", "checker", "pipeline", "overrides", "mkdocs.yml", "package.json", "package-lock.json"]


def copy(target: Path, cold: bool = False, root: Path = ROOT) -> Path:
    """``root``'s sources (and its ``.build-cache/``, unless ``cold``) copied into ``target``; returns ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in [*PARTS, *([] if cold else [".build-cache"])]:
        src = root / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy(src, target / name)
    (target / "node_modules").symlink_to(root / "node_modules")
    return target
