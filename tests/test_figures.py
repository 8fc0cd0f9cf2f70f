"""```figure fences (snippets/figures.py): the SVG in the page, its text alternative, its colours, its errors."""

from __future__ import annotations

import re
import sys
import types

import markdown
import numpy as np
import pytest

from snippets import figures
from snippets.figures import INK, MUTED, SERIES, Figure, FigureError
from support import copy_project, mkdocs_build

CALLS: list[str] = []


def figure_curves() -> Figure:
    """Two curves with matplotlib, in the sentinel colours."""
    CALLS.append("curves")
    with figures.plot() as (fig, ax):
        w = np.linspace(-2, 2, 9)
        ax.plot(w, w**2, label="squared error")
        ax.plot(w, np.abs(w), label="cross-entropy")
        ax.set_xlabel("w")
        ax.legend()
        return Figure(figures.svg(fig), "Two costs", "J(w) = w squared, and |w|, for w from -2 to 2.")


def figure_drawn() -> Figure:
    """An SVG written by hand, with a gradient it refers to by id."""
    svg = (
        '<svg viewBox="0 0 100 40" width="100" height="40"><defs><marker id="tip"/></defs>'
        f'<line x1="0" y1="20" x2="90.123456" y2="20" style="stroke: {INK}" marker-end="url(#tip)"/>'
        f'<text x="5" y="15" style="fill: {SERIES[0]}">a = 0.5</text><g id="unused"/></svg>'
    )
    return Figure(svg, "An edge", "One edge from x to a, labelled a = 0.5.")


def figure_black() -> Figure:
    return Figure('<svg viewBox="0 0 10 10"><path style="stroke: #000000"/></svg>', "t", "d")


def figure_silent() -> Figure:
    return Figure('<svg viewBox="0 0 10 10"></svg>', "A caption", "   ")


def figure_styled() -> Figure:
    return Figure('<svg viewBox="0 0 10 10"><style>* {fill: red}</style></svg>', "t", "d")


def figure_raises() -> Figure:
    raise ValueError("w must be finite, got nan")


def figure_string() -> str:
    return "<svg></svg>"


@pytest.fixture(autouse=True)
def _module(monkeypatch, tmp_path):
    """This file's figures, named as a page's module (figure fences name snippets.pages only); a fresh cache."""
    module = types.ModuleType("snippets.pages.figures_test")
    for name, value in globals().items():
        if name.startswith("figure_"):
            setattr(module, name, value)
    monkeypatch.setitem(sys.modules, "snippets.pages.figures_test", module)
    monkeypatch.setattr(figures, "_FOLDER", tmp_path / "figures")
    CALLS.clear()


def _convert(text: str, tmp_path) -> str:
    md = markdown.Markdown(
        extensions=["snippets.figures", "pymdownx.superfences", "admonition"],
        extension_configs={"snippets.figures": {"cache": str(tmp_path / "cache")}},
    )
    return md.convert(text)


def test_a_plot_becomes_an_inline_figure_named_and_described(tmp_path):
    html = _convert("Before.\n\n```figure\nsnippets.pages.figures_test:figure_curves\n```\n", tmp_path)
    slug = "figure-figures-test-curves"
    assert html.startswith(f'<p>Before.</p>\n<figure class="figure" id="{slug}"><svg ')
    assert f'role="img" aria-labelledby="{slug}-caption" aria-describedby="{slug}-description"' in html
    assert f'<desc id="{slug}-description">J(w) = w squared, and |w|, for w from -2 to 2.</desc>' in html
    assert html.endswith(f'<figcaption id="{slug}-caption">Two costs</figcaption></figure>')
    # Text stays text, in the page's font; no colour but the scheme's variables; no date, no stylesheet.
    assert ">squared error</text>" in html and "font-family: var(--md-text-font-family)" in html
    assert not re.search(r"#[0-9a-fA-F]{6}|<style|<\?xml|dc:date|Matplotlib v", html)
    assert "var(--figure-1)" in html and "var(--figure-2)" in html and "var(--figure-ink)" in html
    assert 'viewBox="0 0 340 220"' in html and 'width="340pt"' not in html  # scales to the column


def test_a_figure_is_the_same_at_every_build(tmp_path):
    first = figures.render("snippets.pages.figures_test:figure_curves")
    assert figures.render("snippets.pages.figures_test:figure_curves") == first
    ids = re.findall(r'id="([^"]+)"', first)
    assert all(i.startswith("figure-figures-test-curves") for i in ids) and len(ids) == len(set(ids))


def test_ids_are_the_figures_own_and_unused_ones_go(tmp_path):
    html = figures.render("snippets.pages.figures_test:figure_drawn")
    assert 'id="figure-figures-test-drawn-tip"' in html and "url(#figure-figures-test-drawn-tip)" in html
    assert "unused" not in html
    assert 'x2="90.12"' in html  # coordinates to 1/100
    assert 'style="stroke: var(--figure-ink)"' in html and 'style="fill: var(--figure-1)"' in html
    assert 'width="100"' not in html and 'viewBox="0 0 100 40"' in html


def test_a_figure_inside_an_admonition_works_and_one_shown_as_code_stays_code(tmp_path):
    text = (
        "!!! note\n\n    ```figure\n    snippets.pages.figures_test:figure_drawn\n    ```\n\n"
        "````md\n```figure\nsnippets.pages.figures_test:figure_raises\n```\n````\n"
    )
    html = _convert(text, tmp_path)
    assert '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<figure class="figure"' in html
    assert "figure_raises" in html and html.count("<figure") == 1  # the code block shows the fence


def test_a_drawn_figure_is_kept_until_snippets_change(tmp_path, monkeypatch):
    folder = tmp_path / "kept"
    first = figures.cached("snippets.pages.figures_test:figure_curves", folder)
    assert figures.cached("snippets.pages.figures_test:figure_curves", folder) == first
    assert CALLS == ["curves"]
    monkeypatch.setattr(figures, "_fingerprint", lambda: "a module of snippets/ changed")
    figures.cached("snippets.pages.figures_test:figure_curves", folder)
    assert CALLS == ["curves", "curves"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("figure_raises", "line 3: figure snippets.pages.figures_test:figure_raises: ValueError: w must be finite"),
        ("figure_black", "svg uses colours ['#000000']: draw with snippets.figures INK, MUTED, PAPER and SERIES"),
        ("figure_silent", "returned an empty description: a figure needs a caption and a text alternative"),
        ("figure_styled", "must not hold <style>"),
        ("figure_string", "must return snippets.figures.Figure, got str"),
        ("figure_absent", "snippets.pages.figures_test has no function figure_absent"),
    ],
)
def test_a_figure_that_cannot_be_drawn_stops_with_its_line_and_why(tmp_path, name, message):
    with pytest.raises(FigureError) as failure:
        _convert(f"Text.\n\n```figure\nsnippets.pages.figures_test:{name}\n```\n", tmp_path)
    assert message in str(failure.value)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("snippets.logistic:sigma", "expected one line 'snippets.pages.<module>:figure_<name>'"),
        ("snippets.pages.figures_test:figure_drawn\nsnippets.pages.figures_test:figure_drawn", "expected one line"),
        ("", "expected one line"),
    ],
)
def test_a_fence_must_name_one_figure_function_of_a_page(tmp_path, body, message):
    with pytest.raises(FigureError, match=re.escape(message)):
        _convert(f"```figure\n{body}\n```\n", tmp_path)


def test_the_same_figure_twice_on_a_page_is_refused(tmp_path):
    fence = "```figure\nsnippets.pages.figures_test:figure_drawn\n```\n\n"
    with pytest.raises(FigureError, match=r"line 5: .* is already on this page"):
        _convert(fence * 2, tmp_path)


def test_the_plot_size_is_checked():
    with pytest.raises(ValueError, match=re.escape("width must be a whole number of px from 100 to 1200, got 3.5")):
        with figures.plot(width=3.5):
            pass


def test_the_sentinels_are_distinct_and_each_has_its_variable():
    colours = [INK, MUTED, figures.PAPER, *SERIES]
    assert len(set(colours)) == len(colours) == len(figures.CSS)


def test_a_broken_figure_fails_the_real_build_with_page_line_and_error(tmp_path):
    project = copy_project(tmp_path)
    (project / "snippets/pages/broken_figure.py").write_text(
        "def figure_graph():\n    raise ValueError('x must have 2 entries, got 3')\n"
    )
    page = project / "docs/logistic-regression/dl-dz.md"
    text = page.read_text()
    at = text.index("\n## ")
    page.write_text(text[:at] + "\n\n```figure\nsnippets.pages.broken_figure:figure_graph\n```\n" + text[at:])
    line = text[:at].count("\n") + 4
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert (
        f"docs/logistic-regression/dl-dz.md:{line}: figure snippets.pages.broken_figure:figure_graph: "
        "ValueError: x must have 2 entries, got 3"
    ) in result.stderr
    assert "Traceback" not in result.stderr
