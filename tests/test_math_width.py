"""The build-time width check: a formula wider than a 375 px phone's column is reported with file, line and width."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from pipeline import mathjax_static as mj

WIDE = " + ".join(f"x_{{{i}}}" for i in range(1, 25))  # x_1 + ... + x_24: about 600 px
SOURCE = "# A page\n\nSome text.\n\n\\[\n" + WIDE + "\n\\]\n"


def _page(source: str = SOURCE):
    return SimpleNamespace(file=SimpleNamespace(src_uri="section/page.md", content_string=source))


def _display(tex: str, wrapper: str = "") -> str:
    math = f'<div class="arithmatex">\\[{tex}\\]</div>'
    return f'<div class="{wrapper}"><p>text</p>{math}</div>' if wrapper else math


def test_the_width_is_the_svgs_ex_at_robotos_x_height():
    answer = mj._mathjax.typeset("x", False)["html"]
    ex = float(mj._WIDTH.search(answer)["ex"])
    assert mj.width_px(answer) == pytest.approx(ex * 1082 / 2048 * 16)
    assert mj.EX_PX == pytest.approx(8.453, abs=1e-3) and mj.DISPLAY_PX == 343


def test_a_formula_without_a_width_in_ex_is_an_error_not_a_pass():
    with pytest.raises(ValueError, match="no width in ex"):
        mj.width_px('<mjx-container><svg width="300px"></svg></mjx-container>')


def test_a_short_formula_fits_and_a_long_one_is_reported_with_its_width():
    short, wide = (mj._mathjax.typeset(tex, True)["html"] for tex in ("a = b", WIDE))
    assert mj.too_wide(short, display=True) is None
    message = mj.too_wide(wide, display=True)
    assert message.startswith("display formula ") and "the 343 px it has" in message
    assert int(message.split()[2]) > 343
    assert mj.too_wide(wide, display=True, scrolls=True) is None  # it scrolls, and says so
    inline = mj._mathjax.typeset(WIDE, False)["html"]
    assert "inline formula" in mj.too_wide(inline, display=False)
    assert "the 313 px it has" in mj.too_wide(inline, display=False, inset=30)
    assert mj.too_wide(inline, display=False, scrolls=True) is None


def test_a_formula_has_the_column_less_the_boxes_around_it_and_a_scrolling_box_lets_it_pass():
    html = (
        '<p>a</p><ul><li><div class="admonition note"><p>b</p></div>c</li></ul>'
        '<div class="scrolls"><div>d</div></div><table><tr><td>e</td></tr></table><p>f</p>'
    )
    found = mj.boxes(html)
    at = {ch: mj.box_at(found, html.index(f">{ch}<") + 1) for ch in "abcdef"}
    assert at == {"a": (0, False), "b": (56, False), "c": (30, False), "d": (0, True), "e": (0, True), "f": (0, False)}
    # A list item Markdown left unclosed closes with its list's box.
    # Material's collapsible admonition, and the quiet mark, which is not one.
    html = '<details class="note"><p>g</p></details><details class="step-check"><li>h</li></details>'
    found = mj.boxes(html)
    assert mj.box_at(found, html.index(">g<") + 1) == (26, False)
    assert mj.box_at(found, html.index(">h<") + 1) == (34, False)
    found = mj.boxes('<div class="admonition"><li>x</div><p>y</p>')
    assert mj.box_at(found, len('<div class="admonition"><li>x</div><p>')) == (0, False)


def test_a_page_with_a_wide_formula_is_listed_with_file_line_and_width(monkeypatch):
    monkeypatch.setattr(mj, "WIDE_FAILS", False)  # the list, as a build shows it with the rule off
    monkeypatch.setattr(mj, "_too_wide", [])
    out = mj.on_post_page(_display(WIDE), _page(), {})
    assert "<mjx-container" in out
    (entry,) = mj._too_wide
    assert entry.startswith("section/page.md:6: display formula ") and "x_{1} + x_{2}" in entry


def test_with_wide_fails_the_build_stops_with_file_line_and_width(monkeypatch):
    monkeypatch.setattr(mj, "WIDE_FAILS", True)
    with pytest.raises(PluginError, match=r"section/page\.md:6: display formula \d+ px wide"):
        mj.on_post_page(_display(WIDE), _page(), {})
    # The same formula in an explicitly scrolling wrapper passes, and a short one anywhere.
    mj.on_post_page(_display(WIDE, wrapper="scrolls"), _page(), {})
    mj.on_post_page(_display("a = b"), _page(), {})


def test_the_line_of_an_aligned_block_is_the_line_of_its_first_row():
    source = "intro\n\n```derivation\n\\frac{dL}{da} = -\\frac{y}{a}\n= b\n```\n"
    assert mj._line(source, "\\begin{aligned}\\frac{dL}{da} &= -\\frac{y}{a} \\\\ &= b\\end{aligned}") == "4"
    assert mj._line(source, "q = r") == "?"


def test_the_limit_is_the_column_exactly():
    # Sums of 8 to 16 terms straddle 343 px: each is reported exactly when it is wider.
    seen = set()
    for n in range(8, 17):
        answer = mj._mathjax.typeset(" + ".join(f"x_{{{i}}}" for i in range(n)), True)["html"]
        width = mj.width_px(answer)
        seen.add(width > 343)
        assert (mj.too_wide(answer, display=True) is not None) == (width > 343), width
    assert seen == {True, False}


def test_a_formula_that_fits_the_column_but_not_a_list_item_is_reported_in_the_list(monkeypatch):
    monkeypatch.setattr(mj, "WIDE_FAILS", False)  # the list, as a build shows it with the rule off
    sums = [" + ".join(f"x_{{{i}}}" for i in range(n)) for n in range(8, 17)]
    tex = next(t for t in sums if 313 < mj.width_px(mj._mathjax.typeset(t, False)["html"]) <= 343)
    source = f"- in a list: \\({tex}\\)\n\nIn a paragraph: \\({tex}\\)\n"
    output = f'<ul><li>in a list: <span class="arithmatex">\\({tex}\\)</span></li></ul><p>In a paragraph: x</p>'
    monkeypatch.setattr(mj, "_too_wide", [])
    mj.on_post_page(output, _page(source), {})
    (entry,) = mj._too_wide
    assert entry.startswith("section/page.md:1: inline formula ") and "the 313 px it has" in entry
    mj.on_post_page(f'<p>In a paragraph: <span class="arithmatex">\\({tex}\\)</span></p>', _page(source), {})
    assert len(mj._too_wide) == 1  # the same formula in a paragraph fits its 343 px


def test_the_build_ends_with_the_list_of_too_wide_formulas(monkeypatch, capsys):
    monkeypatch.setattr(mj, "WIDE_FAILS", False)  # the list, as a build shows it with the rule off
    monkeypatch.setattr(mj, "_too_wide", [])
    mj.report_too_wide()
    assert capsys.readouterr().err == ""
    mj.on_post_page(_display(WIDE) + _display("a = b"), _page(), {})
    mj.report_too_wide()
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "1 formulas are wider than a 375 px phone:"
    assert lines[1].startswith("  section/page.md:6: display formula ") and len(lines) == 2
