"""Material's bundle is loaded on the first interaction (overrides/main.html): what it runs still works.

Search, instant navigation, the palette toggle and copy buttons start once the reader
scrolls, touches, clicks or types; before that the page is complete (math typeset at
build time) and its colour scheme is the reader's. Screen readers get every formula.
"""

from __future__ import annotations

import re
from urllib.request import urlopen

import pytest

from browser.reader import open_page, search, settled

BUNDLE_LOADED = "() => [...document.scripts].some(s => /assets\\/javascripts\\/bundle\\./.test(s.src))"
# Each formula's speech text, which names its SVG for a screen reader (pipeline/tex2svg.cjs).
SPEECH = "() => [...document.querySelectorAll('mjx-container > svg')].map(s => s.getAttribute('aria-label'))"

# The outline each glyph id of the page now shown resolves to (pipeline/mathjax_static.py's shared glyphs).
GLYPHS_SHOWN = """() => Object.fromEntries([...document.querySelectorAll('mjx-container use')]
  .map(u => u.getAttribute('xlink:href').slice(1))
  .map(id => [id, document.getElementById(id) && document.getElementById(id).getAttribute('d')]))"""


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def _interact(page) -> None:
    """A reader's first scroll: Material's bundle is fetched, then its components start."""
    page.mouse.wheel(0, 200)
    page.wait_for_function(
        "() => typeof document$ !== 'undefined' && !!document.querySelector('.md-code__button[data-clipboard-target]')"
    )


def test_the_bundle_waits_for_the_reader_and_never_marks_the_body_as_switching(site, context):
    url, _ = site
    page, visit = open_page(context, url + "networks/layer-l/")
    page.wait_for_timeout(500)
    assert not page.evaluate(BUNDLE_LOADED), "Material's bundle ran at load, before any interaction"
    # palette.css's [data-md-color-switching] * rule restyles every element while <body> has the mark.
    page.evaluate(
        """() => { window.__marks__ = [];
        new MutationObserver(ms => ms.forEach(m => window.__marks__.push(m.attributeName)))
            .observe(document.body, {attributes: true}); }"""
    )
    _interact(page)
    assert page.evaluate(BUNDLE_LOADED)
    page.locator("form[data-md-component='palette'] label:not([hidden])").click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') === 'slate'")
    marks = page.evaluate("() => window.__marks__")
    page.close()
    assert "data-md-color-scheme" in marks, marks  # the observer saw the switch
    assert "data-md-color-switching" not in marks, "the bundle marked <body>: every element was restyled"
    assert visit.errors == []


def test_search_finds_a_page_after_the_first_interaction(site, context):
    url, _ = site
    page, visit = open_page(context, url)
    hrefs = search(page, "dz = a - y")  # typing in the search field is the first interaction
    page.close()
    assert hrefs and hrefs[0].startswith(url + "logistic-regression/dl-dz/"), hrefs[:5]
    assert visit.errors == []


def test_a_link_followed_before_the_bundle_ran_is_instant(site, context):
    url, _ = site
    page, visit = open_page(context, url)
    page.evaluate("() => { window.__kept__ = true; }")
    assert not page.evaluate(BUNDLE_LOADED)
    # The click is the first interaction: it is held until the bundle runs, which follows it.
    page.click("a[href$='logistic-regression/dl-dz/']")
    page.wait_for_url("**/logistic-regression/dl-dz/")
    page.wait_for_selector("h1:has-text('Why dz')")
    settled(page)
    kept = page.evaluate("() => window.__kept__ === true")
    # The new page's formulas draw with the new page's glyphs, not the last page's of the same id.
    shown = page.evaluate(GLYPHS_SHOWN)
    page.close()
    assert kept, "a full reload: instant navigation did not take the first click"
    served = urlopen(url + "logistic-regression/dl-dz/").read().decode()
    own = dict(re.findall(r'<path id="(g\d+)" d="([^"]*)"', served))
    assert len(shown) > 10 and shown == {id_: own[id_] for id_ in shown}
    assert visit.errors == []


@pytest.mark.parametrize("preferred", ["light", "dark"])
def test_the_first_visit_has_the_preferred_scheme_and_the_toggle_switches_it(browser, site, preferred):
    url, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=preferred)
    page, visit = open_page(context, url)
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    expected, other = ("slate", "default") if preferred == "dark" else ("default", "slate")
    # Before the bundle: the inline lines in overrides/main.html set the scheme.
    assert not page.evaluate(BUNDLE_LOADED)
    assert page.evaluate(scheme) == expected
    # The toggle is the first interaction: its change is handed to the bundle once it runs.
    page.click("form[data-md-component='palette'] label:not([hidden])")
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{other}'")
    page.wait_for_function(BUNDLE_LOADED)
    page.click("form[data-md-component='palette'] label:not([hidden])")
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{expected}'")
    # Kept for the next page, before its bundle runs.
    page.click("form[data-md-component='palette'] label:not([hidden])")
    page.wait_for_function(f"() => document.body.getAttribute('data-md-color-scheme') === '{other}'")
    page.goto(url + "networks/layer-l/", wait_until="load")
    assert not page.evaluate(BUNDLE_LOADED)
    assert page.evaluate(scheme) == other
    context.close()
    assert visit.errors == []


def test_a_copy_button_copies_its_code(browser, site):
    url, _ = site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url.rstrip("/"))
    page, visit = open_page(context, url + "networks/layer-l/")
    _interact(page)
    button = page.locator(".md-code__button[data-clipboard-target]").first
    code = page.evaluate(
        "() => document.querySelector(document.querySelector('.md-code__button[data-clipboard-target]')"
        ".getAttribute('data-clipboard-target')).innerText"
    )
    button.scroll_into_view_if_needed()
    button.click()
    copied = page.evaluate("() => navigator.clipboard.readText()")
    context.close()
    assert code.strip() and copied.strip() == code.strip()
    assert visit.errors == []


def test_every_formula_is_one_image_named_by_its_speech_text(site, context):
    url, _ = site
    page, _ = open_page(context, url + "logistic-regression/dl-dz/")
    # A closed <details> keeps its formulas out of the tree until it is opened.
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    speech = page.evaluate(SPEECH)
    copies = page.evaluate("() => document.querySelectorAll('.md-content math, mjx-assistive-mml').length")
    cdp = context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    page.close()
    images = [n["name"]["value"] for n in nodes if n.get("role", {}).get("value") == "image" and not n.get("ignored")]
    assert len(speech) > 20 and all(speech), speech
    # One copy of each formula: the SVG a screen reader reads by its name, no hidden MathML beside it.
    assert copies == 0
    assert sorted(set(speech) - set(images)) == []
    assert "StartFraction d upper L Over d z EndFraction" in speech


def test_a_wide_table_is_one_tab_stop_before_and_after_the_bundle(browser, site):
    url, _ = site
    phone = browser.new_context(viewport={"width": 375, "height": 812})
    page, visit = open_page(phone, url + "networks/layer-l/")
    stops = """() => [...document.querySelectorAll('.md-typeset table:not([class]), .md-typeset__scrollwrap')]
        .filter(b => b.scrollWidth > b.clientWidth).map(b => [b.className || 'table', b.getAttribute('tabindex')])"""
    before = page.evaluate(stops)
    page.keyboard.press("Tab")  # the first key starts the bundle, which wraps the table
    page.wait_for_selector(".md-typeset__scrollwrap[tabindex='0']")
    after = page.evaluate(
        """() => { const box = document.querySelector('.md-typeset__scrollwrap[tabindex]');
        return [box.getAttribute('tabindex'), box.querySelector('table').getAttribute('tabindex')]; }"""
    )
    phone.close()
    assert before and all(tabindex == "0" for _, tabindex in before), before
    # Wrapped: the box scrolls and is the one tab stop; the table inside it is not one.
    assert after == ["0", None], after
    assert visit.errors == []
