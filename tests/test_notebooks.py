"""The notebooks: jupytext files that import the site's code, link to its pages, build with plots and no errors."""

from __future__ import annotations

import ast
import re

import jupytext
import pytest

from support import ROOT

NOTEBOOKS = sorted((ROOT / "docs" / "notebooks").glob("*.py"))
# Where a Markdown cell links: site URLs relative to /notebooks/<name>/, which mkdocs-jupyter does not rewrite.
_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _cells(path, kind):
    return [cell.source for cell in jupytext.read(path).cells if cell.cell_type == kind]


def test_there_are_the_two_notebooks():
    assert [p.name for p in NOTEBOOKS] == ["deep-gradient-check.py", "sigmoid-and-loss.py"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebook_opens_with_a_title_a_sentence_and_links_to_its_pages(path):
    first = jupytext.read(path).cells[0]
    assert first.cell_type == "markdown"
    title, blank, sentence, *_ = first.source.splitlines()
    assert title.startswith("# ") and not blank and sentence
    assert any(link.startswith("../../") for link in _LINK.findall(first.source))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_link_names_a_page_that_exists(path):
    for cell in _cells(path, "markdown"):
        for link in _LINK.findall(cell):
            assert link.startswith("../../") and link.split("#")[0].endswith("/"), link
            page = link.removeprefix("../../").split("#")[0].rstrip("/")
            assert (ROOT / "docs" / f"{page}.md").is_file(), link


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
    # Plot labels in plain text: the page repeats the code as text for its copy button, where a $ reads as math.
    assert "$" not in "\n".join(code)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_markdown_cells_use_dollar_math_not_backslash_delimiters(path):
    text = "\n".join(_cells(path, "markdown"))
    assert "$" in text
    assert not re.search(r"\\\(|\\\[", text)


@pytest.fixture(scope="module")
def pages(site):
    _, folder = site
    return {path.stem: (folder / "notebooks" / path.stem / "index.html").read_text() for path in NOTEBOOKS}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_built_page_has_its_plots_and_no_error_output(pages, path):
    html = pages[path.stem]
    assert html.count('src="data:image/png;base64,') >= 2
    # An error, a traceback or a warning prints to stderr; nbconvert marks that output so (its CSS names it too).
    assert not re.search(r'jp-OutputArea-output[^"]*" data-mime-type="application/vnd\.jupyter\.stderr"', html)
    assert "Traceback" not in html


def test_the_gradient_check_tables_are_tables_of_small_errors(pages):
    tables = re.findall(r"<table>.*?</table>", pages["deep-gradient-check"], re.S)
    assert len(tables) >= 4  # one per network
    for table in tables:
        rows = re.findall(r"<tr>\s*<td>(\d+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>\s*<td>([^<]+)</td>", table)
        assert [int(layer) for layer, *_ in rows] == list(range(1, len(rows) + 1))  # every layer, in order
        assert max(max(float(dW), float(db)) for _, dW, db, _ in rows) < 1e-7


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_the_built_page_offers_the_notebook_for_download(pages, site, path):
    _, folder = site
    assert re.search(rf'href="[^"]*/notebooks/{path.stem}/{path.name}" download', pages[path.stem])
    assert (folder / "notebooks" / path.stem / path.name).read_bytes() == path.read_bytes()
