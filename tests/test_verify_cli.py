"""``python -m checker.verify``: one line per step, exit status 1 on any failure."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT


def verify(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "checker.verify", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_the_site_verifies():
    result = verify("docs/")
    assert result.returncode == 0, result.stdout
    lines = result.stdout.splitlines()
    assert any(
        line.startswith("ok   docs/logistic-regression/dl-dz.md:") and "[step-3-dl-dz]" in line for line in lines
    )
    assert "0 failed" in lines[-1]


def test_a_wrong_file_exits_1_and_names_file_line_step(tmp_path):
    page = tmp_path / "wrong.md"
    page.write_text(
        "---\nsymbols:\n  z: real\n---\n\n## Square { #square }\n\n```derivation\nq = z^2\n\\frac{dq}{dz} = 3z\n```\n"
    )
    result = verify(str(page))
    assert result.returncode == 1
    assert f"FAIL {page}:10: step 'square': the two sides differ at z = " in result.stdout
    assert "1 failed" in result.stdout


def test_a_missing_path_is_named():
    result = verify("no/such/folder")
    assert result.returncode != 0
    assert "no such file or folder: no/such/folder" in result.stderr


def _page(folder, name: str, fences: str):
    page = folder / name
    page.write_text("---\nsymbols:\n  z: real\n---\n\n## Step { #step }\n\n" + fences)
    return page


def test_every_failing_page_is_named_and_the_run_goes_on(tmp_path, monkeypatch, capsys):
    # A numeric check that raises (not a StepError) and a line that divides by zero used to
    # stop the run with a traceback; the pages after them went unchecked.
    from checker import numeric
    from checker import verify as cli

    def boom(target, *args):
        raise RuntimeError(f"boom in {target}")

    monkeypatch.setattr(numeric, "run", boom)
    first = _page(tmp_path, "a.md", "```numeric-check\nsnippets.pages.dl_dz:check_step_1\n```\n")
    second = _page(tmp_path, "b.md", "```derivation\n\\frac{1}{0} = 5\n```\n")
    third = _page(tmp_path, "c.md", "```derivation\nq = z^2\n\\frac{dq}{dz} = 2z\n```\n")
    assert cli.main(["--fresh", str(first), str(second), str(third)]) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out
    assert f"FAIL {first}:9: step 'step': snippets.pages.dl_dz:check_step_1 raised RuntimeError: boom in" in out
    assert f"FAIL {second}:9: step 'step': '\\frac{{1}}{{0}}' is undefined: it divides by zero" in out
    assert f"ok   {third}:10 [step]" in out
    assert "2 failed" in out.splitlines()[-1]
