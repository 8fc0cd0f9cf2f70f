"""numeric-check fences: a result that is off, or a function that is missing, stops the check."""

from __future__ import annotations

import math

import numpy as np
import pytest

from snippets.derivation.document import CheckFailure, blocks, check_numeric
from snippets.derivation.numeric import LIMIT, SEEDS
from support import ROOT, copy_project, mkdocs_build


def close(rng: np.random.Generator) -> float:
    """A check whose error is tiny."""
    return float(rng.uniform(0, 1e-12))


def off_at_seed_3(rng: np.random.Generator) -> float:
    """A check whose error is too large at one seed."""
    return 1e-3 if rng.bit_generator.state == np.random.default_rng(3).bit_generator.state else 1e-12


def not_a_number(rng: np.random.Generator) -> float:
    """A check that returns NaN."""
    return math.nan


def page(*targets: str) -> str:
    return "# A page\n\n## Step { #step }\n\n```numeric-check\n" + "\n".join(targets) + "\n```\n"


def test_a_close_result_passes_with_its_worst_error():
    [block] = check_numeric("p.md", blocks(page("test_numeric:close")))
    [result] = block.results
    assert result.runs == SEEDS and 0 < result.worst < 1e-12
    assert result.says == "A check whose error is tiny"


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("test_numeric:off_at_seed_3", f"at seed 3: relative error 1.000e-03 is above {LIMIT:.0e}"),
        ("test_numeric:not_a_number", "returned nan, not a finite relative error"),
        ("test_numeric:absent", "cannot load test_numeric:absent"),
        ("no_colon_here", "should be module:function"),
    ],
)
def test_a_failing_check_names_file_line_step_and_why(target, message):
    with pytest.raises(CheckFailure) as failure:
        check_numeric("p.md", blocks(page("test_numeric:close", target)))
    assert str(failure.value).startswith("p.md:7: step 'step': ")
    assert message in str(failure.value)


def test_a_wrong_result_fails_the_build_and_the_report_lists_every_check(tmp_path):
    project = copy_project(tmp_path)
    path = project / "docs/logistic-regression/m-examples.md"
    text = path.read_text()
    # Point the page's check at a gradient that is off by a factor: dw without the 1/m.
    (project / "snippets/pages/wrong.py").write_text(
        "from snippets.pages.m_examples import _problem\n"
        "from snippets.gradcheck import central_difference, relative_error\n"
        "from snippets.vectorised import J, gradients\n\n\n"
        "def check(rng):\n"
        "    w, b, X, Y = _problem(rng, 3, 4)\n"
        "    dw, _ = gradients(w, b, X, Y)\n"
        "    return relative_error(4 * dw, central_difference(lambda t: J(t, b, X, Y), w))\n"
    )
    path.write_text(text.replace("snippets.pages.m_examples:check_db", "snippets.pages.wrong:check"))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "m-examples.md" in result.stderr and "snippets.pages.wrong:check at seed 0" in result.stderr


def test_the_report_lists_every_checked_fence_of_every_page(site):
    html = (site[1] / "verification/index.html").read_text()
    for path in sorted((ROOT / "docs").rglob("*.md")):
        for block in blocks(path.read_text()):
            for _, target in block.lines if block.kind == "numeric-check" else []:
                assert f"<code>{target.rpartition(':')[2]}</code>" in html, target
    assert "worst relative error" in html


CALLS: list[int] = []


def counted(rng: np.random.Generator) -> float:
    """A check that counts its runs."""
    CALLS.append(1)
    return 0.0


def test_a_kept_result_is_used_only_for_the_same_code(tmp_path):
    from snippets.derivation.numeric import code_version, run

    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets/m.py").write_text("x = 1\n")
    before = code_version(tmp_path)
    kept = run("test_numeric:counted", tmp_path / "kept", before)
    assert run("test_numeric:counted", tmp_path / "kept", before) == kept and len(CALLS) == SEEDS
    (tmp_path / "snippets/m.py").write_text("x = 2\n")
    assert code_version(tmp_path) != before
    run("test_numeric:counted", tmp_path / "kept", code_version(tmp_path))
    assert len(CALLS) == 2 * SEEDS
