r"""The whole site built by both builders, MkDocs and Zensical (``python -m pipeline.build``), shows the same checks.

One warm build each for the module: a copy of the project with the checkout's .build-cache/, as
``make build`` and ``make zensical`` build it. Page for page: the same pages, the same checked
blocks with the same marks (✓, ✗, the mark's words), every formula an SVG and no TeX left to
read, the report's rows, and each page's own link-preview image. A wrong step fails both, with
the file, the line and the step.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_search_text import residue

from pipeline import previews
from pipeline.previews import draw_previews
from support import ROOT, build, copy_project

BUILDERS = ("mkdocs", "zensical")
PAGE = "docs/logistic-regression/dl-dz.md"
WRONG = (r"= -\frac{y}{a} + \frac{1 - y}{1 - a}", r"= -\frac{y}{a} + \frac{1 + y}{1 - a}")

# A block the checker rendered (checker/render.py): its id and kind, then its mark up to the next block.
_BLOCK = re.compile(r'<div id="(?P<id>[^"]+)" class="derivation ?(?P<kind>[^"]*)">')
_SUMMARY = re.compile(r'<details class="step-check"[^>]*><summary>(.*?)</summary>', re.S)
# What a reader cannot see: code (TeX quoted on purpose), scripts, styles, the inert script tags; then every tag.
_UNSEEN = re.compile(r"<(code|pre|script|style|template)\b.*?</\1>", re.S)
_FORMULA = re.compile(r'class="arithmatex"')
_SVG = re.compile(r'<mjx-container class="MathJax" jax="SVG"(?: display="true")?[^>]*><svg ')
_ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
_IMAGE = re.compile(r'<meta property="og:image" content="https://[^/]+/[^"]*?/(assets/previews/[^"]+)"')


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("two-builders"))
    # Its entries are keyed by what they depend on: a warm build, as a contributor's.
    if (ROOT / ".build-cache").is_dir():
        shutil.copytree(ROOT / ".build-cache", project / ".build-cache")
    return project


@pytest.fixture(scope="module")
def sites(project) -> dict[str, Path]:
    built = {}
    for builder in BUILDERS:
        site = project.parent / f"site-{builder}"
        result = build(project, site, builder)
        assert result.returncode == 0, f"{builder}:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
        built[builder] = site
    return built


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html"))}


@pytest.fixture(scope="module")
def pages(sites) -> dict[str, dict[str, str]]:
    return {builder: _pages(site) for builder, site in sites.items()}


def marks(page: str) -> list[tuple[str, str, int, int, str | None]]:
    """Each checked block of a built page: (id, kind, ✓ count, ✗ count, the mark's words)."""
    starts = list(_BLOCK.finditer(page))
    found = []
    ends = [s.start() for s in starts[1:]] + [len(page)] * bool(starts)
    for block, end in zip(starts, ends, strict=True):
        body = page[block.end() : end]
        summary = _SUMMARY.search(body)
        words = re.sub(r"<[^>]+>", "", summary[1]).strip() if summary else None
        ticks, crosses = body.count('class="step-sign"'), body.count('class="wrong-sign"')
        found.append((block["id"], block["kind"] or "derivation", ticks, crosses, words))
    return found


def visible_text(page: str) -> str:
    """What a reader reads: the page without code, scripts and tags (a formula's TeX kept in data-tex is not read)."""
    return html.unescape(re.sub(r"<[^>]+>", " ", _UNSEEN.sub(" ", page)))


def test_both_builders_make_the_same_pages(pages):
    assert len(pages["mkdocs"]) >= 27
    # The notebook pages too: Markdown before the build (pipeline/notebook_fences.py), under either builder.
    notebooks = {"notebooks/sigmoid-and-loss/index.html", "notebooks/deep-gradient-check/index.html"}
    assert notebooks <= set(pages["zensical"])
    assert sorted(pages["mkdocs"]) == sorted(pages["zensical"])


def test_each_page_shows_the_same_checked_blocks_and_marks(pages):
    total: dict[str, int] = {}
    for path, page in pages["mkdocs"].items():
        expected = marks(page)
        assert marks(pages["zensical"].get(path, "")) == expected, path
        for _, kind, ticks, crosses, _ in expected:
            total[kind] = total.get(kind, 0) + 1
            total["✓"], total["✗"] = total.get("✓", 0) + ticks, total.get("✗", 0) + crosses
    # The site's kinds of block, all present: a comparison of two empty lists would pass on anything.
    assert {"derivation", "numeric-check", "derivation-rejected", "notation"} <= set(total), total
    assert total["derivation"] > 100 and total["✓"] > 150 and total["✗"] > 5, total
    ids = [m[0] for m in marks(pages["zensical"]["logistic-regression/dl-dz/index.html"])]
    assert "step-1-dl-da-1" in ids and "step-3-dl-dz-1" in ids


@pytest.mark.parametrize("builder", BUILDERS)
def test_every_formula_is_an_svg_and_no_tex_is_left_to_read(pages, builder):
    formulas = 0
    for path, page in pages[builder].items():
        text = visible_text(page)
        for tex in (r"\frac", r"\(", r"\[", r"\sigma", "^{"):
            assert tex not in text, f"{builder} {path}: raw TeX {tex!r} in {text[text.find(tex) - 80 :][:200]!r}"
        count = len(_FORMULA.findall(page))
        assert len(_SVG.findall(page)) == count, f"{builder} {path}: {count} formulas, not each an SVG"
        assert count == len(_FORMULA.findall(pages["mkdocs"][path])), f"{builder} {path}: not MkDocs' formulas"
        formulas += count
    assert formulas > 2000


def _rows(page: str) -> list[str]:
    return [re.sub(r"\s+", " ", visible_text(row)).strip() for row in _ROW.findall(page)]


def test_the_report_shows_the_same_rows_under_both(pages):
    expected = _rows(pages["mkdocs"]["verification/index.html"])
    assert len(expected) > 200
    assert _rows(pages["zensical"]["verification/index.html"]) == expected
    home = {builder: visible_text(p["index.html"]) for builder, p in pages.items()}
    assert "[[checks]]" not in home["zensical"] and "[[checks]]" not in home["mkdocs"]


@pytest.mark.parametrize("builder", BUILDERS)
def test_each_page_has_its_own_link_preview_image(sites, pages, builder):
    seen: dict[str, str] = {}
    for path, page in pages[builder].items():
        image = _IMAGE.search(page)
        assert image, f"{builder} {path}: no og:image on the site's address"
        drawn = sites[builder] / image[1]
        assert drawn.stat().st_size > 10_000, f"{builder} {path}: {image[1]}"
        assert drawn.read_bytes() == (sites["mkdocs"] / image[1]).read_bytes(), f"{builder} {path}: not MkDocs' image"
        if path != "404.html":
            assert image[1] not in seen, f"{builder}: {path} and {seen.get(image[1])} share {image[1]}"
            seen[image[1]] = path
    assert seen["assets/previews/logistic-regression/dl-dz.png"] == "logistic-regression/dl-dz/index.html"


def test_zensicals_search_index_holds_readable_math_as_mkdocs_does(sites):
    items = json.loads((sites["zensical"] / "search.json").read_text(encoding="utf-8"))["items"]
    docs = json.loads((sites["mkdocs"] / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    assert {i["location"].split("#")[0] for i in items} == {d["location"].split("#")[0] for d in docs}
    assert residue(items) == []
    texts = [i["title"] + " " + i["text"] for i in items]
    assert any("dz = a − y" in t for t in texts) and any("z\u0303(i) = γ z_norm(i) + β" in t for t in texts)


@pytest.mark.parametrize("builder", BUILDERS)
def test_a_wrong_step_fails_the_build_with_file_line_and_step(project, sites, builder, tmp_path):
    page = project / PAGE
    right = page.read_text(encoding="utf-8")
    assert right.count(WRONG[0]) == 1
    line = right[: right.index(WRONG[0])].count("\n") + 1
    page.write_text(right.replace(*WRONG), encoding="utf-8")
    try:
        result = build(project, tmp_path / "site", builder)
    finally:
        page.write_text(right, encoding="utf-8")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"{PAGE}:{line}: step 'step-1-dl-da': the two sides differ at" in output, output[-4000:]
    assert r"but -\frac{y}{a} + \frac{1 + y}{1 - a} = " in output
    assert "Traceback" not in output, output[-4000:]
    assert not (tmp_path / "site" / "logistic-regression/dl-dz/index.html").exists()


def _built_page(site: Path, folder: str, image: str) -> None:
    page = site / folder / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    meta = f'<meta property="og:site_name" content="Site"><meta property="og:image" content="https://x.org/d/{image}">'
    page.write_text(f"<html><head>{meta}</head><body><h1>Its title</h1></body></html>", encoding="utf-8")


def test_the_preview_step_draws_each_pages_image_by_its_address_and_refuses_another_name(tmp_path, monkeypatch):
    monkeypatch.setattr(previews, "CACHE", tmp_path / "cache")  # not the checkout's
    site, docs = tmp_path / "site", tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "a/b.md").write_text("---\ntitle: B\npreview: dz = a - y\n---\n# B\n", encoding="utf-8")
    _built_page(site, "a/b", "assets/previews/a/b.png")
    _built_page(site, ".", "assets/previews/index.png")  # no Markdown beside it: titled by its heading
    (site / "search").mkdir()
    (site / "search/index.html").write_text("<html>no theme's meta</html>", encoding="utf-8")
    assert draw_previews(site, docs) == ["a/b.png", "index.png"]
    assert (site / "assets/previews/a/b.png").read_bytes()[:4] == b"\x89PNG"
    assert len(list((tmp_path / "cache").glob("*.png"))) == 2  # two texts, two drawings
    _built_page(site, "a/b", "assets/previews/a--b.png")  # the template and the step disagree on the name
    with pytest.raises(ValueError, match=r"^a/b/index.html: og:image is 'https://x.org/d/assets/previews/a--b.png'"):
        draw_previews(site, docs)


def test_a_plain_zensical_build_after_a_change_in_snippets_checks_the_pages_again(project, sites, tmp_path):
    # Zensical can keep a page's HTML between builds (mkdocs.yml's watch: makes a change in the watched folders
    # change its configuration): a changed function must check the number it prints again, naming the file.
    module = project / "snippets/pages/numerical_stability.py"
    right = module.read_text(encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(project), NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "zensical", "build", "--strict"]
    run = {"cwd": project, "env": env, "capture_output": True, "text": True, "timeout": 600}
    try:
        first = subprocess.run(command, **run)
        assert first.returncode == 0, first.stderr[-4000:]
        module.write_text(right + "\n\ndef z_where_a_is_0() -> float:\n    return -700.0\n", encoding="utf-8")
        second = subprocess.run(command, **run)
    finally:
        module.write_text(right, encoding="utf-8")
        shutil.rmtree(project / "site", ignore_errors=True)
    assert second.returncode != 0, "the second build kept the pages the first one checked"
    line = right_page_line(project, "z_where_a_is_0")
    said = f"docs/practice/numerical-stability.md:{line}: the page prints -745.1332191019412 but "
    assert said + "snippets.pages.numerical_stability:z_where_a_is_0() computes -700.0" in second.stdout + second.stderr


def right_page_line(project: Path, name: str) -> int:
    """The line of docs/practice/numerical-stability.md that prints ``name``'s value."""
    text = (project / "docs/practice/numerical-stability.md").read_text(encoding="utf-8")
    return text[: text.index(f":{name}}}")].count("\n") + 1


def test_every_folder_a_page_depends_on_is_watched():
    # A page's HTML is made by the code of these folders: the numbers and notebooks (snippets), the checks
    # (checker), the fences' rendering (pipeline), and every other page (the report, the home page's counts).
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    assert {"docs", "snippets", "checker", "pipeline"} <= set(config["watch"])
