"""The build-time width check: a formula wider than a 375 px phone's column is reported with file, line and width."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from snippets import mathjax_static as mj

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
    assert mj.EX_PX == pytest.approx(8.453, abs=1e-3) and mj.DISPLAY_PX == 343 and mj.INLINE_PX == 313


def test_a_formula_without_a_width_in_ex_is_an_error_not_a_pass():
    with pytest.raises(ValueError, match="no width in ex"):
        mj.width_px('<mjx-container><svg width="300px"></svg></mjx-container>')


def test_a_short_formula_fits_and_a_long_one_is_reported_with_its_width():
    short, wide = (mj._mathjax.typeset(tex, True)["html"] for tex in ("a = b", WIDE))
    assert mj.too_wide(short, display=True, inside_scrolls=False) is None
    message = mj.too_wide(wide, display=True, inside_scrolls=False)
    assert message.startswith("display formula ") and "343 px column" in message
    assert int(message.split()[2]) > 343
    assert mj.too_wide(wide, display=True, inside_scrolls=True) is None  # it scrolls, and says so
    inline = mj._mathjax.typeset(WIDE, False)["html"]
    assert "inline formula" in mj.too_wide(inline, display=False, inside_scrolls=False)
    assert "313 px" in mj.too_wide(inline, display=False, inside_scrolls=False)
    assert mj.too_wide(inline, display=False, inside_scrolls=True) is None


def test_scrolling_regions_count_nested_divs():
    html = '<div class="scrolls"><div class="arithmatex">a</div></div><div class="arithmatex">b</div>'
    (region,) = mj.scrolling_regions(html)
    assert html[region[0] : region[1]] == '<div class="scrolls"><div class="arithmatex">a</div></div>'
    assert mj.scrolling_regions('<div class="notscrolls"><div>x</div></div>') == []


def test_a_page_with_a_wide_formula_is_listed_with_file_line_and_width(monkeypatch):
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
        assert (mj.too_wide(answer, display=True, inside_scrolls=False) is not None) == (width > 343), width
    assert seen == {True, False}
