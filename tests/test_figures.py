"""```figure fences (pipeline/figures.py): the SVG in the page, its text alternative, its colours, its errors."""

from __future__ import annotations

import json
import re
import sys
import types

import markdown
import numpy as np
import pytest

from pipeline import figures
from pipeline.figures import INK, MUTED, SERIES, Figure, FigureError
from support import build, copy_project

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
def _module(monkeypatch):
    """This file's figures, named as a page's module (figure fences name snippets.pages only)."""
    module = types.ModuleType("snippets.pages.figures_test")
    for name, value in globals().items():
        if name.startswith("figure_"):
            setattr(module, name, value)
    monkeypatch.setitem(sys.modules, "snippets.pages.figures_test", module)
    CALLS.clear()


def _convert(text: str, tmp_path) -> str:
    md = markdown.Markdown(
        extensions=["pipeline.figures", "pymdownx.superfences", "admonition"],
        extension_configs={"pipeline.figures": {"cache": str(tmp_path / "cache")}},
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
    for kept in folder.glob("*.json"):
        kept.write_text("{not json")  # a file broken by a build that was stopped: drawn again, not a failure
    assert figures.cached("snippets.pages.figures_test:figure_curves", folder) == first
    assert CALLS == ["curves", "curves", "curves"]


def test_the_fingerprint_changes_with_any_module_and_only_then(tmp_path, monkeypatch):
    root = tmp_path / "snippets"
    (root / "pages").mkdir(parents=True)
    (tmp_path / "pipeline").mkdir()
    for drawing in ("figures.py", "diagram.py"):
        (tmp_path / "pipeline" / drawing).write_text("x = 1\n")
    (root / "pages" / "graphs.py").write_text("W = 0.5\n")
    monkeypatch.setattr(figures, "__file__", str(tmp_path / "pipeline" / "figures.py"))
    first = figures._fingerprint()
    assert figures._fingerprint() == first
    (root / "pages" / "graphs.py").write_text("W = 0.6\n")  # the same size: the content counts
    second = figures._fingerprint()
    assert second != first
    (root / "pages" / "new.py").write_text("")
    third = figures._fingerprint()
    assert third not in (first, second)
    (tmp_path / "pipeline" / "diagram.py").write_text("x = 2\n")  # the drawing code counts too
    assert figures._fingerprint() not in (first, second, third)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("figure_raises", "line 3: figure snippets.pages.figures_test:figure_raises: ValueError: w must be finite"),
        ("figure_black", "svg uses colours ['#000000']: draw with pipeline.figures INK, MUTED, PAPER and SERIES"),
        ("figure_silent", "returned an empty description: a figure needs a caption and a text alternative"),
        ("figure_styled", "must not hold <style>"),
        ("figure_string", "must return pipeline.figures.Figure, got str"),
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


def test_a_figure_fence_with_attributes_is_refused_not_shown_as_code(tmp_path):
    with pytest.raises(FigureError, match=r"line 1: a figure fence takes nothing after 'figure'"):
        _convert("```figure {#mine}\nsnippets.pages.figures_test:figure_drawn\n```\n", tmp_path)


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


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_broken_figure_fails_the_real_build_with_page_line_and_error(tmp_path, builder):
    project = copy_project(tmp_path)
    (project / "snippets/pages/broken_figure.py").write_text(
        "def figure_graph():\n    raise ValueError('x must have 2 entries, got 3')\n"
    )
    page = project / "docs/logistic-regression/dl-dz.md"
    text = page.read_text()
    at = text.index("\n## ")
    page.write_text(text[:at] + "\n\n```figure\nsnippets.pages.broken_figure:figure_graph\n```\n" + text[at:])
    line = text[:at].count("\n") + 4
    result = build(project, tmp_path / "site", builder)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        f"docs/logistic-regression/dl-dz.md:{line}: figure snippets.pages.broken_figure:figure_graph: "
        "ValueError: x must have 2 entries, got 3"
    ) in output, output[-3000:]
    assert "Traceback" not in output


# -- The computation graphs of the worked examples (snippets/pages/graphs.py) --------------------------


def _texts(html: str) -> str:
    """The figure's drawn text, tspans joined, as a reader sees it."""
    svg = html[html.index("<svg") : html.index("</svg>")]
    return " ".join(re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text[^>]*>.*?</text>", svg))


def _three(value: float) -> str:
    return f"{value:.3f}".replace("-", "−")


def test_the_logistic_graph_prints_the_examples_numbers_worked_by_hand():
    import math

    html = figures.render("snippets.pages.graphs:figure_logistic")
    drawn = _texts(html)
    z = 0.5 * 1 - 0.25 * 2 + 0.1  # the example of issue 11: x = (1, 2), w = (0.5, -0.25), b = 0.1, y = 1
    a = 1 / (1 + math.exp(-z))
    dz = a - 1
    for shown in [
        f"z = {_three(z)}".replace("z = ", "= "),
        f"a = σ(z) = {_three(a)}",
        f"L = {_three(-math.log(a))}",
        f"da = dL/da = {_three(-1 / a)}",
        f"dz = da·a(1 − a) = {_three(dz)}",
        f"dw1 = x1·dz = {_three(1 * dz)}",
        f"dw2 = x2·dz = {_three(2 * dz)}",
        f"db = dz = {_three(dz)}",
        f"dx1 = w1·dz = {_three(0.5 * dz)}",
        f"dx2 = w2·dz = {_three(-0.25 * dz)}",
        "w2 = −0.25",
    ]:
        assert shown in drawn, (shown, drawn)


def test_the_two_layer_graph_prints_the_networks_numbers_worked_by_hand():
    import math

    drawn = _texts(figures.render("snippets.pages.graphs:figure_two_layer"))
    x, y = (1.0, 2.0), 1.0
    W1, b1, W2, b2 = ((0.5, -0.25), (0.25, 0.5)), (0.1, -0.25), (1.0, -0.5), 0.2
    z1 = [W1[j][0] * x[0] + W1[j][1] * x[1] + b1[j] for j in range(2)]
    a1 = [math.tanh(z) for z in z1]
    z2 = W2[0] * a1[0] + W2[1] * a1[1] + b2
    a2 = 1 / (1 + math.exp(-z2))
    dz2 = a2 - y
    dz1 = [W2[j] * dz2 * (1 - a1[j] ** 2) for j in range(2)]
    for shown in [
        f"= ({_three(z1[0])}, {_three(z1[1])})",
        f"= ({_three(a1[0])}, {_three(a1[1])})",
        f"z[2] = W[2]a[1] + b[2] = {_three(z2)}",
        f"a[2] = σ(z[2]) = {_three(a2)}",
        f"dz[2] = a[2] − y = {_three(dz2)}",
        f"({_three(dz2 * a1[0])}, {_three(dz2 * a1[1])})",  # dW[2] = dz[2] a[1]^T
        f"= ({_three(W2[0] * dz2)}, {_three(W2[1] * dz2)})",  # da[1] = W[2]^T dz[2]
        f"= ({_three(dz1[0])}, {_three(dz1[1])})",
        f"({_three(dz1[0] * x[0])}, {_three(dz1[0] * x[1])})",  # dW[1] row 1 = dz[1]_1 x^T
        f"({_three(dz1[1] * x[0])}, {_three(dz1[1] * x[1])})",
        f"L = {_three(-math.log(a2))}",
    ]:
        assert shown in drawn, (shown, drawn)


def test_a_graph_draws_what_the_code_computes(monkeypatch):
    from snippets.pages import graphs

    monkeypatch.setattr(graphs, "dL_dz", lambda a, y: y - a)  # a wrong dz: the figure must show it, not a typed one
    drawn = _texts(figures.render("snippets.pages.graphs:figure_logistic"))
    assert "dz = da·a(1 − a) = 0.475" in drawn and "db = dz = 0.475" in drawn


def _in_order(text: str, pieces: list[str]) -> bool:
    """Whether every piece occurs in ``text``, each after the one before it."""
    at = 0
    for piece in pieces:
        at = text.find(piece, at)
        if at < 0:
            return False
        at += len(piece)
    return True


def test_a_graphs_text_alternative_has_every_number_in_order():
    from snippets.pages import graphs

    description = re.search(r"<desc[^>]*>(.*?)</desc>", figures.render("snippets.pages.graphs:figure_logistic"))[1]
    v = graphs._logistic_shown()
    names = ["x_1", "w_1", "x_2", "w_2", "b", "y", "z", "a", "L", "da", "dz", "dx_1", "dw_1", "dx_2", "dw_2", "db"]
    assert _in_order(description, [f" = {v[k]}" for k in names]), description
    assert not _in_order(description, [f" = {v[k]}" for k in ["dw_2", "da"]])  # da comes first: the test can fail
    description = re.search(r"<desc[^>]*>(.*?)</desc>", figures.render("snippets.pages.graphs:figure_two_layer"))[1]
    shown = graphs._network_shown()
    keys = ["x", "W^{[1]}", "b^{[1]}", "W^{[2]}", "b^{[2]}", "z^{[1]}", "a^{[1]}", "z^{[2]}", "a^{[2]}", "L"]
    keys += ["da^{[2]}", "dz^{[2]}", "dW^{[2]}", "db^{[2]}", "da^{[1]}", "dz^{[1]}", "dW^{[1]}", "db^{[1]}"]
    assert _in_order(description, [shown[k] for k in keys]), description


def test_the_worked_tables_print_the_graphs_numbers():
    from snippets.pages import graphs

    v = graphs._logistic_shown()
    table = graphs.table_logistic_dw_db()
    for k in ("z", "a", "L", "dz", "dw_1", "dw_2", "db"):
        assert f"| {v[k]} |" in table
    assert f"| {v['da']} |" in graphs.table_logistic_dz()
    shown = graphs._network_shown()
    assert f"| {shown['dW^{[1]}'].replace('; ', '<br>')} |" in graphs.table_two_layer()


@pytest.mark.parametrize(
    ("page", "figure"),
    [
        ("logistic-regression/dl-dz", "figure-graphs-logistic"),
        ("logistic-regression/dl-dw-db", "figure-graphs-logistic"),
        ("networks/two-layer", "figure-graphs-two-layer"),
    ],
)
def test_the_built_pages_show_their_graph_named_and_described(site, page, figure):
    html = (site[1] / page / "index.html").read_text()
    assert html.count(f'<figure class="figure" id="{figure}">') == 1
    assert f'role="img" aria-labelledby="{figure}-caption" aria-describedby="{figure}-description"' in html
    assert re.search(rf'<desc id="{figure}-description">The computation graph of [^<]{{200,}}</desc>', html)
    assert re.search(rf'<figcaption id="{figure}-caption">[^<]+</figcaption></figure>', html)
    # The search index has the caption, not the drawing's labels (they would outrank the pages' prose).
    index = json.loads((site[1] / "search/search_index.json").read_text())
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith(f"{page}/"))
    caption = re.search(rf'<figcaption id="{figure}-caption">([^<]+)</figcaption>', html)[1]
    assert caption in text and "The computation graph of" not in text
