"""A page as a reader's browser loads it, with every request and message recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

MATH_STATE = """() => {
  const top = [...document.querySelectorAll('mjx-container')];
  const arith = [...document.querySelectorAll('.arithmatex')];
  const raw = arith.filter(el => !el.querySelector('mjx-container')).map(el => el.textContent.slice(0, 80));
  const twice = arith.filter(el => el.querySelectorAll('mjx-container').length > 1).length;
  const body = document.querySelector('.md-content').cloneNode(true);
  body.querySelectorAll('pre, code, mjx-container, script').forEach(el => el.remove());
  const text = body.textContent;
  const red = [...document.querySelectorAll('mjx-container [style*="color"]')]
      .filter(el => /red|#f00|rgb\\(255, 0, 0\\)/i.test(el.getAttribute('style'))).length;
  return {
    containers: top.length, arithmatex: arith.length, raw, twice,
    merror: document.querySelectorAll('mjx-merror, [data-mjx-error]').length,
    red,
    // TeX commands, the opening delimiters, and dollar math left by a notebook Markdown cell.
    leftover: (text.match(/\\\\(frac|begin|sigma|cdot|left|right|log)|\\\\[([]|\\$[^$\\s][^$]*?\\$/g) || []),
  };
}"""


@dataclass
class Visit:
    """What happened while one page loaded."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)


def open_page(context, url: str):
    """Load ``url`` in a new tab and wait until it has settled."""
    page = context.new_page()
    visit = Visit()
    page.on("console", lambda m: visit.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: visit.errors.append(f"failed request: {r.url} {r.failure}"))
    page.on("response", lambda r: visit.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.on(
        "request",
        lambda r: visit.outside.append(r.url) if urlparse(r.url).hostname not in ("127.0.0.1", None) else None,
    )
    page.goto(url, wait_until="load")
    settled(page)
    return page, visit


def settled(page) -> None:
    """Wait until the page's fonts are in: the math is SVG in the HTML, typeset when the site was built."""
    page.evaluate("() => document.fonts.ready.then(() => true)")


def search(page, query: str) -> list[str]:
    """Type ``query`` in the search field; the hrefs of the results, best first.

    The search index loads in a web worker; on a busy machine a query typed before
    it is ready is answered once it is, so type again until results show or time runs out.
    """
    results = page.locator(".md-search-result__item a")
    for _ in range(6):
        page.fill("input[data-md-component='search-query']", "")
        page.type("input[data-md-component='search-query']", query)
        try:
            results.first.wait_for(timeout=5_000)
            break
        except Exception:
            continue
    return results.evaluate_all("els => els.map(a => a.href)")
