"""The ```notebook fence (pipeline/notebook_fences.py, pipeline/notebook_run.py) on a small notebook of its own.

Through a plain ``markdown.markdown`` call, then a small project built by ``mkdocs build --strict``
and by ``zensical build --strict``: the run notebook as the page's own Markdown; a failing or
noisy cell fails each with the notebook's file, line and cell; the run is kept until the
notebook or snippets/ changes; a second Zensical build and ``mkdocs build --dirty`` show the new run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import markdown
import pytest

from pipeline import notebook_run
from pipeline.notebook_run import NotebookError
from support import ROOT

# A notebook that imports its project's snippets/, as the site's do, with each kind of output.
SMALL = """# %% [markdown]
# # A small notebook
#
# The square $x^2$ of the value, and its inverse
#
# $$
# \\sqrt{x^{2}}
# $$

# %% tags=["remove_input"]
import sys
from pathlib import Path

sys.path.insert(0, str(Path.cwd().parent))

# %%
from snippets.value import VALUE

print(f"value {VALUE}")

# %% [markdown]
# ## The curve of `x`
#
# Drawn below.

# %%
import matplotlib.pyplot as plt
from IPython.display import Markdown, display

fig, ax = plt.subplots()
ax.plot([0, 1, 2], [0, 1, 4], label="y = x²")
ax.legend()
plt.show()
display(Markdown("| x | y |\\n| --- | --- |\\n| 2 | 4 |"))
"""
FENCE = "```notebook\ndocs/small.py\n```\n"
EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "pymdownx.arithmatex",
    "pipeline.notebook_fences",
    "pymdownx.superfences",
    "tables",
    "toc",
]


def _project(tmp_path, notebook: str = SMALL, value: str = "3"):
    """A project: the site's snippets/ and snippets/value.py, docs/small.py, and the page index.md that shows it."""
    project = tmp_path / "project"
    # The site's snippets/ too: a build run from the project imports the pipeline's checker from there.
    shutil.copytree(ROOT / "snippets", project / "snippets", ignore=shutil.ignore_patterns("__pycache__"))
    (project / "snippets" / "value.py").write_text(f"VALUE = {value}\n")
    (project / "docs").mkdir()
    (project / "docs" / "small.py").write_text(notebook)
    (project / "docs" / "index.md").write_text(f"---\ntitle: Small\n---\n\n{FENCE}")
    return project


def _convert(project, text: str = FENCE) -> str:
    config = {"pymdownx.arithmatex": {"generic": True}, "pipeline.notebook_fences": {"cache": str(project / "kept")}}
    return markdown.markdown(text, extensions=EXTENSIONS, extension_configs=config)


@pytest.fixture
def small(tmp_path, monkeypatch):
    project = _project(tmp_path)
    monkeypatch.chdir(project)  # the fence's path is relative to where the build runs
    return project


def test_a_plain_markdown_call_shows_the_run_notebook_as_the_pages_own_markdown(small):
    html = _convert(small)
    assert '<h1 id="a-small-notebook">A small notebook</h1>' in html
    assert '<span class="arithmatex">\\(x^2\\)</span>' in html  # the math is arithmatex's, as on every page
    assert '<div class="arithmatex">\\[' in html and "\\sqrt{x^{2}}" in html
    code = re.findall(r'<div class="highlight"><pre><span></span><code>(.*?)</code>', html, re.S)
    assert len(code) == 2 and "snippets" in code[0] and "plt" in code[1]  # code cells: superfences' code blocks
    assert "cwd" not in html  # remove_input: the cell ran (snippets imported) but its code is not shown
    assert re.search(r'<div class="notebook-output highlight"><pre><span></span><code>value 3\n</code>', html)
    plot = re.search(r'<figure class="notebook-plot" data-search-exclude><svg [^>]*>', html)
    assert plot and 'role="img" aria-label="Plot: The curve of x"' in plot[0] and "viewBox=" in plot[0]
    assert not re.search(r'\s(?:width|height)="[\d.]+pt"', plot[0])  # it scales to the column
    assert "fill: var(--md-default-fg-color)" in plot[0]  # text (no fill of its own) in the page's colour
    svg = html[plot.end() : html.index("</figure>")]
    assert "<?xml" not in html and "<style" not in html and "<metadata" not in html
    assert "DejaVu" not in svg and "var(--md-text-font-family)" in svg
    assert "#ffffff" not in svg and "#000000" not in svg and "var(--md-default-fg-color)" in svg  # the scheme's
    assert "<text" in svg and "y = x²" in svg  # text stays text, in the page's font
    ids = re.findall(r'\sid="([^"]+)"', svg)
    assert ids and all(i.startswith("small-plot-1-") for i in ids)  # only ids referred to, and the plot's own
    # display(Markdown(...)) is Markdown, in a box of its own.
    assert re.search(r'<div class="notebook-markdown">\s*<table>\s*<thead>\s*<tr>\s*<th>x</th>', html)
    assert "<p><figure" not in html and "\x02" not in html


def test_other_fences_and_a_fence_that_shows_a_notebook_fence_stay_code(small):
    html = _convert(small, "````markdown\n" + FENCE + "````\n\n```python\nx = 1\n```\n")
    assert "```notebook" in html and "A small notebook" not in html
    assert not (small / "kept").exists()  # nothing was run


@pytest.mark.parametrize(
    ("fence", "says"),
    [
        ("```notebook\ndocs/none.py\n```\n", "notebook fence at line 1: docs/none.py is not a file"),
        ("```notebook\ndocs/small.py\ndocs/small.py\n```\n", "expected one line, the path of a .py notebook"),
        ("```notebook\ndocs/small.py\n", "notebook fence at line 1: never closed"),
        (
            "- item\n\n    ```notebook\n    docs/small.py\n    ```\n",
            "at line 3: a notebook fence stands at the top level",
        ),
    ],
)
def test_a_bad_fence_says_what_is_wrong(small, fence, says):
    with pytest.raises(NotebookError, match=re.escape(says)):
        _convert(small, fence)


@pytest.mark.parametrize(
    ("markdown_cell", "says"),
    [
        ("$$\n# y = x^{2}\n# $$", "holds the display equation 'y = x^{2}'"),
        ("so $\\frac{dy}{dx} = 2x$ here", "claims '\\frac{dy}{dx} = 2x', and the notebook's page has no"),
        ("```derivation\n# y = x^{2}\n# ```", "holds a ```derivation fence"),
        ("```notation\n# y = x^{2}\n# ```", "holds a ```notation fence"),
    ],
)
def test_math_the_build_would_check_on_a_page_is_refused_in_a_notebooks_markdown(small, markdown_cell, says):
    # The checker reads the page's file, where the notebook is one fence: in a cell, it would go unchecked.
    (small / "docs" / "small.py").write_text(SMALL.replace("$$\n# \\sqrt{x^{2}}\n# $$", markdown_cell, 1))
    with pytest.raises(NotebookError) as refused:
        _convert(small)
    assert str(refused.value).startswith(f"docs/small.py:1: cell 1: {says}")


def test_a_page_without_md_in_html_is_refused_not_shown_with_raw_markdown(small):
    extensions = [name for name in EXTENSIONS if name != "md_in_html"]
    with pytest.raises(NotebookError, match="notebook fence at line 1: a notebook page needs the md_in_html extension"):
        markdown.markdown(FENCE, extensions=extensions)


def test_a_failing_cell_fails_with_the_notebook_its_line_and_the_cell(small):
    (small / "docs" / "small.py").write_text(SMALL.replace('print(f"value {VALUE}")', 'print(f"value {VALUE}")\n1 / 0'))
    line = SMALL[: SMALL.index('print(f"value')].count("\n") + 2  # the line 1 / 0 is on
    with pytest.raises(NotebookError) as failed:
        _convert(small)
    assert str(failed.value) == f"docs/small.py:{line}: cell 3, line 4: ZeroDivisionError: division by zero"
    assert not list((small / "kept").glob("*.ipynb"))  # a failing run is never kept


def test_a_cell_that_writes_to_stderr_fails_the_build(small):
    noisy = SMALL.replace('print(f"value {VALUE}")', 'import warnings\nwarnings.warn("a warning a reader would see")')
    (small / "docs" / "small.py").write_text(noisy)
    line = SMALL[: SMALL.index("# %%\nfrom snippets")].count("\n") + 1
    with pytest.raises(NotebookError, match=rf"^docs/small\.py:{line}: cell 3: wrote to stderr: .*UserWarning"):
        _convert(small)


def _calls(monkeypatch) -> list:
    """The runs of a notebook from now on (each one is really run)."""
    runs, run = [], notebook_run._run
    monkeypatch.setattr(notebook_run, "_run", lambda path: runs.append(path) or run(path))
    return runs


def test_a_run_is_kept_for_the_same_code_and_run_again_after_a_change_in_snippets(small, monkeypatch):
    first = _convert(small)
    runs = _calls(monkeypatch)
    assert _convert(small) == first and runs == []  # kept: the same notebook, the same snippets/
    (small / "snippets" / "value.py").write_text("VALUE = 4\n")
    assert "value 4" in _convert(small) and len(runs) == 1  # snippets/ changed: run again, a new value
    (small / "docs" / "small.py").write_text(SMALL.replace("Drawn below.", "Drawn here."))
    assert "Drawn here." in _convert(small) and len(runs) == 2  # the notebook changed
    assert len(list((small / "kept").glob("*.ipynb"))) == 1  # an earlier run is removed when a newer is kept


@pytest.mark.parametrize("broken", ["", "{not json", '{"cells": []}', '{"nbformat": 4, "nbformat_minor": 5}'])
def test_a_broken_kept_run_is_run_again_not_a_failure(small, monkeypatch, broken):
    first = _convert(small)
    [kept] = (small / "kept").glob("*.ipynb")
    kept.write_text(broken)
    runs = _calls(monkeypatch)
    assert _convert(small) == first and len(runs) == 1
    assert notebook_run.executed(small / "docs" / "small.py", small / "kept").metadata["pipeline"]["key"]


def test_the_key_holds_the_notebook_snippets_and_the_packages_that_run_it(small):
    path = small / "docs" / "small.py"
    key = notebook_run.key(path, path.read_bytes())
    assert notebook_run.key(path, path.read_bytes() + b"\n") != key
    assert set(notebook_run.PACKAGES) >= {"jupytext", "nbconvert", "nbclient", "ipykernel"}
    (small / "snippets" / "new.py").write_text("")
    assert notebook_run.key(path, path.read_bytes()) != key


CONFIG = """site_name: Notebook
site_dir: site  # inside the project: Zensical refuses one outside
nav:
  - Small: index.md
markdown_extensions:
  - attr_list
  - md_in_html
  - pymdownx.arithmatex:
      generic: true
  - pipeline.notebook_fences
  - pymdownx.superfences
  - tables
  - toc
"""


def _build(builder: str, project, config: str = CONFIG, *options: str) -> subprocess.CompletedProcess:
    (project / "mkdocs.yml").write_text(config)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    # --dirty builds are not strict: MkDocs warns at each that a dirty build may get the nav wrong.
    command = [sys.executable, "-m", builder, "build", *(options or ["--strict"])]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_real_build_shows_the_notebook_page(tmp_path, builder):
    project = _project(tmp_path)
    result = _build(builder, project)
    assert result.returncode == 0, result.stderr
    html = (project / "site" / "index.html").read_text()
    assert "A small notebook" in html and "```notebook" not in html and "language-notebook" not in html
    assert re.search(r'<div class="highlight"><pre><span></span><code>.*snippets', html, re.S)
    assert re.search(r'class="arithmatex">\\\(x\^2\\\)', html)
    assert '<figure class="notebook-plot"' in html and 'aria-label="Plot: The curve of x"' in html
    assert "value 3" in html
    assert list((project / ".build-cache" / "notebooks").glob("docs-small-*.ipynb"))  # kept where the build runs


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_failing_cell_fails_the_real_build_with_file_line_and_cell(tmp_path, builder):
    project = _project(tmp_path, SMALL.replace("ax.legend()", "ax.legend(nowhere=1)"))
    line = SMALL[: SMALL.index("ax.legend()")].count("\n") + 1
    result = _build(builder, project)
    assert result.returncode != 0
    assert f"docs/small.py:{line}: cell 5, line 6: TypeError: " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr or builder == "zensical"
    assert not (project / "site" / "index.html").exists()


def test_a_second_zensical_build_shows_the_new_run_after_a_change_in_snippets_or_the_notebook(tmp_path):
    # Zensical keeps a page's HTML until a folder of `watch:` changes: the site's mkdocs.yml must list snippets/.
    project = _project(tmp_path)
    watched = CONFIG + "watch:\n  - docs\n  - snippets\n"
    assert _build("zensical", project, watched).returncode == 0
    (project / "snippets" / "value.py").write_text("VALUE = 4\n")
    assert _build("zensical", project, watched).returncode == 0
    assert "value 4" in (project / "site" / "index.html").read_text()
    (project / "docs" / "small.py").write_text(SMALL.replace("Drawn below.", "Drawn here."))
    assert _build("zensical", project, watched).returncode == 0
    assert "Drawn here." in (project / "site" / "index.html").read_text()


def test_mkdocs_dirty_renders_a_notebook_page_again_when_its_run_would_change(tmp_path):
    # mkdocs serve --dirty (make serve) and build --dirty render only saved pages; pipeline/notebook_serve.py adds
    # a notebook page whose notebook has no run kept for its present code.
    project = _project(tmp_path)
    hooked = CONFIG + f"hooks:\n  - {ROOT / 'pipeline' / 'notebook_serve.py'}\n"
    page = project / "site" / "index.html"
    assert _build("mkdocs", project, hooked).returncode == 0 and "value 3" in page.read_text()
    (project / "snippets" / "value.py").write_text("VALUE = 4\n")
    assert _build("mkdocs", project, CONFIG, "--dirty").returncode == 0
    assert "value 3" in page.read_text()  # without the hook: the old run, what this guards against
    assert _build("mkdocs", project, hooked, "--dirty").returncode == 0
    assert "value 4" in page.read_text()
    (project / "docs" / "small.py").write_text(SMALL.replace("Drawn below.", "Drawn here."))
    assert _build("mkdocs", project, hooked, "--dirty").returncode == 0
    assert "Drawn here." in page.read_text()
    stamp = page.stat().st_mtime_ns
    assert _build("mkdocs", project, hooked, "--dirty").returncode == 0 and page.stat().st_mtime_ns == stamp
