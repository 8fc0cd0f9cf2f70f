"""numeric-check fences: a result that is off, or a function that is missing, stops the check."""

from __future__ import annotations

import math

import numpy as np
import pytest

from checker import numeric
from checker.document import CheckFailure, blocks, check_numeric
from checker.latex import StepError
from checker.numeric import LIMIT, SEEDS, Compared
from support import ROOT, copy_project, mkdocs_build


@pytest.fixture(autouse=True)
def _this_module_may_be_named(monkeypatch):
    """The checks below live in this test module: let fences name it, as they name snippets.pages."""
    monkeypatch.setattr(numeric, "ALLOWED", (*numeric.ALLOWED, "test_numeric"))


def close(rng: np.random.Generator) -> Compared:
    """A check whose error is tiny."""
    x = rng.uniform(1, 2, size=3)
    return Compared(x, x * (1 + rng.uniform(0, 1e-12)), "a value off by at most 1e-12")


def off_at_seed_3(rng: np.random.Generator) -> list[Compared]:
    """A check whose error is too large at one seed."""
    error = 1e-3 if rng.bit_generator.state == np.random.default_rng(3).bit_generator.state else 1e-12
    return [Compared(np.array([1.0]), np.array([(1 + error) / (1 - error)]), "a value off by error")]


def not_a_number(rng: np.random.Generator) -> Compared:
    """A check that hands in NaN."""
    return Compared(np.array([math.nan]), np.array([1.0]), "one")


def a_float(rng: np.random.Generator) -> float:
    """A check that reports an error it says it measured."""
    return 1e-12


def itself(rng: np.random.Generator) -> Compared:
    """A check that compares a value with itself."""
    x = rng.normal(size=3)
    return Compared(x, x, "the same array")


def no_how(rng: np.random.Generator) -> Compared:
    """A check that does not say how its independent value was computed."""
    return Compared(np.ones(2), np.ones(2), " ")


def raises(rng: np.random.Generator) -> Compared:
    """A check that fails inside."""
    return Compared(np.ones((2, 2)) @ np.ones((3, 1)), np.ones(2), "never")


def shapes_differ(rng: np.random.Generator) -> Compared:
    """A check whose two values have different shapes."""
    return Compared(np.ones((3, 1)), np.ones((1, 3)), "a row")


def page(*targets: str) -> str:
    return "# A page\n\n## Step { #step }\n\n```numeric-check\n" + "\n".join(targets) + "\n```\n"


def test_a_close_result_passes_with_its_worst_error_and_how_it_was_checked():
    [block] = check_numeric("p.md", blocks(page("test_numeric:close")))
    [result] = block.results
    assert result.runs == SEEDS and 0 < result.worst < 1e-12
    assert result.says == "A check whose error is tiny" and result.how == "a value off by at most 1e-12"
    assert "against a value off by at most 1e-12; worst relative error" in result.describe()


def test_a_check_that_raises_is_a_StepError_naming_the_target_not_a_traceback():
    with pytest.raises(StepError, match=r"^test_numeric:raises at seed 0 raised ValueError: matmul"):
        numeric.run("test_numeric:raises")


def test_worst_is_the_largest_error_of_a_run_and_refuses_anything_but_Compared():
    assert numeric.worst([Compared(np.ones(2), np.ones(2), "ones"), Compared(1.0, 3.0, "three")]) == 0.5
    with pytest.raises(StepError, match="not a Compared"):
        numeric.worst([])


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("test_numeric:off_at_seed_3", f"at seed 3: relative error 1.000e-03 is above {LIMIT:.0e} (against a value"),
        ("test_numeric:not_a_number", "at seed 0: cannot compare the site's value with one: grad contains NaN"),
        (
            "test_numeric:a_float",
            "test_numeric:a_float at seed 0 returned 1e-12, not a Compared(site=..., independent=",
        ),
        ("test_numeric:itself", "test_numeric:itself at seed 0 compares a value with itself (the same array)"),
        ("test_numeric:no_how", "a Compared must say how its independent value was computed"),
        ("test_numeric:raises", "test_numeric:raises at seed 0 raised ValueError: matmul: Input operand 1"),
        ("test_numeric:shapes_differ", "grad has shape (3, 1) but approx has shape (1, 3)"),
        ("test_numeric:absent", "cannot load test_numeric:absent"),
        ("operator:not_", "'operator:not_' is not in the project's check modules: a numeric-check may name only"),
        ("snippets.gradcheck:relative_error", "is not in the project's check modules"),
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
        "from snippets.gradcheck import Compared, central_difference\n"
        "from snippets.vectorised import J, gradients\n\n\n"
        "def check(rng):\n"
        "    p = _problem(rng, 3, 4)\n"
        "    dw = gradients(p)['dJ/dw']\n"
        "    return Compared(4 * dw, central_difference(lambda t: J(t, p.b, p.X, p.Y), p.w), 'differences')\n"
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


def counted(rng: np.random.Generator) -> Compared:
    """A check that counts its runs."""
    CALLS.append(1)
    return Compared(np.zeros(2), np.zeros(2), "zeros")


def test_a_kept_result_is_used_only_for_the_same_code(tmp_path):
    from checker.numeric import code_version, run

    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets/m.py").write_text("x = 1\n")
    before = code_version(tmp_path)
    kept = run("test_numeric:counted", tmp_path / "kept", before)
    assert run("test_numeric:counted", tmp_path / "kept", before) == kept and len(CALLS) == SEEDS
    (tmp_path / "snippets/m.py").write_text("x = 2\n")
    assert code_version(tmp_path) != before
    run("test_numeric:counted", tmp_path / "kept", code_version(tmp_path))
    assert len(CALLS) == 2 * SEEDS


CALLS: list[int] = []


def fixed(rng: np.random.Generator) -> Compared:
    """A check of one fixed example against its exact value."""
    CALLS.append(1)
    return Compared(np.array([0.5]), np.array([0.5 + 1e-13]), "the exact value")


fixed.example = "the worked example"


def fixed_wrong(rng: np.random.Generator) -> Compared:
    """A fixed example that is off."""
    return Compared(np.array([0.5]), np.array([0.6]), "the exact value")


fixed_wrong.example = "the worked example"


def said_badly(rng: np.random.Generator) -> Compared:
    """A check whose example is not words."""
    return Compared(np.array([0.5]), np.array([0.5]), "the exact value")


said_badly.example = True


def test_a_fixed_example_runs_once_and_says_which_example_it_checked():
    from checker import words

    CALLS.clear()
    [block] = check_numeric("p.md", blocks(page("test_numeric:fixed")))
    [result] = block.results
    assert len(CALLS) == 1 and result.runs == 1 and result.example == "the worked example"
    assert result.describe().startswith("A check of one fixed example against its exact value: the worked example,")
    assert "random problems" not in result.describe() + words.numpy(block) + words.result(result)
    assert words.numpy(block).startswith("numpy: the worked example, checked once, worst error ")
    assert ": one fixed example, checked once, worst relative error " in words.result(result)
    assert 0 < result.worst < 1e-12
    # a check that draws problems still says how many
    [drawn] = check_numeric("p.md", blocks(page("test_numeric:close")))
    assert words.numpy(drawn).startswith(f"numpy: {SEEDS} random problems, worst error ")
    both = check_numeric("p.md", blocks(page("test_numeric:fixed", "test_numeric:close")))[0]
    assert words.numpy(both).startswith(f"numpy: the worked example, checked once and {SEEDS} random problems,")


def test_a_fixed_example_that_is_off_still_fails():
    with pytest.raises(StepError, match=r"test_numeric:fixed_wrong at seed 0: relative error .* above"):
        numeric.run("test_numeric:fixed_wrong")


def test_an_example_attribute_must_be_words():
    with pytest.raises(StepError, match=r"said_badly.example must say in words which example it checks, not True"):
        numeric.run("test_numeric:said_badly")


@pytest.mark.parametrize("module", ["dl_dz", "dl_dw_db", "two_layer"])
def test_the_worked_examples_of_the_pages_run_once_and_say_so(module):
    result = numeric.run(f"snippets.pages.{module}:check_worked_example")
    assert result.runs == 1 and result.example == "the worked example", result
    assert "random problems" not in result.describe()


def test_the_report_names_a_worked_example_not_random_problems():
    from checker.document import Block
    from pipeline import report

    target = "snippets.pages.dl_dz:check_worked_example"
    block = Block("numeric-check", 11, "worked-example", [(12, target)], f"```numeric-check\n{target}\n```")
    block.results = [numeric.run(target)]
    page_ = report.Checked("dL/dz", "logistic-regression/dl-dz.md", [block], ["worked-example"])
    counts = report.count([page_])
    assert counts.examples == 1 and "(1 of them a fixed worked example instead, checked once)" in report.claim(counts)
    assert "numpy: `check_worked_example`, the worked example, checked once |" in "\n".join(report._rows(page_))
