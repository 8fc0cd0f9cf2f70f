"""MkDocs hook: a 1200 x 630 link-preview image per page, showing its key result.

Drawn with matplotlib's own mathtext and bundled DejaVu fonts, so the build needs
no network (Material's social plugin downloads fonts). The key result is the
page's ``preview:`` front matter, in LaTeX; a page without one shows its title.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

WIDTH, HEIGHT, DPI = 12, 6.3, 100  # inches at 100 dpi: 1200 x 630 pixels
INDIGO = "#3f51b5"
_pages: list[tuple[str, str, str]] = []


def on_pre_build(config):
    _pages.clear()


def on_page_context(context, page, config, nav):
    name = page.file.src_uri.removesuffix(".md").replace("/", "--")
    _pages.append((name, page.meta.get("title") or page.title or config["site_name"], page.meta.get("preview", "")))
    # The one place the image's name is made; overrides/main.html reads it from here.
    page.meta["preview_image"] = f"assets/previews/{name}.png"
    return context


def on_post_build(config):
    # An image depends only on these texts and this file: drawn once, then copied.
    cache = Path(config.config_file_path).parent / ".build-cache" / "previews"
    cache.mkdir(parents=True, exist_ok=True)
    folder = Path(config["site_dir"]) / "assets" / "previews"
    folder.mkdir(parents=True, exist_ok=True)
    for name, title, result in _pages:
        inputs = json.dumps([config["site_name"], title, result, Path(__file__).read_text()])
        drawn = cache / f"{hashlib.sha256(inputs.encode()).hexdigest()}.png"
        if not drawn.exists():
            _draw(config["site_name"], title, result, drawn)
        shutil.copyfile(drawn, folder / f"{name}.png")


def _draw(site_name: str, title: str, result: str, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["mathtext.fontset"] = "cm"  # the Computer Modern look the pages' MathJax has
    figure = plt.figure(figsize=(WIDTH, HEIGHT), dpi=DPI, facecolor="white")
    figure.patches.append(plt.Rectangle((0, 0.86), 1, 0.14, transform=figure.transFigure, color=INDIGO))
    figure.text(0.05, 0.93, site_name, color="white", fontsize=26, va="center")
    figure.text(0.05, 0.70, title, fontsize=40, va="center", wrap=True, color="#222222")
    if result:
        figure.text(0.5, 0.38, f"${result}$", fontsize=64, ha="center", va="center", color="#111111")
    figure.text(0.05, 0.07, "Every step checked by sympy and numpy", fontsize=22, color="#555555")
    partial = path.with_suffix(".tmp.png")
    figure.savefig(partial, dpi=DPI)
    plt.close(figure)
    partial.replace(path)
