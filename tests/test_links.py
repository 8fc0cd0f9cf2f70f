"""Links in the built HTML: every internal link and anchor resolves; the link contract holds."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from support import ROOT, mkdocs_build

BASE = "http://127.0.0.1:8000/"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.refresh = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.refresh = attrs.get("content", "")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, _Page]:
    site = tmp_path_factory.mktemp("links-site")
    result = mkdocs_build(ROOT, site, site_url=BASE)
    assert result.returncode == 0, result.stderr
    pages = {}
    for html in site.rglob("*.html"):
        parser = _Page()
        parser.raw = html.read_text(encoding="utf-8")
        parser.feed(parser.raw)
        path = "/" + html.relative_to(site).as_posix()
        pages[path.removesuffix("index.html")] = parser
    return pages


def _resolve(pages: dict[str, _Page], path: str) -> tuple[str, _Page | None]:
    """Follow mkdocs-redirects' meta refresh pages to the page a reader ends on."""
    for _ in range(5):
        page = pages.get(path) or pages.get(path.rstrip("/") + "/")
        if page is None or not page.refresh:
            return path, page
        target = page.refresh.split("url=", 1)[-1]
        path = urlparse(urljoin(BASE.rstrip("/") + path, target)).path
    return path, None


def test_every_internal_link_and_anchor_resolves(built):
    broken = []
    for source, page in built.items():
        if page.refresh or source == "/404.html":
            continue
        for href in page.links:
            url = urlparse(urljoin(BASE.rstrip("/") + source, href))
            if url.netloc != urlparse(BASE).netloc:
                continue
            path = unquote(url.path)
            if Path(path).suffix and not path.endswith(".html"):
                continue  # a file: a preview image, a download
            target, found = _resolve(built, path)
            if found is None:
                broken.append(f"{source}: {href} (no page {target})")
            elif url.fragment and url.fragment not in found.ids:
                broken.append(f"{source}: {href} (no #{url.fragment} on {target})")
    assert broken == []


def _contract() -> list[str]:
    lines = (ROOT / "tests" / "link-contract.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("link", _contract())
def test_the_link_contract_holds(built, link):
    path, _, anchor = link.partition("#")
    target, page = _resolve(built, path)
    assert page is not None, f"{link}: the page is gone; add a redirect in mkdocs.yml"
    assert not anchor or anchor in page.ids, f"{link}: #{anchor} is gone from {target}"


def test_the_contract_catches_a_missing_anchor(built):
    _, page = _resolve(built, "/logistic-regression/dl-dz/")
    assert "step-9-no-such-step" not in page.ids


def test_the_404_page_links_home_and_offers_search(built):
    page = built["/404.html"]
    assert BASE in page.links
    assert 'for="__search">Search the site</label>' in page.raw
