"""Link-preview images, 1200 x 630, one per page, showing its key result: a step after any builder.

Drawn with matplotlib's own mathtext and bundled DejaVu fonts, so the build needs
no network (Material's social plugin downloads fonts). The key result is the
page's ``preview:`` front matter, in LaTeX; a page without one shows its title.

``draw_previews(site, docs)`` reads the built pages: the page at ``a/b/`` gets
``assets/previews/a/b.png`` (the home page ``index.png``), the name overrides/main.html
computes from the page's address for its og:image under either builder; a page whose
og:image says otherwise fails the step. pipeline/build.py runs it after Zensical;
under MkDocs (``mkdocs serve`` too) the hook below does.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
from pathlib import Path

from checker.document import front_matter
from pipeline.typeset_site import source_of

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".build-cache" / "previews"
FOLDER = "assets/previews"
WIDTH, HEIGHT, DPI = 12, 6.3, 100  # inches at 100 dpi: 1200 x 630 pixels
INDIGO = "#3f51b5"
_META = re.compile(r'<meta property="og:(?P<name>image|site_name)" content="(?P<value>[^"]*)"')
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)


def image_name(folder: Path) -> str:
    """The image of the page built at ``folder`` (from the site root): ``a/b`` is ``a/b.png``, the home index.png."""
    return "index.png" if folder == Path(".") else f"{folder.as_posix()}.png"


def _title(page: str) -> str:
    # The page's own heading, as shown: its text without the permalink mark.
    heading = _H1.search(page)
    text = re.sub(r"<a class=\"headerlink\".*?</a>|<[^>]+>", "", heading[1], flags=re.S) if heading else ""
    return html.unescape(text).strip()


def draw_previews(site: Path, docs: Path) -> list[str]:
    """Draw the image of every page under ``site`` into ``site/assets/previews/``; the names drawn.

    Raises ValueError naming the page whose og:image is not the name drawn for it.
    """
    if not site.is_dir():
        raise ValueError(f"site: {site} is not a folder (build the site first)")
    CACHE.mkdir(parents=True, exist_ok=True)
    drawn = []
    for built in sorted(site.rglob("index.html")):
        page = built.read_text(encoding="utf-8")
        meta = {m["name"]: html.unescape(m["value"]) for m in _META.finditer(page)}
        if 'http-equiv="refresh"' in page or not meta:
            continue  # a redirect stub, or not a page of the theme
        name = image_name(built.parent.relative_to(site))
        if not meta.get("image", "").endswith(f"/{FOLDER}/{name}"):
            shown = built.relative_to(site).as_posix()
            expected = f".../{FOLDER}/{name}"
            raise ValueError(f"{shown}: og:image is {meta.get('image')!r}, not the image drawn for it, {expected}")
        md = source_of(built, site, docs)
        matter = front_matter(md.read_text(encoding="utf-8"))[0] if md else {}
        site_name = meta.get("site_name", "")
        title = matter.get("title") or _title(page) or site_name
        _copy(site_name, str(title), str(matter.get("preview", "")), site / FOLDER / name)
        drawn.append(name)
    return drawn


def _copy(site_name: str, title: str, result: str, target: Path) -> None:
    # An image depends only on these texts and this file: drawn once, then copied.
    inputs = json.dumps([site_name, title, result, Path(__file__).read_text(encoding="utf-8")])
    cached = CACHE / f"{hashlib.sha256(inputs.encode()).hexdigest()}.png"
    if not cached.exists():
        _draw(site_name, title, result, cached)
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, target)


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


def on_post_build(config) -> None:
    """MkDocs hook (``mkdocs serve`` as ``make build``): the same step, over the site MkDocs wrote."""
    try:
        draw_previews(Path(config["site_dir"]), Path(config["docs_dir"]))
    except ValueError as exc:
        from mkdocs.exceptions import PluginError

        raise PluginError(f"link previews: {exc}") from None
