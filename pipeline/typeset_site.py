r"""A step after any builder: typeset every formula of a built site, as MkDocs' hook does page by page.

    python -m pipeline.typeset_site SITE [--docs DOCS]

Zensical runs no hooks, so under it the pages come out with their TeX (``\(...\)`` in
pymdownx.arithmatex's spans and divs). This reads each built page, typesets its formulas
with the same code and cache as pipeline/mathjax_static.py (glyphs once per page, the
speech text, the 375 px width check), writes the stylesheet the formulas need where
mkdocs.yml's extra_css points, and exits 1 with "file:line: why" for a formula MathJax
cannot typeset or one too wide for a phone. A page already typeset is left as it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline import mathjax_static


def source_of(page: Path, site: Path, docs: Path) -> Path | None:
    """The Markdown a built page came from: a/b/index.html from docs/a/b.md or docs/a/b/index.md."""
    folder = page.parent.relative_to(site)
    candidates = [docs / "index.md"] if folder == Path(".") else [docs / f"{folder}.md", docs / folder / "index.md"]
    return next((md for md in candidates if md.is_file()), None)


def typeset_site(site: Path, docs: Path) -> list[str]:
    """Typeset every page under ``site`` in place; the problems found, one "file:line: why" each."""
    if not site.is_dir():
        raise ValueError(f"site: {site} is not a folder (build the site first)")
    mathjax_static.load_cache()
    problems = []
    for page in sorted(site.rglob("*.html")):
        md = source_of(page, site, docs)
        shown = md.relative_to(docs).as_posix() if md else page.relative_to(site).as_posix()
        try:
            typeset = mathjax_static.typeset(page.read_text(encoding="utf-8"), shown, md.read_text if md else str)
        except mathjax_static.MathError as exc:
            problems.append(str(exc))
            continue
        page.write_text(typeset, encoding="utf-8")
    stylesheet = site / mathjax_static.STYLESHEET
    stylesheet.parent.mkdir(parents=True, exist_ok=True)
    stylesheet.write_text(mathjax_static.stylesheet(), encoding="utf-8")
    mathjax_static.save_cache()
    return problems


def main(argv: list[str] | None = None) -> int:
    """The command line: 0 when every formula is typeset and fits, 1 with the problems, 2 for a wrong argument."""
    parser = argparse.ArgumentParser(description="Typeset every formula of a built site (after zensical build).")
    parser.add_argument("site", type=Path, help="the built site's folder")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the Markdown it was built from")
    args = parser.parse_args(argv)
    try:
        problems = typeset_site(args.site, args.docs)
    except ValueError as exc:
        print(f"typeset_site: {exc}", file=sys.stderr)
        return 2
    print(*problems, sep="\n", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
