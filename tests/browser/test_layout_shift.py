"""Nothing moves while a page loads on a phone: cumulative layout shift 0 on every page.

Loaded as Lighthouse's mobile run loads it (a 412 x 823 screen at 1.75 device pixels
per px, no throttling: Lighthouse simulates the slow network afterwards, but measures
shifts on the real load), in a fresh context so no font is cached: what arrives late
(a font, the bundle) must not move what is already drawn.
"""

from __future__ import annotations

import pytest

from browser.conftest import page_paths

# Every shift of the load, with what moved (Chromium's Layout Instability API), from the first byte.
# Those marked hadRecentInput too: headless Chromium marks a load's shifts so, and Lighthouse counts them.
WATCH = """window.__shifts__ = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shifts__.push(
  {value: e.value, moved: e.sources.map(s => (s.node ? s.node.textContent || s.node.nodeName : '?').slice(0, 60))});
}).observe({type: 'layout-shift', buffered: true});"""


def _shifts(browser, url: str) -> list[dict]:
    """One cold load's layout shifts: a fresh context, so no font is cached."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True)
    page = context.new_page()
    page.add_init_script(WATCH)
    page.goto(url, wait_until="load")
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.wait_for_timeout(500)
    shifts = page.evaluate("() => window.__shifts__")
    context.close()
    return shifts


@pytest.mark.parametrize("path", page_paths(), ids=lambda p: p or "home")
def test_nothing_moves_while_the_page_loads(site, browser, path):
    url, _ = site
    first = _shifts(browser, url + path)
    # A face the page lacks arrives late on every load; on a machine busy with other work
    # a preloaded one can miss the first paint once. A shift on both loads is the page's.
    second = _shifts(browser, url + path) if first else []
    assert not (first and second), (first, second)
