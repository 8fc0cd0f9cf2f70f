"""The site's two notebooks (docs/notebooks/*.py): their sources, their pages, and their pages as built.

How a ```notebook fence becomes a page is tested on a small notebook in tests/test_notebook_fences.py.
"""

from __future__ import annotations

import ast
import re
from importlib import metadata

import jupytext
import pytest
import yaml

from support import ROOT, build, copy_project

NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.py"))
_LINK = re.compile(r"\]\(([^)\s]+)\)")


# Their sources.


def _cells(path, kind):
    return [cell.source for cell in jupytext.read(path).cells if cell.cell_type == kind]


def test_there_are_the_two_notebooks_each_with_its_page_listed_in_the_nav():
    assert [p.name for p in NOTEBOOKS] == ["deep-gradient-check.py", "sigmoid-and-loss.py"]
    config = (ROOT / "mkdocs.yml").read_text()
    for path in NOTEBOOKS:
        page = path.with_suffix(".md").read_text()
        meta = yaml.safe_load(page.split("---\n")[1])
        assert meta["title"] == _cells(path, "markdown")[0].splitlines()[0].removeprefix("# ")
        assert " ".join(meta["description"].split()) in " ".join(_cells(path, "markdown")[0].split())
        assert f"```notebook\ndocs/notebooks/{path.name}\n```" in page
        assert f"[Download the notebook]({path.name}){{ download }}" in page
        assert f": notebooks/{path.stem}.md\n" in config
    assert "  - pipeline.notebook_fences" in config and "jupyter" not in config and "notebooks.py" not in config
    assert "  - pipeline/notebook_serve.py\n" in config  # make serve renders a notebook page again when it changes


def test_requirements_pin_what_runs_the_notebooks_at_the_installed_versions():
    pinned = dict(re.findall(r"^([\w-]+)==([^\s#]+)", (ROOT / "requirements.txt").read_text(), re.M))
    assert "mkdocs-jupyter" not in pinned
    for package in ("jupytext", "nbformat", "nbconvert", "nbclient", "ipykernel"):
        assert pinned.get(package) == metadata.version(package), package


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_opens_with_a_title_a_sentence_and_links_to_its_pages(path):
    first = jupytext.read(path).cells[0]
    assert first.cell_type == "markdown"
    title, blank, sentence, *_ = first.source.splitlines()
    assert title.startswith("# ") and not blank and sentence
    assert any(link.endswith(".md") for link in _LINK.findall(first.source))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_link_names_a_page_that_exists(path):
    # Relative to the notebook, as to its page beside it: the builder checks and rewrites them.
    for cell in _cells(path, "markdown"):
        for link in _LINK.findall(cell):
            page = link.split("#")[0]
            assert page.endswith(".md") and (path.parent / page).resolve().is_file(), link


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_code_imports_from_snippets_and_defines_nothing(path):
    code = _cells(path, "code")
    assert "sys.path.insert" in code[0]  # the project root, so that snippets imports
    trees = [ast.parse(source) for source in code]
    imported = {
        node.module for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
    }
    assert any(module.startswith("snippets.") for module in imported)
    defined = [
        getattr(node, "name", "lambda")
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda)
    ]
    assert defined == []  # the math comes from the tested package, not from a copy here
    # No formula of the site written again: no exponential or logarithm outside snippets.
    assert not re.search(r"np\.(exp|log|log1p|logaddexp|tanh)\(", "\n".join(code))
    # Plot labels in plain text: a $ in a plot's text would read as math.
    assert "$" not in "\n".join(code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_markdown_cells_use_dollar_math_not_backslash_delimiters(path):
    text = "\n".join(_cells(path, "markdown"))
    assert "$" in text
    assert not re.search(r"\\\(|\\\[", text)


# Their pages as built.


@pytest.fixture(scope="module")
def pages(site):
    _, folder = site
    return {path.stem: (folder / "notebooks" / path.stem / "index.html").read_text() for path in NOTEBOOKS}


def _article(html: str) -> str:
    return html[html.index('<article class="md-content__inner') : html.index("</article>")]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_page_has_no_nbconvert_markup_and_the_sites_math_and_code_blocks(pages, path):
    html = pages[path.stem]
    assert not re.search(
        r"jp-|jupyter-wrapper|nbconvert|highlight-ipynb|data-mime-type|x-mathjax-config|anchor-link", html
    )
    article = _article(html)
    # Math: typeset at build time by the site's MathJax (pipeline/mathjax_static.py), none left as TeX or dollars.
    assert article.count("<mjx-container") == article.count('class="arithmatex"') >= 5
    assert not re.search(r"\\\(|\\\[|\$[^$<\s][^$<]*\$", re.sub(r'data-tex="[^"]*"', "", article))
    # Code: Material's code blocks (superfences), one per shown code cell.
    shown = [
        c
        for c in jupytext.read(path).cells
        if c.cell_type == "code" and "remove_input" not in c.metadata.get("tags", [])
    ]
    assert article.count('<div class="highlight"><pre><span></span><code>') == len(shown)
    assert "Traceback" not in html and "Error:" not in article


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_plots_are_inline_svg_named_after_their_section(pages, path):
    article = _article(pages[path.stem])
    headings = {
        re.sub(r"<[^>]+>|&para;", "", h).strip() for h in re.findall(r"<h[12][^>]*>(.*?)</h[12]>", article, re.S)
    }
    names = re.findall(
        r'<figure class="notebook-plot" data-search-exclude><svg [^>]*aria-label="Plot: ([^"]+)"', article
    )
    assert len(names) >= 2 and set(names) <= headings, (names, headings)
    assert "<img" not in article and "data:image" not in article


def test_the_gradient_check_tables_are_tables_of_small_errors(pages):
    tables = re.findall(r"<table>.*?</table>", pages["deep-gradient-check"], re.S)
    assert len(tables) >= 4  # one per network
    for table in tables:
        rows = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>", table)
        assert [int(layer) for layer, *_ in rows] == list(range(1, len(rows) + 1))  # every layer, in order
        assert max(max(float(dW), float(db)) for _, dW, db, _ in rows) < 1e-7


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_page_offers_the_notebook_for_download(pages, site, path):
    _, folder = site
    assert f'<a download href="../{path.name}">Download the notebook</a>' in pages[path.stem]
    assert (folder / "notebooks" / path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_a_wrong_derivative_in_a_notebooks_text_fails_the_build_with_its_counterexample(tmp_path, builder):
    # The claims in a notebook's Markdown are checked against its page's derivation fence, as any page's are.
    project = copy_project(tmp_path)
    notebook = project / "docs/notebooks/sigmoid-and-loss.py"
    right = r"$\frac{dL}{da} = -\frac{y}{a} + \frac{1 - y}{1 - a}$"
    text = notebook.read_text(encoding="utf-8")
    assert text.count(right) == 1
    notebook.write_text(text.replace(right, right.replace("1 - y", "1 + y")), encoding="utf-8")
    result = build(project, tmp_path / "site", builder)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    said = re.search(r"docs/notebooks/sigmoid-and-loss\.py:\d+: cell \d+: claims '([^']*)': wrong: at (.*)", output)
    assert said, output[-3000:]
    assert said[1] == right.strip("$").replace("1 - y", "1 + y") and "the left side is" in said[2]
