"""Check the derivation fences of Markdown files from the command line.

    python -m checker.verify docs/                 every page under docs/
    python -m checker.verify docs/logistic-regression/dl-dz.md
    python -m checker.verify --fresh docs/         ignore the cache of passed pages

One line per checked equation: where, how it was verified, the result. The
printed numbers and computed tables are checked against their functions
(pipeline/printed.py) and the figures drawn (pipeline/figure_fences.py), by the
same code as the build, with the same file:line messages.
Exit status 1 if any step, printed number or figure is wrong.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

import markdown

from checker import cache, numeric
from checker.document import CheckFailure, check_numeric, check_source
from pipeline import printed
from pipeline.figure_fences import FigureExtension
from pipeline.figures import FigureError


def markdown_files(paths: list[str]) -> list[Path]:
    """The Markdown files named, and those under the folders named."""
    found = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found += sorted(path.rglob("*.md"))
        elif path.is_file():
            found.append(path)
        else:
            raise SystemExit(f"verify: no such file or folder: {name}")
    return found


def _locate(path: str, source: str, exc: Exception) -> str:
    """file:line: step: what raised, for an exception that is not a CheckFailure (a numeric check that raises)."""
    try:
        found = check_source(path, source)
    except CheckFailure as failure:
        return str(failure)
    except Exception as again:
        return f"{path}:1: the checker raised {type(again).__name__}: {again}"
    for block in found:
        for line, target in block.lines if block.kind == "numeric-check" else []:
            try:
                numeric.run(target)
            except Exception as raised:
                return f"{path}:{line}: step '{block.step}': {target} raised {type(raised).__name__}: {raised}"
    return f"{path}:1: {type(exc).__name__}: {exc}"


def printed_and_figures(path: str, source: str) -> tuple[bool, int]:
    """Check the page's printed numbers and tables and draw its figures, as the build does.

    Returns whether the page prints computed numbers, and how many figures it draws. A wrong
    number or a figure that cannot be drawn raises PrintedNumberError or FigureError,
    whose message starts with ``path:line:``.
    """
    lines = source.splitlines()  # the whole file, front matter included: line n here is line n of the file
    printed.convert(lines, where=lambda n: f"{path}:{n}")
    md = markdown.Markdown(extensions=[FigureExtension()])
    try:
        md.preprocessors["figure_fences"].run(lines)
    except FigureError as exc:  # outside MkDocs the fence is named by its line alone: "line 12: ..."
        raise FigureError(re.sub(r"^line (\d+):", lambda m: f"{path}:{m[1]}:", str(exc))) from None
    computed = bool(printed.REFERENCE.search(source)) or printed.TABLE_FENCE in source
    return computed, md.htmlStash.html_counter


def main(argv: list[str] | None = None) -> int:
    """Check the files; print a line per step and a summary; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m checker.verify", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", help="Markdown files or folders")
    parser.add_argument("-q", "--quiet", action="store_true", help="print failures and the summary only")
    parser.add_argument("--fresh", action="store_true", help=f"check every page again, ignoring {cache.FOLDER}/")
    args = parser.parse_args(argv)
    failures = steps = numbers = figures = 0
    started = time.perf_counter()
    for path in markdown_files(args.paths):
        source = path.read_text(encoding="utf-8")
        try:
            computed, drawn = printed_and_figures(str(path), source)
            numbers, figures = numbers + computed, figures + drawn
            said = ["printed numbers as computed"] * computed
            said += [f"{drawn} figure{'s' * (drawn != 1)} drawn"] * bool(drawn)
            if not args.quiet and said:
                print(f"ok   {path}: {', '.join(said)}")
        except (printed.PrintedNumberError, FigureError) as exc:
            failures += 1
            print(f"FAIL {exc}")
        try:
            if args.fresh:
                found = check_numeric(str(path), check_source(str(path), source))
            else:
                found = cache.check(str(path), source, cache.FOLDER)
        except CheckFailure as failure:
            failures += 1
            print(f"FAIL {failure}")
            continue
        except Exception as exc:  # a check that raises is this page's failure; the other pages are still checked
            failures += 1
            print(f"FAIL {_locate(str(path), source, exc)}")
            continue
        for block in found:
            for line, result in zip((n for n, _ in block.lines), block.results, strict=False):
                steps += 1
                if not args.quiet:
                    print(f"ok   {path}:{line} [{block.step}] {result.target}: {result.describe()}")
            if block.kind in ("derivation-rejected", "derivation-unreadable"):
                steps += 1
                says = "rejected" if block.kind == "derivation-rejected" else "cannot be read"
                if not args.quiet:
                    print(f"ok   {path}:{block.line} [{block.step}] {says}, as the page says")
                continue
            for line, verdict in block.verdicts:
                steps += 1
                if not args.quiet:
                    print(f"ok   {path}:{line} [{block.step}] {verdict.lhs} = {verdict.rhs}: {verdict.describe()}")
    seconds = time.perf_counter() - started
    print(
        f"{steps} steps checked, printed numbers on {numbers} pages, {figures} figures drawn, "
        f"{failures} failed, in {seconds:.2f} s"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
