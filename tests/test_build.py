"""A real ``mkdocs build --strict`` of the site, and of copies with a broken step."""

from __future__ import annotations

import json
import re
from html import unescape

import pytest

from checker.anchors import anchors
from checker.document import blocks
from checker.numeric import SEEDS
from checker.steps import AGREE, DIGITS, POINTS, split_equals
from support import ROOT, copy_project, mkdocs_build


@pytest.fixture(scope="module")
def built(site):
    return site[1]


def test_site_builds_strict_with_every_page(built):
    for page in ["index.html", "logistic-regression/dl-dz/index.html", "logistic-regression/corrections/index.html"]:
        assert (built / page).is_file(), page


def test_every_formula_is_typeset_at_build_time_by_the_pinned_mathjax(built):
    lock = json.loads((ROOT / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/mathjax-full"]["version"] == "3.2.2"
    for path in built.rglob("index.html"):
        html = path.read_text()
        formulas = re.findall(r'<(span|div) class="arithmatex" data-tex="[^"]*">(.{0,40})', html)
        assert all(body.startswith("<mjx-container") for _, body in formulas), (path, formulas[:3])
        assert "mathjax" not in " ".join(re.findall(r"<script[^>]*>", html)).lower(), path
    html = (built / "logistic-regression/dl-dz/index.html").read_text()
    assert html.count('jax="SVG"') > 20 and "<mjx-assistive-mml" not in html
    # One outline per glyph per page, where instant navigation swaps the page, and every use finds its glyph.
    ids = re.findall(r'<path id="(g\d+)"', html)
    assert len(ids) == len(set(ids)) > 20 and html.count("<defs>") == 1
    assert html.index('<svg class="mjx-glyphs"') > html.index('<article class="md-content__inner')
    assert {href for href in re.findall(r'<use xlink:href="#([^"]+)"', html)} <= set(ids)
    # Each formula is one image, named by its speech text.
    assert 'aria-label="StartFraction d upper L Over d z EndFraction"' in html
    assert "cdn.jsdelivr" not in html and "polyfill.io" not in html and "fonts.googleapis" not in html


@pytest.mark.parametrize(
    ("tex", "message"),
    [(r"\frac{1}{\nosuchmacro}", r"Undefined control sequence \nosuchmacro"), (r"\frac{1}{2", "Missing close brace")],
)
def test_math_mathjax_cannot_typeset_fails_the_build_with_file_and_line(tmp_path, tex, message):
    project, line = _break(tmp_path, "It grows from", f"\\({tex}\\) It grows from")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"logistic-regression/dl-dz.md:{line}: MathJax cannot typeset" in result.stderr
    assert message in result.stderr


def test_step_anchors_are_stable(built):
    html = (built / "logistic-regression/dl-dz/index.html").read_text()
    for anchor in ["setup", "plan", "step-1-dl-da", "step-2-da-dz", "step-3-dl-dz", "dz-in-the-course"]:
        assert f'id="{anchor}"' in html, anchor


def _fences(page: str, *kinds: str) -> list:
    return [b for b in blocks((ROOT / "docs" / page).read_text()) if b.kind in kinds]


def _reads(html: str) -> str:
    """What a reader reads of some HTML: tags gone, typeset math gone (it is shown as math, not as source)."""
    html = re.sub(r'<(span|div) class="arithmatex"[^>]*>.*?</\1>', "[math]", html, flags=re.S)
    html = re.sub(r"<(mjx-container|svg)\b.*?</\1>", "[math]", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_every_step_shows_its_check_mark_in_a_learners_words_and_the_math_as_written(built):
    html = (built / "logistic-regression/dl-dz/index.html").read_text()
    fences = _fences("logistic-regression/dl-dz.md", "derivation", "numeric-check")
    assert html.count('<details class="step-check" data-search-exclude>') == len(fences) > 5
    assert r"= a - y\end{aligned}" in html.replace("&amp;", "&")
    marks = [
        _reads(m) for m in re.findall(r'<details class="step-check" data-search-exclude><summary>(.*?)</summary>', html)
    ]
    assert f"✓ proved by algebra and checked at {POINTS} points" in marks
    assert f"✓ numpy: {SEEDS} random problems, worst error " in " ".join(marks)
    # Opened, each line is typeset math with what was checked in words: no LaTeX source as text.
    opened = re.findall(
        r'<details class="step-check" data-search-exclude><summary>.*?</summary>(.*?)</details>', html, re.S
    )
    assert opened and all("\\" not in _reads(o) and "<code>" not in o for o in opened if "arithmatex" in o)


def test_no_mark_on_the_site_ticks_a_line_nothing_proved_or_says_jargon(built):
    for path in built.rglob("index.html"):
        html = path.read_text()
        for summary in re.findall(r'<details class="step-check" data-search-exclude><summary>(.*?)</summary>', html):
            text = _reads(summary)
            assert "none" not in text and "finite" not in text and "sympy proves" not in text, (path, text)
            assert len(text) <= 60, (path, text)  # one line on a 375 px phone (13 px type)


def test_search_finds_the_math_and_the_prose_not_the_marks(built):
    index = json.loads((built / "search" / "search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"])
    assert "a definition: the lines below use it" not in text and "The checker's message" not in text
    assert "proved by algebra (sympy), and equal at" not in text and "the left side is" not in text
    assert "dL/da" in text  # the math is still found


def test_every_checked_block_has_an_id_a_link_and_a_place_in_the_link_contract(built):
    contract = (ROOT / "tests" / "link-contract.txt").read_text().split()
    for source in sorted((ROOT / "docs").rglob("*.md")):
        found = blocks(source.read_text())
        if not found:
            continue
        page = source.relative_to(ROOT / "docs").with_suffix("").as_posix()
        page = "" if page == "index" else page.removesuffix("/index") + "/"
        html = (built / page / "index.html").read_text()
        ids = anchors(str(source), source.read_text(), found)
        for anchor in ids:
            assert html.count(f' id="{anchor}"') == 1, (page, anchor)  # no heading or other element shares it
            assert f'<a class="step-link" href="#{anchor}"' in html, (page, anchor)
            assert f"/{page}#{anchor}" in contract, f"/{page}#{anchor} is not in tests/link-contract.txt"
        every = re.findall(r' id="([^"]+)"', html)
        assert len(every) == len(set(every)), (page, [i for i in every if every.count(i) > 1][:5])


def test_code_on_the_page_comes_from_the_snippets_package(built):
    html = (built / "logistic-regression/dl-dz/index.html").read_text()
    text = re.sub(r"<[^>]+>", "", html)
    assert "def dL_dz(a: ArrayLike, y: ArrayLike)" in text.replace("&gt;", ">")
    assert "def check_step_3(rng" in text
    assert "--8&lt;--" not in html and "--8<--" not in text


def test_wrong_lines_are_shown_as_wrong_with_the_verdict_in_a_learners_words(built):
    html = (built / "logistic-regression/corrections/index.html").read_text()
    wrong = _fences("logistic-regression/corrections.md", "derivation-rejected", "derivation-unreadable")
    assert html.count('<span class="wrong-sign" role="img" aria-label="Wrong line">✗</span>') == len(wrong) >= 4
    verdicts = [_reads(v) for v in re.findall(r'<p class="wrong-verdict" data-search-exclude>(.*?)</p>', html, re.S)]
    assert len(verdicts) == len(wrong)
    words = ("Wrong: at ", "Not defined: ", "This line cannot be read as math: ")
    for verdict in verdicts:
        assert verdict.startswith(words), verdict
        assert "\\" not in verdict and "_{" not in verdict, verdict  # no LaTeX source, no sympy names
    differ = [v for v in verdicts if v.startswith("Wrong: at ")]
    assert differ and all(re.search(r"is −?[\d.]+ and .* is −?[\d.]+", v) for v in differ), differ
    assert any(v.startswith("Not defined: ") and "γ" in v for v in verdicts), verdicts
    # The file and line only inside the folded detail.
    shown = re.findall(
        r'<div id="[^"]+" class="derivation derivation-(?:rejected|unreadable)">(.*?)¶</a></div>', html, re.S
    )
    assert len(shown) == len(wrong)
    for block in shown:
        before, _, folded = block.partition("<details")
        assert "corrections.md:" not in before and "docs/logistic-regression/corrections.md:" in folded


_LABELS = "proved by algebra|checked numerically|checked as matrices|definitions|notation|wrong lines|results computed"


def _counts(html: str) -> dict[str, int]:
    """The counts a page states in bold: "<strong>12</strong> proved by algebra", "<strong>9 equations</strong>"."""
    found = re.findall(rf"<strong>(\d+)</strong> ({_LABELS})", html)
    found += [(n, "equations") for n in re.findall(r"<strong>(\d+) equations</strong>", html)]
    labels = [label for _, label in found]
    assert len(labels) == len(set(labels)), labels  # each count stated once
    return {label: int(n) for n, label in found}


def test_the_home_page_states_the_reports_counts_and_they_count_the_pages(built):
    home, report = (built / "index.html").read_text(), (built / "verification/index.html").read_text()
    assert "[[checks]]" not in home
    counts = _counts(report)
    assert len(counts) == 8 and _counts(home) == counts
    # Counted again from the pages' sources: every equality of a derivation fence, every other display line.
    equalities, other, results = 0, 0, 0
    for source in (ROOT / "docs").rglob("*.md"):
        for block in blocks(source.read_text()):
            if block.kind == "derivation":
                equalities += sum(
                    len(split_equals(t.removeprefix("="))) - (not t.startswith("=")) for _, t in block.lines
                )
            elif block.kind == "numeric-check":
                results += len(block.lines)
            else:
                other += len(block.lines)
    assert counts["equations"] == equalities + other
    assert counts["results computed"] == results
    assert (
        sum(counts[k] for k in ["proved by algebra", "checked numerically", "checked as matrices", "definitions"])
        == equalities
    )


def _break(tmp_path, old: str, new: str, page="docs/logistic-regression/dl-dz.md"):
    project = copy_project(tmp_path)
    path = project / page
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    line = text[: text.index(old)].count("\n") + 1
    return project, line


def test_a_wrong_step_fails_the_build_with_file_line_step_and_values(tmp_path):
    project, line = _break(tmp_path, "= a - y\n```", "= y - a\n```")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"docs/logistic-regression/dl-dz.md:{line}: step 'step-3-dl-dz'" in result.stderr
    assert "the two sides differ at" in result.stderr and "but y - a = " in result.stderr


def test_unparseable_latex_fails_the_build(tmp_path):
    project, line = _break(tmp_path, r"= \frac{a - y}{a(1 - a)}" + "\n```", r"= \frac{a - y}{a(1 - a)" + "\n```")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"dl-dz.md:{line}: step 'step-1-dl-da': cannot parse LaTeX" in result.stderr


def test_a_rejected_line_that_passes_fails_the_build(tmp_path):
    project, _ = _break(
        tmp_path,
        r"\frac{dL}{da} \times \frac{dz}{da}",
        r"\frac{dL}{da} \times \frac{da}{dz}",
        "docs/logistic-regression/corrections.md",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "passes the checker; it is not wrong" in result.stderr


def test_a_missing_snippet_section_fails_the_build(tmp_path):
    project, _ = _break(tmp_path, "snippets/logistic.py:dL_dz", "snippets/logistic.py:no_such_section")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "no_such_section" in result.stderr


def test_the_home_page_states_the_checkers_real_settings(built):
    # The prose says how steps are checked; it must say what steps.py does (printed from it: snippets.pages.home).
    text = " ".join(re.sub(r"<[^>]+>", "", (built / "index.html").read_text()).split())
    assert f"{POINTS} random points" in text
    assert f"{DIGITS}-digit arithmetic" in text and f"computed with {DIGITS} digits" in text
    assert f"agreeing to {AGREE} digits" in text
    assert f"✓ numpy: {SEEDS} random problems" in text and "[[checks]]" not in text


def test_a_block_inside_an_admonition_is_placed_and_typeset(built):
    # The eps calculus sits in a collapsed note: its fences must come out as on the top level.
    html = (built / "practice/gradient-checking/index.html").read_text()
    opening = r'<div id="choice-of-eps-1" class="derivation">\s*<div class="arithmatex" data-tex="[^"]+">'
    block = re.search(opening + "(.{14})", html)
    assert block and block[1] == "<mjx-container", "the block inside the note was not typeset"
    for path in built.rglob("index.html"):
        text = path.read_text()
        assert "XDERIVATIONBLOCK" not in text, path
        assert not re.search(r"<p>\s*<div[^>]* class=\"derivation", text), f"{path}: a block wrapped in a paragraph"


def test_a_formula_too_wide_for_a_phone_fails_the_build_with_file_line_and_width(tmp_path):
    wide = "\\frac{dL}{dz} = " + " + ".join(f"x_{{{i}}}" for i in range(24))
    project, line = _break(tmp_path, "## Step 3: dL/dz", f"```notation\n{wide}\n```\n\n## Step 3: dL/dz")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    where = rf"logistic-regression/dl-dz\.md:{line + 1}: display formula \d+ px wide"
    assert re.search(where, result.stderr), result.stderr[-800:]
