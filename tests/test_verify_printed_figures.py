"""``python -m checker.verify`` checks printed numbers and draws figures, as the build does: a broken one fails it."""

from __future__ import annotations

import subprocess
import sys

from checker import verify as cli
from support import ROOT

Z = "snippets.pages.numerical_stability:z_where_a_is_1"  # 36.73680056967711


def _page(folder, body: str):
    page = folder / "page.md"
    page.write_text("---\ntitle: A page\n---\n\n# A page\n\n" + body, encoding="utf-8")
    return page  # body's first line is line 7 of the file


def test_a_wrong_printed_number_fails_verify_with_its_line(tmp_path):
    page = _page(tmp_path, f"Text.\n\na is 1.0 for every z from [36.8]{{= {Z}}} on.\n")
    result = subprocess.run(
        [sys.executable, "-m", "checker.verify", str(page)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1, result.stdout
    assert f"FAIL {page}:9: the page prints 36.8 but {Z}() computes 36.73680056967711" in result.stdout
    assert "1 failed" in result.stdout.splitlines()[-1]


def test_the_right_number_passes(tmp_path, capsys):
    page = _page(tmp_path, f"a is 1.0 for every z from [36.74]{{= {Z}}} on.\n")
    assert cli.main([str(page)]) == 0
    out = capsys.readouterr().out
    assert f"ok   {page}: printed numbers as computed\n" in out
    assert "printed numbers on 1 pages, 0 figures drawn, 0 failed" in out.splitlines()[-1]


def test_a_table_whose_function_is_missing_fails(tmp_path, capsys):
    page = _page(tmp_path, "Before.\n\n```computed-table\nsnippets.pages.numerical_stability:no_such_table\n```\n")
    assert cli.main([str(page)]) == 1
    assert f"FAIL {page}:9: cannot load snippets.pages.numerical_stability:no_such_table" in capsys.readouterr().out


def test_a_figure_that_raises_fails_verify_with_its_line(tmp_path, monkeypatch, capsys):
    from snippets.pages import graphs

    def broken():
        raise ValueError("the graph's numbers are missing")

    monkeypatch.chdir(tmp_path)  # an empty figure cache: the function is called, not a kept drawing shown
    monkeypatch.setattr(graphs, "figure_logistic", broken)
    page = _page(tmp_path, "A figure:\n\n```figure\nsnippets.pages.graphs:figure_logistic\n```\n")
    assert cli.main([str(page)]) == 1
    out = capsys.readouterr().out
    assert (
        f"FAIL {page}:9: figure snippets.pages.graphs:figure_logistic: ValueError: the graph's numbers are missing"
        in out
    )
    assert "Traceback" not in out


def test_a_figure_that_draws_is_counted(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    page = _page(tmp_path, "A figure:\n\n```figure\nsnippets.pages.graphs:figure_logistic\n```\n")
    assert cli.main([str(page)]) == 0
    assert f"ok   {page}: 1 figure drawn\n" in capsys.readouterr().out
