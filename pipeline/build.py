"""The site's build, under either builder: the builder, then the steps after it.

    python -m pipeline.build mkdocs|zensical [--site-dir DIR]

Run from the project's folder. Always strict: a warning fails the build. MkDocs builds
into DIR directly; Zensical refuses a site_dir outside the project, so it is given a
copy of mkdocs.yml naming a folder inside the project, and its site is moved to DIR.
Then each function of ``AFTER`` runs, with the built site's folder and the builder's
name; a step registers itself with a one-line edit of that list. A failing builder
exits with its status, its output shown (Zensical's without the Python traceback it
prints around an extension's error: the error's own line says file, line and step); a
failing step (a ValueError) with 1 and its message, "file:line: why".
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from pipeline import browser_checker

BUILDERS = ("mkdocs", "zensical")
CONFIG = "mkdocs.yml"


class StepError(ValueError):
    """A step after the build found the site wrong: its message says where and why (any ValueError does)."""


def _typeset(site: Path, builder: str) -> None:
    # MkDocs' hook (pipeline/mathjax_static.py) typesets page by page; Zensical runs no hook.
    if builder == "zensical":
        from pipeline.typeset_site import typeset_site

        problems = typeset_site(site, Path("docs"))
        if problems:
            raise StepError("\n".join(problems))


def _previews(site: Path, builder: str) -> None:
    # MkDocs' hook (pipeline/previews.py: on_post_build) draws them, under mkdocs serve too.
    if builder == "zensical":
        from pipeline.previews import draw_previews

        draw_previews(site, Path("docs"))


def _search(site: Path, builder: str) -> None:
    # Readable math in the search index; MkDocs' hook (pipeline/search_text.py) rewrites its own.
    if builder == "zensical":
        from pipeline.search_text import INDEX, rewrite_index

        if (site / INDEX[builder]).is_file():  # a project whose config turns search off has none
            rewrite_index(site / INDEX[builder])


# In this order: the search step reads the typeset pages' formulas (a question's math).
AFTER: list[Callable[[Path, str], None]] = [
    _typeset,
    _previews,
    _search,
    browser_checker.step,  # the checker for the reader's browser, in assets/checker/ (HP)
]


def _environment(project: Path) -> dict[str, str]:
    # The project's own packages (pipeline.derivation_fences, ...) importable by the builder's Markdown.
    path = os.pathsep.join(p for p in [str(project), os.environ.get("PYTHONPATH", "")] if p)
    return dict(os.environ, PYTHONPATH=path, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true")


def _mkdocs(project: Path, site: Path) -> int:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(command, cwd=project, env=_environment(project)).returncode


# Zensical re-raises an extension's error through its CLI: the message is the line after the frames.
_FRAMES = re.compile(r"^Traceback \(most recent call last\):\n(?:[ \t].*\n?)*", re.M)


def _without_tracebacks(output: str) -> str:
    """Zensical's output with Python's traceback frames left out: the error's own line says file, line and step."""
    return _FRAMES.sub("", output).replace("RuntimeError: Python error: ", "")


def _zensical(project: Path, site: Path) -> int:
    # A site_dir of its own inside the project (two builds at once do not share one), moved to DIR after.
    inside = project / f".zensical-site-{os.getpid()}"
    config = project / f".zensical-{os.getpid()}.yml"
    text = (project / CONFIG).read_text(encoding="utf-8")
    config.write_text(f"{text}\nsite_dir: {inside.name}\n", encoding="utf-8")  # the last site_dir is the one read
    try:
        command = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", config.name]
        pipe = {"stdout": subprocess.PIPE, "stderr": subprocess.STDOUT}  # Zensical writes all of it to stderr
        run = subprocess.run(command, cwd=project, env=_environment(project), **pipe)
        output = _without_tracebacks(run.stdout.decode("utf-8", "replace"))
        print(output, end="", file=sys.stderr)
        status = run.returncode
        if status == 0:
            if site.exists():
                shutil.rmtree(site)
            site.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(inside, site)
        return status
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(inside, ignore_errors=True)


def build(builder: str, site: Path | None = None, project: Path | None = None) -> int:
    """Build the site with ``builder`` into ``site`` (default: the project's ``site/``), then run ``AFTER``.

    Returns the exit status: the builder's when it fails, 1 when a step after it does, else 0.
    """
    if builder not in BUILDERS:
        raise ValueError(f"builder: {builder!r} is not one of {', '.join(BUILDERS)}")
    project = (project or Path.cwd()).resolve()
    if not (project / CONFIG).is_file():
        raise ValueError(f"project: {project} has no {CONFIG} (run from the project's folder)")
    site = (site if site is not None else project / "site").resolve()
    os.chdir(project)  # the steps read docs/ and mkdocs.yml from where the build runs
    status = (_mkdocs if builder == "mkdocs" else _zensical)(project, site)
    if status != 0:
        print(f"pipeline.build: {builder} build failed (exit status {status})", file=sys.stderr)
        return status
    for step in AFTER:
        try:
            step(site, builder)
        except ValueError as exc:  # StepError, or a step's own ValueError naming the file
            print(f"pipeline.build: after the {builder} build, {step.__module__}.{step.__name__}:", file=sys.stderr)
            print(exc, file=sys.stderr)
            return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    """The command line: 0 when the site is built and every step after it passed."""
    parser = argparse.ArgumentParser(description="Build the site (strict), then the steps after it.")
    parser.add_argument("builder", choices=BUILDERS)
    parser.add_argument("--site-dir", type=Path, default=None, help="where the site goes (default: site/)")
    parser.add_argument("--strict", action="store_true", help="accepted for symmetry: the build is always strict")
    args = parser.parse_args(argv)
    try:
        return build(args.builder, args.site_dir)
    except ValueError as exc:
        print(f"pipeline.build: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
