"""``python -m snippets.verify``: one line per step, exit status 1 on any failure."""

from __future__ import annotations

import subprocess
import sys

from support import ROOT


def verify(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "snippets.verify", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
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
