"""A real ``mkdocs build --strict`` of the site, and of copies with a broken step."""

from __future__ import annotations

import json
import re

import pytest

from snippets.derivation.steps import AGREE, DIGITS, POINTS
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
    assert html.count('jax="SVG"') > 20 and "<mjx-assistive-mml" in html
    # Glyph ids are unique in a page even when a formula repeats.
    ids = re.findall(r' id="(MJX-[^"]+)"', html)
    assert len(ids) == len(set(ids))
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


def test_every_step_shows_its_check_mark_and_the_math_as_written(built):
    html = (built / "logistic-regression/dl-dz/index.html").read_text()
    # 7 derivation fences and 3 numeric-check fences.
    assert html.count('class="step-check"') == 10
    assert r"= a - y\end{aligned}" in html.replace("&amp;", "&")
    assert "sympy proves 3 of 3" in html


def test_code_on_the_page_comes_from_the_snippets_package(built):
    html = (built / "logistic-regression/dl-dz/index.html").read_text()
    text = re.sub(r"<[^>]+>", "", html)
    assert "def dL_dz(a: ArrayLike, y: ArrayLike)" in text.replace("&gt;", ">")
    assert "def check_step_3(rng" in text
    assert "--8&lt;--" not in html and "--8<--" not in text


def test_corrections_page_shows_the_checkers_own_messages(built):
    html = (built / "logistic-regression/corrections/index.html").read_text()
    assert html.count("The checker rejects this line") == 5
    assert "docs/logistic-regression/corrections.md:" in html
    assert "the two sides differ at" in html
    assert r"unknown function \gamma" in html


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


def test_the_home_page_states_the_checkers_real_settings():
    # The prose says how steps are checked; it must say what steps.py does.
    text = " ".join((ROOT / "docs" / "index.md").read_text().split())
    assert f"{POINTS} random points" in text
    assert f"{DIGITS}-digit arithmetic" in text and f"computed with {DIGITS} digits" in text
    assert f"agreeing to {AGREE} digits" in text
