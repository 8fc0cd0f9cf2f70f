"""Every page in a real chromium: math typeset once, nothing failing, nothing leaving the machine."""

from __future__ import annotations

import pytest

from browser.conftest import ARTIFACTS, page_paths, pages
from browser.reader import MATH_STATE, open_page, search, settled


@pytest.fixture(scope="module")
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


def test_the_built_site_has_the_pages_the_source_has(site):
    _, folder = site
    assert sorted(pages(folder)) == sorted(page_paths())


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_math_is_typeset_exactly_once_and_nothing_fails(site, context, path):
    url, _ = site
    page, visit = open_page(context, url + path)
    state = page.evaluate(MATH_STATE)
    page.close()
    assert state["raw"] == [], "math left untypeset"
    assert state["containers"] == state["arithmatex"], state
    assert state["twice"] == 0
    assert state["merror"] == 0, "MathJax reported a TeX error"
    assert state["red"] == 0, "an undefined macro is painted red"
    assert state["leftover"] == [], "raw TeX in the page text"
    assert visit.errors == []
    assert visit.outside == [], "a request left 127.0.0.1"


def test_the_math_needs_no_javascript(site, browser):
    # MathJax ran at build time: with JavaScript off, a reader still gets every formula.
    url, _ = site
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url + "logistic-regression/dl-dz/", wait_until="load")
    state = page.evaluate(MATH_STATE)
    scripts = page.evaluate("() => [...document.scripts].map(s => s.src).filter(s => /mathjax/i.test(s))")
    context.close()
    assert state["arithmatex"] > 20 and state["containers"] == state["arithmatex"] and state["raw"] == []
    assert scripts == []


def test_the_checks_would_catch_untypeset_math(site, context):
    # The same checks on a page with TeX that nobody typeset, and with an error node: they must not pass.
    url, _ = site
    page, _ = open_page(context, url)
    page.evaluate(
        """() => {
        const p = document.createElement('p');
        p.innerHTML = '<span class="arithmatex">\\\\(\\\\frac{1}{2}\\\\)</span>'
          + '<span class="arithmatex"><mjx-container><mjx-merror></mjx-merror></mjx-container></span>';
        document.querySelector('.md-content article').append(p);
    }"""
    )
    state = page.evaluate(MATH_STATE)
    page.close()
    assert state["raw"] and state["merror"] == 1 and state["leftover"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("device", "width"), [("desktop", 1280), ("phone", 375)])
@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_screenshots_and_no_sideways_scroll_on_a_phone(site, browser, path, device, width, scheme):
    url, _ = site
    context = browser.new_context(
        viewport={"width": width, "height": 800},
        color_scheme=scheme,
        device_scale_factor=1,
        is_mobile=device == "phone",
        has_touch=device == "phone",
    )
    page, visit = open_page(context, url + path)
    wide = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    name = (path.strip("/").replace("/", "--") or "home") + f"--{device}--{scheme}.png"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)
    context.close()
    assert wide <= 0, f"the page scrolls sideways by {wide}px at {width}px"
    assert visit.errors == []


def test_instant_navigation_shows_the_next_page_with_its_math(site, context):
    url, _ = site
    page, visit = open_page(context, url)
    page.evaluate("() => { window.__kept_across_navigation__ = true; }")
    page.click("a[href$='logistic-regression/dl-dz/']")
    page.wait_for_url("**/logistic-regression/dl-dz/")
    page.wait_for_selector("h1:has-text('Why dz')")
    settled(page)
    # Instant navigation swaps the document in place; the marker proves no full reload happened.
    assert page.evaluate("() => window.__kept_across_navigation__ === true")
    state = page.evaluate(MATH_STATE)
    page.close()
    assert state["arithmatex"] > 20
    assert state["containers"] == state["arithmatex"] and state["raw"] == []
    assert visit.errors == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("dz = a - y", "logistic-regression/dl-dz/"),
        ("softmax", "networks/softmax/"),
        ("sigmoid derivative", "logistic-regression/sigmoid-derivative/"),
        ("tanh derivative", "networks/activations/"),
        ("1/m", "logistic-regression/m-examples/"),
        ("transpose", "networks/layer-l/"),
        ("relu mask", "networks/activations/"),
        # The pages of issue 11: each question's page first.
        ("batch norm", "course-2/batch-norm/"),
        ("vanishing gradients", "course-2/vanishing-gradients/"),
        ("multi-label", "networks/multi-label/"),
        ("cross-entropy squared error", "logistic-regression/why-cross-entropy/"),
        ("maximum likelihood", "logistic-regression/where-the-loss-comes-from/"),
        ("gradient checking dropout", "course-2/dropout/"),  # its question: why turn dropout off for gradient checking?
        ("gradient check after training", "course-2/gradient-checking-in-practice/"),
        ("why is there a log in the loss", "logistic-regression/where-the-loss-comes-from/"),  # a question it lists
    ],
)
def test_search_puts_the_page_that_answers_first(site, context, query, expected):
    url, _ = site
    page, _ = open_page(context, url)
    hrefs = search(page, query)
    # Typed a key at a time, every prefix is a query too ("ta" for "tanh derivative" once came back as the
    # results): read them until they stay the same for a second, the last query's answer.
    for _ in range(20):
        page.wait_for_timeout(500)
        shown = page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")
        if shown == hrefs:
            page.wait_for_timeout(500)
            if page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)") == hrefs:
                break
        hrefs = shown
    # What a reader reads in the results, leaving out TeX quoted as code.
    texts = page.evaluate(
        """() => { const r = document.querySelector('.md-search-result').cloneNode(true);
        r.querySelectorAll('code').forEach(c => c.remove()); return r.textContent; }"""
    )
    page.close()
    assert hrefs and hrefs[0].startswith(url + expected), hrefs[:5]
    assert "\\(" not in texts and "\\frac" not in texts and "amp;" not in texts, "raw TeX in the search results"


@pytest.fixture(scope="module")
def dark(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    yield ctx
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_no_serious_accessibility_violation(site, context, dark, path, scheme):
    from axe_playwright_python.sync_playwright import Axe

    url, _ = site
    page, _ = open_page(context if scheme == "light" else dark, url + path)
    results = Axe().run(page)
    page.close()
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in bad]
