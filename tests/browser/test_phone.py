"""A phone reader's page: the site's own font, formulas that fit or show that they scroll, tabs that wrap, the 404."""

from __future__ import annotations

import pytest

from browser.reader import open_page
from pipeline import mathjax_static

# What a 375 px phone shows of each display formula, and how the build measured it.
FORMULAS = """() => [...document.querySelectorAll('div.arithmatex mjx-container[display="true"]')]
  .map(c => {
    const svg = c.querySelector(':scope > svg');
    const style = getComputedStyle(c);
    return {ex: parseFloat(svg.getAttribute('width')), px: svg.getBoundingClientRect().width,
            box: c.clientWidth, padding: style.paddingLeft, margin: getComputedStyle(c.parentElement).marginLeft,
            column: document.querySelector('.md-content__inner > p').clientWidth,
            scrolls: c.scrollWidth > c.clientWidth, tabindex: c.getAttribute('tabindex'),
            overflow: style.overflowX, cue: style.backgroundImage};
  })"""


@pytest.fixture(scope="module")
def phone(browser):
    ctx = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True, has_touch=True)
    yield ctx
    ctx.close()


def test_text_is_drawn_in_the_sites_own_roboto(site, phone):
    url, _ = site
    page, visit = open_page(phone, url + "logistic-regression/dl-dz/")
    family = page.evaluate("() => getComputedStyle(document.querySelector('.md-typeset p')).fontFamily")
    loaded = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    page.close()
    assert family.startswith('Roboto, "Roboto Fallback')
    assert "Roboto" in loaded and "Roboto Mono" in loaded
    assert visit.outside == [] and visit.errors == []


def test_the_build_measures_formulas_as_the_browser_draws_them(site, phone):
    # The build's width check converts ex to px with Roboto's x-height; here chromium draws them.
    url, _ = site
    page, _ = open_page(phone, url + "networks/activations/")
    formulas = page.evaluate(FORMULAS)
    page.close()
    assert len(formulas) > 5
    for f in formulas:
        assert f["px"] == pytest.approx(f["ex"] * mathjax_static.EX_PX, abs=0.5), f
        # Every display formula has the whole column (343 px) the build checks against:
        # no bleed to the screen's edge, no padding taken off it.
        assert f["column"] == mathjax_static.DISPLAY_PX and f["padding"] == "0px" and f["margin"] == "0px", f
        assert f["box"] <= f["column"], f


@pytest.mark.parametrize("path", ["networks/activations/", "practice/gradient-checking/", "networks/softmax/"])
def test_a_formula_wider_than_a_phone_scrolls_in_its_box_with_a_cue_and_a_tab_stop(site, phone, path):
    url, _ = site
    page, _ = open_page(phone, url + path)
    formulas = page.evaluate(FORMULAS)
    wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.close()
    assert wide <= 0, f"the page scrolls sideways by {wide}px"
    for f in formulas:
        assert f["overflow"] == "auto" and f["tabindex"] == "0", f
        assert f["cue"].count("linear-gradient") == 4, f  # two covers, two shadows


def test_code_tabs_wrap_instead_of_scrolling(site, phone):
    url, _ = site
    page, _ = open_page(phone, url + "networks/activations/")
    bars = page.evaluate(
        """() => [...document.querySelectorAll('.tabbed-labels')].map(l => ({
            scrolls: l.scrollWidth > l.clientWidth, overflow: getComputedStyle(l).overflowX,
            rows: new Set([...l.children].map(c => Math.round(c.getBoundingClientRect().top))).size}))"""
    )
    page.close()
    assert bars and all(not b["scrolls"] and b["overflow"] == "visible" for b in bars), bars
    assert max(b["rows"] for b in bars) > 1  # seven tabs do not fit one row at 375 px


def test_the_404_page_in_dark_mode_passes_axe_and_its_button_is_not_a_list_item(site, browser):
    from axe_playwright_python.sync_playwright import Axe

    url, _ = site
    ctx = browser.new_context(viewport={"width": 375, "height": 800}, color_scheme="dark")
    page, _ = open_page(ctx, url + "404.html")  # what GitHub Pages serves for a missing page
    results = Axe().run(page)
    in_list = page.evaluate("() => !!document.querySelector('label.md-button').closest('li')")
    scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    ctx.close()
    assert scheme == "slate"
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
    assert not in_list


def test_a_scrolls_wrapper_scrolls_its_wide_inline_math_with_a_cue(site, phone):
    url, _ = site
    page, _ = open_page(phone, url + "logistic-regression/dl-dz/")
    state = page.evaluate(
        """() => {
        const box = document.createElement('div');
        box.className = 'scrolls';
        box.tabIndex = 0;
        const wide = document.querySelector('span.arithmatex mjx-container').cloneNode(true);
        wide.querySelector('svg').setAttribute('width', '80ex');  // 676 px
        box.append(wide);
        document.querySelector('.md-content article').append(box);
        const style = getComputedStyle(box);
        return {scrolls: box.scrollWidth > box.clientWidth, overflow: style.overflowX,
                cue: style.backgroundImage.split('linear-gradient').length - 1,
                sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth};
    }"""
    )
    page.close()
    assert state == {"scrolls": True, "overflow": "auto", "cue": 4, "sideways": 0}


def test_a_table_wider_than_a_phone_is_a_tab_stop(site, phone):
    from axe_playwright_python.sync_playwright import Axe

    url, _ = site
    page, visit = open_page(phone, url + "networks/layer-l/")
    # Material's bundle, which wraps tables, loads on the reader's first interaction: scroll a little.
    # (Before it, the table itself is the tab stop: tests/browser/test_speed_features.py.)
    page.mouse.wheel(0, 40)
    page.wait_for_selector(".md-typeset__scrollwrap", state="attached")
    boxes = page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
            .map(b => ({scrolls: b.scrollWidth > b.clientWidth, tabindex: b.getAttribute('tabindex')}))"""
    )
    results = Axe().run(page)
    page.close()
    assert any(b["scrolls"] for b in boxes), boxes
    assert all(b["tabindex"] == ("0" if b["scrolls"] else None) for b in boxes), boxes
    flagged = [n["target"] for v in results.response["violations"] for n in v["nodes"]]
    assert not [t for t in flagged if "scrollwrap" in str(t)], flagged
    assert visit.errors == []
