"""Links in the built HTML: every internal link and anchor resolves; the link contract holds."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from support import ROOT


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.refresh = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "refresh":
            self.refresh = attrs.get("content", "")
        if tag == "meta" and (attrs.get("property") or attrs.get("name")):
            self.meta[attrs.get("property") or attrs.get("name")] = attrs.get("content", "")


@dataclass
class Site:
    """The built pages by path below the root, and the root URL they were built for."""

    base: str
    pages: dict[str, _Page]

    def resolve(self, path: str) -> tuple[str, _Page | None]:
        """Follow mkdocs-redirects' meta refresh pages to the page a reader ends on."""
        for _ in range(5):
            page = self.pages.get(path) or self.pages.get(path.rstrip("/") + "/")
            if page is None or not page.refresh:
                return path, page
            target = page.refresh.split("url=", 1)[-1]
            path = urlparse(urljoin(self.base.rstrip("/") + path, target)).path
        return path, None

    def broken(self, link: str) -> str | None:
        """Why a contract line (a path, an optional #anchor) no longer resolves, or None."""
        path, _, anchor = link.partition("#")
        target, page = self.resolve(path)
        if page is None:
            return f"{link}: the page is gone; add a redirect in mkdocs.yml"
        if anchor and anchor not in page.ids:
            return f"{link}: #{anchor} is gone from {target}"
        return None


@pytest.fixture(scope="module")
def built(site) -> Site:
    base, folder = site
    pages = {}
    for html in folder.rglob("*.html"):
        parser = _Page()
        parser.raw = html.read_text(encoding="utf-8")
        parser.feed(parser.raw)
        path = "/" + html.relative_to(folder).as_posix()
        pages[path.removesuffix("index.html")] = parser
    return Site(base, pages)


def test_every_internal_link_and_anchor_resolves(built):
    broken = []
    for source, page in built.pages.items():
        if page.refresh or source == "/404.html":
            continue
        for href in page.links:
            url = urlparse(urljoin(built.base.rstrip("/") + source, href))
            if url.netloc != urlparse(built.base).netloc:
                continue
            path = unquote(url.path)
            if Path(path).suffix and not path.endswith(".html"):
                continue  # a file: a preview image, a download
            why = built.broken(path + (f"#{url.fragment}" if url.fragment else ""))
            if why:
                broken.append(f"{source}: {href} ({why})")
    assert broken == []


def _contract() -> list[str]:
    lines = (ROOT / "tests" / "link-contract.txt").read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.parametrize("link", _contract())
def test_the_link_contract_holds(built, link):
    assert built.broken(link) is None


@pytest.mark.parametrize(
    ("link", "why"),
    [
        ("/logistic-regression/dl-dz/#step-9-no-such-step", "#step-9-no-such-step is gone"),
        ("/logistic-regression/no-such-page/", "the page is gone"),
    ],
)
def test_the_contract_check_reports_a_vanished_link(built, link, why):
    assert why in built.broken(link)


def test_the_404_page_links_home_and_offers_search(built):
    page = built.pages["/404.html"]
    assert built.base in page.links
    assert 'for="__search">Search the site</label>' in page.raw


PREVIEW = ["og:title", "og:description", "og:url", "og:image", "twitter:card", "description"]


def test_every_page_has_a_link_preview_with_an_image_that_exists(built, site):
    _, folder = site
    for path, page in built.pages.items():
        if page.refresh:
            continue
        missing = [name for name in PREVIEW if not page.meta.get(name, "").strip()]
        assert missing == [], f"{path} lacks {missing}"
        image = urlparse(page.meta["og:image"])
        assert image.netloc == urlparse(built.base).netloc, page.meta["og:image"]
        assert (folder / image.path.lstrip("/")).stat().st_size > 10_000, f"{path}: {image.path}"
        if path != "/404.html":
            assert page.meta["og:url"] == built.base.rstrip("/") + path
