"""Run a notebook (a jupytext percent-format ``.py``) with nbconvert, kept in ``.build-cache/notebooks/``.

``executed(path)`` is the notebook with its outputs. It runs in a kernel started with the
config in ``pipeline/jupyter/`` (the kernel logs errors only), from the notebook's own folder,
as Jupyter would run it. Before its first cell, one cell that the page never shows makes
plots SVG (pipeline/notebook_fences.py puts them in the page inline), with fixed ids.

A cell that raises, or writes to stderr (a warning the reader would see), stops the build
with the notebook's file and line, the cell's number and the error. An executed notebook is
kept, keyed by the notebook's bytes, every module of ``snippets/`` (checker.numeric.code_version),
the set-up cell and the versions of the packages that run it; an entry that cannot be read
back is run again, never a failure.
"""

from __future__ import annotations

import hashlib
import os
import re
from importlib import metadata
from pathlib import Path

from checker.numeric import code_version

try:  # under MkDocs a PluginError stops the build with its message and no traceback
    from mkdocs.exceptions import PluginError as _Failure
except ImportError:  # another builder (Zensical): a plain error
    _Failure = ValueError

FOLDER = Path(".build-cache") / "notebooks"  # below the folder the build runs in
CONFIG = Path(__file__).with_name("jupyter") / "jupyter_nbconvert_config.json"
PACKAGES = ("jupytext", "nbformat", "nbconvert", "nbclient", "ipykernel", "matplotlib", "matplotlib-inline")
TIMEOUT = 300  # seconds a cell may take
# Run first, never shown: plots as SVG text (the page's font, pipeline/notebook_fences.py), ids the same every build.
SETUP = """\
get_ipython().run_line_magic("matplotlib", "inline")
get_ipython().run_line_magic("config", "InlineBackend.figure_formats = ['svg']")
import matplotlib
matplotlib.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "pipeline.notebook_run"})"""
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_CELL_LINE = re.compile(r"Cell In\[\d+\], line (\d+)")


class NotebookError(_Failure):
    """A notebook that could not be run: its file and line, the cell's number and the error."""


def shown(path: Path) -> str:
    """``path`` as a contributor types it: relative to where the build runs, when it is below."""
    try:
        return Path(path).resolve().relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def _root(path: Path) -> Path:
    """The project whose ``snippets/`` the notebook imports: the first folder from its own up that holds one."""
    here = Path(path).resolve().parent
    return next((p for p in [here, *here.parents] if (p / "snippets").is_dir()), Path(__file__).resolve().parent.parent)


def key(path: Path, source: bytes) -> str:
    """What an executed notebook depends on: its bytes, snippets/, the set-up cell, the packages' versions."""
    digest = hashlib.sha256(source + b"\0" + code_version(_root(path)).encode() + b"\0" + SETUP.encode())
    for package in PACKAGES:
        digest.update(f"\0{package} {metadata.version(package)}".encode())
    return digest.hexdigest()


def _name(path: Path) -> str:
    """The start of the kept runs' file names: the notebook's path, as one word."""
    return re.sub(r"[^\w.-]+", "-", shown(path).removesuffix(".py")).strip("-")


def stored(path: Path, folder: Path = FOLDER) -> tuple[Path, str]:
    """Where the run of the notebook at ``path`` is kept (it may not be there yet), and its key."""
    try:
        source = Path(path).read_bytes()
    except OSError as exc:
        raise NotebookError(f"{shown(path)}: cannot read the notebook: {exc.strerror}") from None
    fingerprint = key(Path(path), source)
    return Path(folder) / f"{_name(path)}-{fingerprint[:24]}.ipynb", fingerprint


def executed(path: Path, folder: Path = FOLDER):
    """The notebook at ``path``, run (an nbformat notebook), read from ``folder`` when it was run before."""
    import nbformat

    path = Path(path)
    stored_at, fingerprint = stored(path, folder)
    name = _name(path)
    try:
        kept = nbformat.reads(stored_at.read_text(encoding="utf-8"), as_version=4)
        nbformat.validate(kept)
        if kept.metadata["pipeline"]["key"] == fingerprint:
            return kept
    except Exception:  # not run yet, or a broken entry (cut short, edited, another format): run it again
        pass
    notebook = _run(path)
    notebook.metadata["pipeline"] = {"key": fingerprint, "source": shown(path)}
    Path(folder).mkdir(parents=True, exist_ok=True)
    partial = stored_at.with_suffix(f".{os.getpid()}.tmp")  # one per process: two builds may run it at once
    partial.write_text(nbformat.writes(notebook), encoding="utf-8")
    partial.replace(stored_at)  # whole or not at all
    for old in Path(folder).glob(f"{name}-*.ipynb"):  # this notebook's earlier runs
        if old != stored_at:
            old.unlink(missing_ok=True)
    return notebook


def _markers(path: Path) -> list[int]:
    """The line of each cell's ``# %%`` marker in the .py (1-based)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [n for n, line in enumerate(lines, 1) if re.match(r"# %%(?!%)", line)]


def _where(path: Path, cells: int, index: int, line: int | None = None) -> str:
    """``file:line: cell n`` of the cell at ``index`` (0-based), its line in the .py when the markers say it."""
    markers = _markers(path)
    at = f":{markers[index] + (line or 0)}" if len(markers) == cells else ""
    return f"{shown(path)}{at}: cell {index + 1}" + (f", line {line}" if line else "")


def _run(path: Path):
    """Run the notebook in a quiet kernel from its folder; a NotebookError on a failing or noisy cell."""
    import jupytext
    import nbformat
    from nbclient.exceptions import CellExecutionError
    from nbconvert.preprocessors import ExecutePreprocessor
    from traitlets.config.loader import JSONFileConfigLoader

    try:
        notebook = jupytext.read(path, fmt="py:percent")
    except Exception as exc:  # jupytext's own error, located
        raise NotebookError(f"{shown(path)}: not a jupytext percent-format notebook: {exc}") from None
    cells = len(notebook.cells)
    notebook.cells.insert(0, nbformat.v4.new_code_cell(SETUP))
    config = JSONFileConfigLoader(CONFIG.name, str(CONFIG.parent)).load_config()
    runner = ExecutePreprocessor(config=config, timeout=TIMEOUT, kernel_name="python3")
    try:
        runner.preprocess(notebook, {"metadata": {"path": str(path.parent)}})
    except CellExecutionError as exc:
        index = next(
            (n for n, c in enumerate(notebook.cells) if any(o.output_type == "error" for o in c.get("outputs", []))),
            None,
        )
        if index in (None, 0):
            said = f"{exc.ename}: {exc.evalue}"
            raise NotebookError(f"{shown(path)}: the set-up before the first cell failed: {said}") from None
        found = _CELL_LINE.search(_ANSI.sub("", exc.traceback))
        where = _where(path, cells, index - 1, int(found[1]) if found else None)
        raise NotebookError(f"{where}: {exc.ename}: {_ANSI.sub('', exc.evalue)}") from None
    except Exception as exc:  # no kernel, a dead kernel, a cell past TIMEOUT: said, not a traceback
        raise NotebookError(f"{shown(path)}: the notebook could not be run: {type(exc).__name__}: {exc}") from None
    del notebook.cells[0]
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "stream" and output.name == "stderr":
                said = _ANSI.sub("", output.text).strip().splitlines() or [""]
                raise NotebookError(f"{_where(path, cells, index)}: wrote to stderr: {said[0]}")
    return notebook
