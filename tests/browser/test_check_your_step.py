"""Check your own step, in Debian's chromium at 375 px: the site's checker, run by Pyodide in the reader's browser.

Every request is routed: one to another host fails the test. The answers are compared with the same
module (checker/reader_step.py) run here in CPython on the data the page carries.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest
from test_reader_step import POSTS, RIGHT

from checker import reader_step
from checker.document import blocks
from support import ROOT

# The box has answered: a state, and not "checking" (ask() clears it before each press).
ANSWERED = "(() => { const s = document.querySelector('.check-step').dataset.state; return s && s !== 'checking'; })"
LOAD_MS = 180_000  # Pyodide and sympy on a busy 2-core machine: the first answer takes seconds, not minutes


@pytest.fixture(scope="module")
def phone(browser, site):
    """A phone-sized tab; ``outside`` collects every request to another host (each is aborted)."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    outside, fetched = [], []

    def route(handle):
        url = handle.request.url
        if urlparse(url).hostname == urlparse(site[0]).hostname:
            fetched.append(url)
            handle.continue_()
        else:
            outside.append(url)
            handle.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site[0] + "logistic-regression/dl-dz/", wait_until="load")
    yield page, outside, fetched, errors
    context.close()


def ask(page, text: str) -> tuple[str, list[str]]:
    """Type ``text`` in the box, press the button, and wait for the answer: (state, lines)."""
    page.fill("#check-step-input", text)
    page.evaluate("document.querySelector('.check-step').dataset.state = ''")
    page.click(".check-step button")
    page.wait_for_function(ANSWERED, timeout=LOAD_MS)
    state = page.get_attribute(".check-step", "data-state")
    return state, page.inner_text(".check-step-answer").splitlines()


def data(page) -> dict:
    """The page's data as its box sends it: the file the build's last step wrote (or what a test put in the box)."""
    return json.loads(page.evaluate(DATA))


DATA = """async () => {
  const box = document.querySelector('.check-step');
  return box.dataset.page ?? await (await fetch('/assets/checker/pages/' + box.dataset.pageFile)).text();
}"""


def test_nothing_of_the_checker_loads_before_the_button(phone):
    page, outside, fetched, _ = phone
    page.focus("#check-step-input")  # a touch starts Material's scripts, check-step.js among them
    page.mouse.wheel(0, 4000)
    page.wait_for_function("typeof document$ !== 'undefined'")
    page.wait_for_timeout(1000)
    assert not [u for u in fetched if "assets/checker/" in u or "check-step-worker" in u]
    assert page.get_attribute(".check-step", "data-page") is None  # the definitions: a file, fetched on the click
    assert "(downloads about " in page.inner_text(".check-step button")
    assert not outside


def test_the_posts_wrong_common_denominator_gets_its_counterexample(phone):
    page, outside, _, errors = phone
    state, answer = ask(page, POSTS)
    assert (state, answer) == ("wrong", reader_step.check(data(page), POSTS)["answers"])
    assert answer == ["wrong: at y = 0.263, z = −0.0273, a = 0.493 the left side is 0.92 and the right side is 3.03"]
    assert page.inner_text(".check-step button") == "Check this step"  # downloaded: no more warning
    assert not outside and not errors


def test_the_right_line_is_correct(phone):
    page, _, _, _ = phone
    assert ask(page, RIGHT) == ("correct", ["correct: proved by algebra (and equal at 24 random points)"])


def test_a_line_that_cannot_be_read_says_so(phone):
    page, _, _, _ = phone
    assert ask(page, r"\frac{dL}{da} = \frac{1}{") == (
        "unreadable",
        ["cannot read this LaTeX: I expected something else here"],
    )


def test_an_undeclared_symbol_is_named(phone):
    page, _, _, _ = phone
    state, answer = ask(page, r"\frac{dL}{dq} = 1")
    assert state == "undefined" and "q is neither declared" in answer[0]


def test_a_check_past_its_time_is_stopped_and_the_next_one_answers(phone):
    page, outside, fetched, _ = phone
    page.evaluate("document.querySelector('.check-step').dataset.timeoutMs = '1'")
    state, answer = ask(page, r"\frac{dL}{dz} = \frac{dL}{da} \cdot \frac{da}{dz}")
    assert state == "timeout" and answer[0].startswith("timeout: the check ran longer than 0.001 s and was stopped")
    page.evaluate("document.querySelector('.check-step').dataset.timeoutMs = '20000'")
    workers = sum("check-step-worker" in u for u in fetched)
    assert ask(page, RIGHT)[0] == "correct"
    assert sum("check-step-worker" in u for u in fetched) == workers + 1  # a new worker, the old one ended
    assert not outside


def test_after_instant_navigation_the_next_pages_box_checks_against_that_page(phone):
    page, outside, fetched, errors = phone
    page.evaluate("() => { window.__kept_across_navigation__ = true; }")
    workers = sum("check-step-worker" in u for u in fetched)
    page.click("a.md-footer__link--next")
    page.wait_for_url("**/logistic-regression/sigmoid-derivative/")
    page.wait_for_selector("h1:has-text('derivative')")
    assert page.evaluate("() => window.__kept_across_navigation__ === true")  # no reload: the same worker
    assert data(page)["definitions"][0].startswith("\\sigma(z) = ")  # the sigmoid's page's own
    assert page.inner_text(".check-step button") == "Check this step"
    state, answer = ask(page, r"\frac{d}{dz}\sigma(z) = \sigma(z)\left(1 - \sigma(z)\right)")
    assert (state, answer) == (
        "correct",
        reader_step.check(data(page), r"\frac{d}{dz}\sigma(z) = \sigma(z)\left(1 - \sigma(z)\right)")["answers"],
    )
    assert sum("check-step-worker" in u for u in fetched) == workers
    assert not outside and not errors


def test_a_press_before_the_pages_scripts_have_arrived_is_answered(browser, site):
    """The box's script loads with Material's, on the first touch: a press can be that touch."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(site[0] + "logistic-regression/dl-dz/", wait_until="load")
    assert page.evaluate("typeof document$") == "undefined"  # nothing of Material's yet
    page.click(".check-step button")  # empty: no typing first, which would load them
    page.wait_for_function(ANSWERED, timeout=LOAD_MS)
    said = page.inner_text(".check-step-answer")
    context.close()
    assert said == "cannot read this LaTeX: the box is empty; type a step such as a = b"


def test_a_checker_that_does_not_load_in_time_says_so_and_the_next_press_loads_it(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    stalled = []
    context.route("**/assets/checker/site-packages.zip", lambda handle: stalled.append(handle))  # never answered
    page = context.new_page()
    page.goto(site[0] + "logistic-regression/dl-dz/", wait_until="load")
    page.focus("#check-step-input")
    page.wait_for_function("typeof document$ !== 'undefined'")
    page.evaluate("document.querySelector('.check-step').dataset.loadTimeoutMs = '4000'")
    state, answer = ask(page, RIGHT)
    assert stalled and (state, answer[0]) == (
        "timeout",
        "timeout: the checker did not load within 4 s (a slow or broken connection?); press the button to try again",
    )
    context.unroute("**/assets/checker/site-packages.zip")
    page.evaluate("document.querySelector('.check-step').dataset.loadTimeoutMs = '180000'")
    assert ask(page, RIGHT)[0] == "correct"
    context.close()


def test_a_site_without_the_checkers_files_says_so(browser, site):
    """As under mkdocs serve, which does not run the steps after the build: a message, not a hang."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    # The runtime and the wheels missing (pages/, the definitions, kept: mkdocs serve has them in the page).
    context.route("**/assets/checker/*", lambda handle: handle.fulfill(status=404, body="not found"))
    page = context.new_page()
    page.goto(site[0] + "logistic-regression/dl-dz/", wait_until="load")
    state, answer = ask(page, RIGHT)
    context.close()
    assert state == "failed" and answer[0].startswith("the checker failed: this site has no checker for the browser")


def test_a_host_that_decodes_the_gzipped_wasm_itself_works_too(browser, site):
    """A host may send pyodide.asm.wasm.gz with Content-Encoding: gzip: the worker then gets the wasm itself."""
    wasm = (ROOT / "node_modules/pyodide/pyodide.asm.wasm").read_bytes()
    context = browser.new_context(viewport={"width": 375, "height": 740})
    context.route("**/assets/checker/pyodide.asm.wasm.gz", lambda handle: handle.fulfill(status=200, body=wasm))
    page = context.new_page()
    page.goto(site[0] + "logistic-regression/dl-dz/", wait_until="load")
    state, answer = ask(page, RIGHT)
    context.close()
    assert (state, answer) == ("correct", ["correct: proved by algebra (and equal at 24 random points)"])


def test_definitions_that_do_not_load_say_so(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    context.route("**/assets/checker/pages/*", lambda handle: handle.fulfill(status=404, body="not found"))
    page = context.new_page()
    page.goto(site[0] + "logistic-regression/dl-dz/", wait_until="load")
    state, answer = ask(page, RIGHT)
    context.close()
    assert (state, answer) == ("failed", ["the checker failed: this page's definitions did not load (404 Not Found)"])


def test_every_request_stayed_on_the_sites_host(phone):
    _, outside, fetched, _ = phone
    assert not outside
    assert any(u.endswith("assets/checker/pyodide.asm.wasm.gz") for u in fetched)
    assert any(u.endswith("assets/checker/site-packages.zip") for u in fetched)


def _fences(site) -> list[tuple[str, dict, str, str]]:
    """(page, the data its box carries, a fence's kind, its lines) for every fence of the site, in page order."""
    found = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").with_suffix("").as_posix()
        fences = [b for b in blocks(md.read_text(encoding="utf-8")) if b.kind.startswith("derivation")]
        if not fences:
            continue
        built = (site[1] / rel / "index.html").read_text(encoding="utf-8")
        carried = re.search(r'<section class="check-step"[^>]* data-page-file="([0-9a-f]{16}\.json)"', built)
        assert carried, f"{rel}: derivation fences and no box"
        carried = json.loads((site[1] / "assets/checker/pages" / carried[1]).read_text(encoding="utf-8"))
        found += [(rel, carried, b.kind, "\n".join(text for _, text in b.lines)) for b in fences]
    return found


def test_every_fence_of_the_site_gets_the_same_answer_in_the_browser_as_in_python(phone, site):
    """The box's semantics (after all of a page's definitions) in Pyodide and in CPython, fence by fence.

    A fence the build checks at its place can read otherwise after the whole page: softmax's rejected
    dz_1 = a_1 - y_1 holds once y_3 = 1 - y_1 - y_2 is defined below it. What must not differ is the answer.
    """
    page, outside, _, errors = phone
    fences = _fences(site)
    assert len(fences) > 150
    verdicts = {}
    for rel, carried, kind, text in fences:
        page.evaluate("t => { document.querySelector('.check-step').dataset.page = t; }", json.dumps(carried))
        state, answer = ask(page, text)
        expected = reader_step.check(carried, text)
        assert (state, answer) == (expected["verdict"], expected["answers"]), f"{rel}: {text}"
        verdicts.setdefault(kind, []).append(state)
    assert not outside and not errors
    assert set(verdicts["derivation-unreadable"]) == {"unreadable"}
    assert verdicts["derivation-rejected"].count("correct") <= 1  # softmax's, above
