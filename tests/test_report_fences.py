r"""The verification report and the home page's counts, made by the Markdown extension pipeline/report_fences.py.

A small project of five pages, no hooks, built as ``make build`` and ``make zensical`` build
(``python -m pipeline.build mkdocs|zensical``), then converted by a plain ``markdown.markdown``
call: the same rows in the same order (the nav's pages, then those outside it by path) and the
same counts on the home page. A wrong step on another page stops the report; a page saved
between two Zensical builds is counted in the second. Then the real site's report, page by page.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import markdown
import pytest
import yaml
from test_zensical import PAGE, WRONG

from checker.document import blocks, front_matter
from checker.steps import split_equals
from pipeline import report_fences
from pipeline.derivation_fences import DerivationError
from support import ROOT, build

_QUIET = {"capture_output": True, "text": True, "timeout": 600}

STEP = PAGE  # one page of a checked setup and a step, shared with the two builders' own test
PAGES = {
    "index.md": "---\ntitle: Home\n---\n\n# Home\n\nThis copy shows [[checks]]\n",
    "z-step.md": STEP,
    "verification.md": "---\ntitle: Report\nreport: true\n---\n\n# Report\n\nWritten by the build.\n",
    # Outside the nav: reported after it, by path (a before m), though a-notes.md sorts before z-step.md.
    "m-notes.md": "# M notes\n\n```notation\na = \\sigma(z)\nz = w x + b\n```\n",
    "a-notes.md": "# A notes\n\n```notation\nL = L(a, y)\n```\n",
}
NAV = [{"Home": "index.md"}, {"Steps": [{"dL/da": "z-step.md"}]}, {"Report": "verification.md"}]
CONFIG = """site_name: The report, two builders
markdown_extensions:
  - admonition
  - attr_list
  - pymdownx.arithmatex:
      generic: true
  - pipeline.derivation_fences
  - pipeline.report_fences
  - pymdownx.superfences
  - toc
"""
# The report's sections and rows, as a reader reads them: the step, where, and how it was checked.
SECTIONS = ["z-step", "a-notes", "m-notes"]


def _line(text: str, start: str) -> int:
    return text[: text.index(start)].count("\n") + 1


SETUP, CLAIM = _line(STEP, r"\sigma(z) = "), _line(STEP, r"\frac{dL}{da} = ")
ROWS = [
    (f"setup-1, lines {SETUP}–{SETUP + 2}", "3 definitions"),
    (f"step-1-1, line {CLAIM}", "1 proved by algebra"),
    ("a-notes-1, line 4", "notation, not a claim"),
    ("m-notes-1, lines 4–5", "notation, not a claim"),
]
HOME = (
    "This copy shows 7 equations on 3 pages: 1 proved by algebra, 0 checked numerically (not proved), "
    "0 checked as matrices, 3 definitions, 3 notation, and 0 wrong lines refused on purpose; "
    "and 0 results computed in numpy, each compared with an independent value."
)


def _project(tmp_path: Path, pages: dict[str, str] = PAGES) -> Path:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    for name, text in pages.items():
        (project / "docs" / name).write_text(text)
    # The site's own watch setting: with it Zensical converts every page again when one changes.
    (project / "mkdocs.yml").write_text(CONFIG + yaml.safe_dump({"nav": NAV, "watch": _site_config()["watch"]}))
    # The build's own code, as make builds it (python -m pipeline.build runs from the project's folder).
    for name in ["pipeline", "checker", "snippets", "node_modules"]:
        (project / name).symlink_to(ROOT / name)
    return project


def _site_config() -> dict:
    """The site's mkdocs.yml, its tags (!ENV) read as nothing."""

    class _Tags(yaml.SafeLoader):
        pass

    _Tags.add_multi_constructor("!", lambda loader, tag, node: None)
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Tags)


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def _rows(html: str) -> list[tuple[str, str, str]]:
    """The report's rows, as text: (step and lines, checked by, worst)."""
    cells = r"<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>\s*<td[^>]*>(.*?)</td>\s*</tr>"
    return [tuple(_text(cell) for cell in row) for row in re.findall(cells, html, re.S)]


def _sections(html: str) -> list[str]:
    return re.findall(r'<h2 id="([^"]+)"', html)


def _home(html: str) -> str:
    return _text(re.search(r"<p>(This copy shows.*?)</p>", html, re.S)[1])


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """The small project built by each builder: {builder: its site folder}."""
    out = {}
    for builder in ["mkdocs", "zensical"]:
        tmp = tmp_path_factory.mktemp(builder)
        result = build(_project(tmp), tmp / "site", builder)
        assert result.returncode == 0, result.stderr
        out[builder] = tmp / "site"
    return out


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_each_builder_reports_every_page_in_reading_order_and_the_home_page_its_counts(built, builder):
    html = (built[builder] / "verification/index.html").read_text()
    assert _sections(html)[-3:] == SECTIONS  # the nav's pages with a block, then the others by path
    assert [row[:2] for row in _rows(html)] == ROWS
    assert "This build shows <strong>7 equations</strong> on their own lines, on 3 pages" in html
    assert _home((built[builder] / "index.html").read_text()) == HOME
    assert "[[checks]]" not in (built[builder] / "index.html").read_text()


def test_both_builders_and_a_plain_markdown_call_report_the_same_rows(built, tmp_path):
    mkdocs, zensical = ((built[b] / "verification/index.html").read_text() for b in ["mkdocs", "zensical"])
    assert _rows(mkdocs) == _rows(zensical) and _rows(mkdocs)[1][2] in {"0", "1e-51"}
    docs = _project(tmp_path).joinpath("docs")
    html = _convert(docs, "verification.md", tmp_path / "cache")
    assert _rows(html) == _rows(mkdocs) and _sections(html)[-3:] == SECTIONS
    assert _home(_convert(docs, "index.md", tmp_path / "cache")) == HOME


def _convert(docs: Path, name: str, cache: Path) -> str:
    """A plain Markdown call, no builder: the docs folder and the nav given as the extension's options."""
    extensions = ["admonition", "attr_list", "tables", "toc", "pymdownx.arithmatex"]
    extensions += ["pipeline.derivation_fences", "pipeline.report_fences", "pymdownx.superfences"]
    configs = {
        "pipeline.derivation_fences": {"cache": str(cache)},
        "pipeline.report_fences": {"cache": str(cache), "docs": str(docs), "nav": NAV},
    }
    return markdown.markdown((docs / name).read_text(), extensions=extensions, extension_configs=configs)


def test_a_wrong_step_on_another_page_stops_the_report_with_its_file_and_line(tmp_path):
    pages = dict(PAGES, **{"z-step.md": STEP.replace(*WRONG)})
    docs = _project(tmp_path, pages).joinpath("docs")
    line = _line(STEP, WRONG[0])
    for name in ["verification.md", "index.md"]:  # never a report, nor counts, that would call it passing
        with pytest.raises(DerivationError, match=rf"z-step\.md:{line}: step 'step-1': the two sides differ at"):
            _convert(docs, name, tmp_path / "cache")
    assert "the two sides differ" not in _convert(docs, "a-notes.md", tmp_path / "cache")  # a page of its own


def test_a_page_saved_between_two_zensical_builds_is_counted_in_the_second(tmp_path):
    # Zensical keeps a page's HTML while its text and the configuration are unchanged, and the report page's
    # text does not change: the site's `watch: [docs]` makes a saved page change the configuration Zensical reads.
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "site_dir: site\n")  # one configuration for both builds

    def zensical() -> None:
        command = [sys.executable, "-m", "zensical", "build", "--strict"]
        result = subprocess.run(command, cwd=project, env=dict(os.environ, PYTHONPATH=str(project)), **_QUIET)
        assert result.returncode == 0, result.stderr

    zensical()
    assert "7 equations on 3 pages" in _home((project / "site/index.html").read_text())
    notes = project / "docs/a-notes.md"
    notes.write_text(notes.read_text() + "\n```notation\ny = 1\n```\n")
    zensical()
    html = (project / "site/verification/index.html").read_text()
    assert ("a-notes-2, line 8", "notation, not a claim") in [row[:2] for row in _rows(html)]
    assert "8 equations on 3 pages" in _home((project / "site/index.html").read_text())


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_the_report_refuses_a_site_whose_fences_are_not_checked(tmp_path, builder):
    project = _project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - pipeline.derivation_fences\n", ""))
    result = build(project, tmp_path / "site", builder)
    assert result.returncode != 0
    assert "markdown_extensions must list pipeline.derivation_fences" in result.stderr, result.stderr
    assert not (tmp_path / "site/verification/index.html").exists()


def test_the_reading_order_is_the_navs_in_either_builders_form_then_the_other_pages_by_path(tmp_path):
    docs = tmp_path / "docs"
    for name in ["index.md", "b.md", "a/c.md", "a/.draft.md", ".hidden/d.md", "z.md", "nb.py"]:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# x\n")
    mkdocs = ["index.md", {"Part": [{"Z": "z.md"}, "https://example.org/", {"Notebook": "nb.py"}]}, {"Z again": "z.md"}]
    zensical = [
        {"title": None, "url": "index.md", "children": []},
        {"title": "Part", "url": None, "children": [{"title": "Z", "url": "./z.md", "children": []}]},
    ]
    for nav in [mkdocs, zensical]:
        assert report_fences.reading_order(docs, nav) == ["index.md", "z.md", "a/c.md", "b.md"]
    assert report_fences.reading_order(docs, None) == ["a/c.md", "b.md", "index.md", "z.md"]
    with pytest.raises(ValueError, match=r"nav: an item should be a path, .* not 3"):
        report_fences.reading_order(docs, [{"Three": 3}])
    with pytest.raises(ValueError, match=r"docs: .*nowhere is not a folder"):
        report_fences.reading_order(tmp_path / "nowhere", mkdocs)


def _reading_order() -> list[str]:
    """The real site's pages as a reader meets them, from mkdocs.yml itself: the nav, then the rest by path."""
    nav = _site_config()["nav"]

    def walk(item):
        if isinstance(item, str):
            yield item
        for value in item.values() if isinstance(item, dict) else item if isinstance(item, list) else []:
            yield from walk(value)

    listed = [p for p in walk(nav) if p.endswith(".md")]
    rest = sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))
    return listed + [p for p in rest if p not in listed]


def test_the_real_sites_report_has_every_page_in_reading_order_each_counted_from_its_source(site):
    html = (site[1] / "verification/index.html").read_text()
    expected = []
    for src in _reading_order():
        found = blocks((ROOT / "docs" / src).read_text())
        if found:
            expected.append((src.removesuffix(".md").replace("/", "-"), found))
    assert _sections(html) == [section for section, _ in expected]
    parts = re.split(r'<h2 id="[^"]+"', html)[1:]
    for (section, found), part in zip(expected, parts, strict=True):
        rows = _rows(part)
        numpy = sum(len(b.lines) for b in found if b.kind == "numeric-check")
        assert len(rows) == len([b for b in found if b.kind != "numeric-check"]) + numpy, section
        claims = sum(
            len(split_equals(t.removeprefix("="))) - (not t.startswith("="))
            for b in found
            if b.kind == "derivation"
            for _, t in b.lines
        )
        counted = r"(\d+) (?:proved|checked|numerically|definition)"
        said = sum(int(n) for _, how, _ in rows for n in re.findall(counted, how))
        assert said == claims, (section, said, claims)
    # Each section is named by its page's title, or its path when the page has none.
    headings = [_text(h).removesuffix("¶").strip() for h in re.findall(r"<h2 id=[^>]*>(.*?)</h2>", html, re.S)]
    titles = []
    for src in _reading_order():
        source = (ROOT / "docs" / src).read_text()
        if blocks(source):
            titles.append(front_matter(source)[0].get("title") or src)
    assert headings == titles
