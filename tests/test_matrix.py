r"""The matrix checker: the site's matrix lines pass, and every mutant of them fails, with the message expected.

Mutants are made from the site's own lines by the operators issue 10 names (a
transpose moved, 1/m dropped, a layer index shifted, * and the matrix product
swapped, a sign, g' of the wrong layer, factors swapped); each must fail at its
own line. ``test_mutation_catch_rate`` prints the rate it measures.
"""

from __future__ import annotations

import html
import re

import pytest

from checker.display import prose_math, unchecked_displays
from checker.document import CheckFailure, blocks, check_source, front_matter
from checker.latex import StepError
from checker.matrix import MatrixPage
from checker.render import notation
from support import ROOT

PAGES = sorted(p for p in (ROOT / "docs").rglob("*.md") if front_matter(p.read_text())[0].get("shapes"))
LAYER_L = ROOT / "docs/networks/layer-l.md"


def matrix_lines(path) -> tuple[dict, list[tuple[int, str]]]:
    """The page's shapes and its matrix lines in page order, continuations joined to the line above."""
    source = path.read_text()
    shapes = front_matter(source)[0]["shapes"]
    reader, lines = MatrixPage(shapes), []
    for block in blocks(source):
        if block.kind != "derivation":
            continue
        for number, text in block.lines:
            if text.startswith("=") and lines and lines[-1][0] == number - 1:
                lines.append((number, text))
            elif reader.reads(text):
                lines.append((number, text))
                reader.check(text)  # its definitions route the lines below (\mathcal{L})
    return shapes, lines


def run(shapes: dict, lines: list[tuple[int, str]], seed: str = "") -> list:
    """Check the lines in order on a fresh matrix page; StepError gets .line."""
    page, verdicts, before = MatrixPage(shapes, seed), [], None
    for number, text in lines:
        try:
            if text.startswith("="):
                found = [page.claim(before, text[1:].strip())]
            else:
                found = page.check(text)
        except StepError as exc:
            exc.line = number
            raise
        verdicts += found
        before = found[-1].rhs
    return verdicts


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_the_sites_matrix_lines_pass(path):
    shapes, lines = matrix_lines(path)
    verdicts = run(shapes, lines)
    claims = [v for v in verdicts if v.how == "matrix"]
    assert claims, f"{path.name} has shapes: but no matrix claim"
    assert all(v.worst < 1e-40 for v in claims)
    assert all("m = 1 and a layer of one unit among them" in v.detail for v in claims)


def test_the_site_has_its_matrix_results_checked_as_matrices():
    found = {p.name: [v.lhs for v in run(*matrix_lines(p)) if v.how == "matrix"] for p in PAGES}
    assert r"dW^{[l]}" in found["layer-l.md"] and r"dA^{[l-1]}" in found["layer-l.md"]
    assert {r"dZ^{[2]}", r"dW^{[2]}", r"db^{[2]}", r"dZ^{[1]}", r"dW^{[1]}", r"db^{[1]}"} <= set(found["two-layer.md"])
    assert "dw" in found["m-examples.md"]


def test_layer_l_page_is_checked_through_check_source():
    found = check_source(str(LAYER_L), LAYER_L.read_text())
    hows = [v.how for b in found for _, v in b.verdicts]
    assert hows.count("matrix") >= 8


@pytest.mark.parametrize("seed", [f"page {k}" for k in range(40)])
def test_instances_include_m_1_a_single_unit_and_more_units_than_inputs(seed):
    # Every page's instances, whatever its seed: not by luck of the draw.
    insts = MatrixPage({"X": "(n_0, m)", "W^{[l]}": "(n_l, n_{l-1})"}, seed).instances
    assert any(i.sizes["m"] == 1 for i in insts)
    assert any(i.sizes[f"n_{i.layers['l']}"] == 1 for i in insts)
    assert any(i.sizes[f"n_{i.layers['l']}"] > i.sizes[f"n_{i.layers['l'] - 1}"] for i in insts)
    assert len({i.sizes["m"] for i in insts}) >= 2 and len({i.layers["l"] for i in insts}) >= 1


@pytest.mark.parametrize("seed", ["", "another page", "a third"])
def test_a_line_wrong_only_at_m_1_fails_there(seed):
    # (m - 2)(m - 3)(m - 4) is 0 for m = 2, 3, 4 and -6 at m = 1: only an m = 1 instance sees the error.
    shapes, lines = matrix_lines(LAYER_L)
    at = next(i for i, (_, t) in enumerate(lines) if t.startswith(r"dW^{[l]} = \tfrac"))
    wrong = r"dW^{[l]} = \tfrac{1}{m} \, dZ^{[l]} A^{[l-1]T} \cdot (1 + (m - 2)(m - 3)(m - 4))"
    with pytest.raises(StepError, match=r"differ at entry \(\d, \d\), at m = 1,") as info:
        run(shapes, [*lines[:at], (lines[at][0], wrong)], seed)
    assert info.value.reason == "differ"


# (page, line as the site has it, the mutant, the expected reason, the expected message)
HAND_MUTANTS = [
    ("layer-l.md", r"dW^{[l]} = \tfrac{1}{m} \, dZ^{[l]} A^{[l-1]T}", r"dW^{[l]} = \tfrac{1}{m} \, dZ^{[l]T} A^{[l-1]}",
     "shape", r"dZ\^\{\[l\]T\} A\^\{\[l-1\]\} multiplies \(\d, \d\) by \(\d, \d\)"),
    ("layer-l.md", r"dW^{[l]} = \tfrac{1}{m} \, dZ^{[l]} A^{[l-1]T}", r"dW^{[l]} = dZ^{[l]} A^{[l-1]T}",
     "differ", r"the two sides differ at entry \(\d, \d\), at m = [2-4].*: dW\^\{\[l\]\} = .* but dZ"),
    ("layer-l.md", r"dA^{[l-1]} = W^{[l]T} dZ^{[l]}", r"dA^{[l-1]} = W^{[l-1]T} dZ^{[l]}",
     None, r"W\^\{\[l-1\]T\}|layer 0|multiplies|differ"),
    ("layer-l.md", r"dZ^{[l]} = dA^{[l]} * g^{[l]\prime}(Z^{[l]})", r"dZ^{[l]} = dA^{[l]} g^{[l]\prime}(Z^{[l]})",
     "shape", r"dA\^\{\[l\]\} g\^\{\[l\]\\prime\}\(Z\^\{\[l\]\}\) multiplies \(\d, \d\) by \(\d, \d\)"),
    ("layer-l.md", r"dA^{[l-1]} = W^{[l]T} dZ^{[l]}", r"dA^{[l-1]} = W^{[l]T} * dZ^{[l]}",
     "shape", r"multiplies entry by entry \(\d, \d\) and \(\d, \d\): an element-wise product needs equal shapes"),
    ("layer-l.md", r"dA^{[l-1]} = W^{[l]T} dZ^{[l]}", r"dA^{[l-1]} = -W^{[l]T} dZ^{[l]}",
     "differ", r"differ at entry .* but -W\^\{\[l\]T\} dZ\^\{\[l\]\} = "),
    ("layer-l.md", r"dZ^{[l]} = dA^{[l]} * g^{[l]\prime}(Z^{[l]})", r"dZ^{[l]} = dA^{[l]} * g^{[l-1]\prime}(Z^{[l]})",
     "differ", r"but dA\^\{\[l\]\} \* g\^\{\[l-1\]\\prime\}"),
    ("two-layer.md", r"dZ^{[1]} = W^{[2]T} dZ^{[2]} * (1 - (A^{[1]})^2)",
     r"dZ^{[1]} = W^{[2]T} dZ^{[2]} * (1 - (A^{[2]})^2)", "shape", r"multiplies entry by entry"),
    ("two-layer.md", r"db^{[1]} = \tfrac{1}{m} \textstyle\sum_{i=1}^{m} dZ^{[1](i)}",
     r"db^{[1]} = \tfrac{1}{m} dZ^{[1]}",
     "shape", r"the left side db\^\{\[1\]\} is \(\d, 1\) but the right side .* is \(\d, \d\)"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "line", "mutant", "reason", "message"), HAND_MUTANTS)
def test_a_hand_made_mutant_fails_with_its_message(name, line, mutant, reason, message):
    shapes, lines = matrix_lines(ROOT / "docs/networks" / name)
    at = next(i for i, (_, t) in enumerate(lines) if t == line)
    with pytest.raises(StepError) as info:
        run(shapes, [*lines[:at], (lines[at][0], mutant), *lines[at + 1 :]])
    assert info.value.line == lines[at][0]
    assert re.search(message, str(info.value)), str(info.value)
    assert reason is None or info.value.reason == reason


def test_a_mutant_on_the_page_fails_the_page_with_file_line_and_step():
    source = LAYER_L.read_text()
    wrong = source.replace(r"dA^{[l-1]} = W^{[l]T} dZ^{[l]}" + "\n```", r"dA^{[l-1]} = W^{[l]} dZ^{[l]}" + "\n```", 1)
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"layer-l\.md:\d+: step '.*': W\^\{\[l\]\} dZ\^\{\[l\]\} multiplies"):
        check_source(str(LAYER_L), wrong)


# -- generated mutants: every operator on every matrix claim of the site --------------------------
def _mutants(text: str) -> list[tuple[str, str]]:
    """(operator, mutant) pairs of one matrix claim; only its right side is changed."""
    lhs, rhs = (text[:1], text[1:]) if text.startswith("=") else text.split("=", 1)
    lhs = lhs if text.startswith("=") else lhs + "="
    out = []

    def add(kind: str, new: str) -> None:
        if new != rhs:
            out.append((kind, lhs + new))

    add("1/m dropped", re.sub(r"\\t?frac\{1\}\{m\}", "", rhs, count=1))
    add("1/m added", r" \frac{1}{m} " + rhs if "frac{1}{m}" not in rhs else rhs)
    add("transpose dropped", re.sub(r"(\^\{\[[^\]]*\])T\}", r"\1}", rhs, count=1))
    add("transpose dropped", re.sub(r"\^\{?T\}?", "", rhs, count=1))
    add("transpose moved", re.sub(r"(\^\{\[[^\]]*\]\})(?!T)", r"^{T}", rhs, count=1) if "T" in rhs else rhs)
    add("layer shifted", re.sub(r"\[l\]", "[l-1]", rhs, count=1))
    add("layer shifted", re.sub(r"\[l-1\]", "[l]", rhs, count=1))
    add("layer shifted", re.sub(r"\[2\]", "[1]", rhs, count=1))
    add("layer shifted", re.sub(r"\[1\]", "[2]", rhs, count=1))
    add("* made a product", rhs.replace("*", " ", 1))
    # Between two matrices only: a number times a matrix is the same with * (an equivalent mutant).
    add("product made *", re.sub(r"(\]T?\}|\^\{?T\}?) (d?[A-Z]\^)", r"\1 * \2", rhs, count=1))
    add("sign", " -(" + rhs + ")")
    add("g' of the wrong layer", re.sub(r"g\^\{\[l\]\\prime\}", r"g^{[l-1]\\prime}", rhs))
    add("A for Z", re.sub(r"(?<![A-Za-z])Z\^", "A^", rhs, count=1))
    add("Z for A", re.sub(r"(?<![A-Za-z])A\^", "Z^", rhs, count=1))
    add("sum dropped", re.sub(r"\\textstyle\\sum_\{?i[^ ]*\s*|\\sum_\{i=1\}\^\{m\}\s*", "", rhs, count=1))
    return out


def _claims(lines):
    from checker.matrix_latex import parse_expression

    for i, (_, text) in enumerate(lines):
        head = text.split("=", 1)[0].strip()
        if text.startswith("=") or (head.startswith("d") and parse_expression(head).kind == "name"):
            yield i


def test_mutation_catch_rate(capsys):
    caught, missed = 0, []
    for path in PAGES:
        shapes, lines = matrix_lines(path)
        for i in _claims(lines):
            for kind, mutant in _mutants(lines[i][1]):
                try:
                    run(shapes, [*lines[:i], (lines[i][0], mutant), *lines[i + 1 :]])
                except StepError as exc:
                    caught += exc.line == lines[i][0]
                    if exc.line != lines[i][0]:
                        missed.append((path.name, kind, mutant, f"failed at line {exc.line} instead"))
                else:
                    missed.append((path.name, kind, mutant, "passed"))
    total = caught + len(missed)
    with capsys.disabled():
        print(f"\nmatrix mutants: {caught} of {total} caught ({100 * caught / total:.1f}%)")
        for miss in missed:
            print("  missed:", *miss)
    assert total >= 80
    assert not missed


# -- no unchecked display equation ---------------------------------------------------------------
PAGE = "---\ntitle: t\n---\n\n# T { #t }\n\n"


@pytest.mark.parametrize(
    "display",
    [
        r"\[ a = b \]",
        "\\[\nx \\Longrightarrow y\n\\]",
        "$$ dW = \\frac{1}{m} dZ A^T $$",
        r"\[ p \iff q \]",
        # arithmatex's begin syntax: an environment standing as a block is display math too.
        "\\begin{align}\ndz &= a - y\n\\end{align}",
        r"\begin{equation*} dz = a - y \end{equation*}",
    ],
)
def test_a_display_equation_outside_the_fences_fails_with_file_line_and_formula(display):
    source = PAGE + "Some text.\n\n" + display + "\n"
    with pytest.raises(CheckFailure) as info:
        check_source("docs/x.md", source)
    text = str(info.value)
    assert text.startswith("docs/x.md:9: step 't': display equation not checked")
    assert "derivation fence" in text and "notation fence" in text
    assert " ".join(display.strip("$").replace("\\[", "").replace("\\]", "").split())[:6] in text


def test_a_wrong_inline_claim_in_dollars_fails_as_one_in_round_brackets():
    # arithmatex typesets $...$ as it does \(...\): a claim is checked whichever way it is written.
    path = ROOT / "docs/logistic-regression/m-examples.md"
    source = path.read_text()
    wrong = source.replace(r"\(\frac{dJ}{dZ} = \frac{1}{m}(A - Y)\)", r"$\frac{dJ}{dZ} = \frac{2}{m}(A - Y)$")
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"m-examples\.md:\d+: step 'inline formula': inline claim is wrong"):
        check_source("docs/logistic-regression/m-examples.md", wrong)
    assert [formula for _, formula in prose_math("costs $5 and $6 = $7, $$ $x$")] == []  # no math: prices, $$


def test_display_math_without_a_relation_in_code_or_in_a_notation_fence_passes():
    source = (
        PAGE
        + "\\[ \\begin{pmatrix} 1 & 2 \\end{pmatrix} \\]\n\n"
        + "```latex\n\\[ a = b \\]\n```\n\n`\\[ a = b \\]` in code\n\n"
        + "```notation\nf(x \\pm \\varepsilon) = f(x) \\pm \\varepsilon f'(x) + \\dots\n```\n"
    )
    found = check_source("docs/x.md", source)
    assert [b.kind for b in found] == ["notation"]
    assert unchecked_displays(source) == []


def test_a_notation_fence_renders_its_math_and_says_it_is_not_a_claim():
    source = PAGE + "```notation\nd\\theta_{\\text{approx}, i} = \\frac{J(\\theta + \\varepsilon)}{2}\n= c\n```\n"
    (block,) = check_source("docs/x.md", source)
    shown = notation(block)
    assert 'class="derivation notation"' in shown and "Notation, not a checked claim" in shown
    tex = html.unescape(shown)
    assert r"d\theta_{\text{approx}, i} &= \frac{J(\theta + \varepsilon)}{2}" in tex and r"&= c" in tex


def test_the_site_has_no_display_equation_outside_the_fences():
    for path in (ROOT / "docs").rglob("*.md"):
        source = path.read_text()
        assert unchecked_displays(source, front_matter(source)[1]) == [], path


def test_a_wrong_inline_derivative_claim_fails_the_page():
    path = ROOT / "docs/logistic-regression/m-examples.md"
    source = path.read_text()
    wrong = source.replace(r"\(\frac{dJ}{dZ} = \frac{1}{m}(A - Y)\)", r"\(\frac{dJ}{dZ} = \frac{2}{m}(A - Y)\)")
    assert wrong != source
    with pytest.raises(CheckFailure, match=r"m-examples\.md:\d+: step 'inline formula': inline claim is wrong"):
        check_source(str(path), wrong)


def test_bad_shapes_front_matter_is_named():
    with pytest.raises(CheckFailure, match=r"front matter.*W\^\{\[l\]\}"):
        check_source("docs/x.md", "---\nshapes:\n  W^{[l]}: (n_l)\n---\n\n# T\n")


def test_an_inline_derivative_claim_no_checker_reads_is_flagged_with_file_and_line(caplog):
    source = PAGE + "So \\(\\frac{da_i}{dz_j} = a_i(\\delta_{ij} - a_j)\\) for each entry.\n"
    with caplog.at_level("INFO", logger="mkdocs.plugins.derivation"):
        check_source("docs/x.md", source)
    (record,) = caplog.records
    assert record.getMessage().startswith(r"docs/x.md:7: inline claim not checked, \(\frac{da_i}{dz_j} = a_i")


@pytest.mark.parametrize(
    ("wrong", "says"),
    [(r"dW^{[l]} = \tfrac{1}{m} \, dZ^{[l]} A^{[l-1]}", "multiplies"), (r"dA^{[l-1]} = -W^{[l]T} dZ^{[l]}", "differ")],
)
def test_a_wrong_matrix_line_can_be_shown_rejected_and_a_right_one_cannot(wrong, says):
    source = LAYER_L.read_text()
    fence = "\n```derivation-rejected\n{}\n```\n"
    found = check_source(str(LAYER_L), source + fence.format(wrong))
    assert says in found[-1].rejection
    with pytest.raises(CheckFailure, match="passes the checker; it is not wrong"):
        check_source(str(LAYER_L), source + fence.format(r"dA^{[l-1]} = W^{[l]T} dZ^{[l]}"))


def test_the_notebooks_markdown_has_no_display_equation_either():
    # Notebook pages are not checked by the fences' checker: their display math must not hold a claim.
    for path in (ROOT / "docs/notebooks").glob("*.py"):
        markdown = "\n".join(line[2:] if line.startswith("# ") else "" for line in path.read_text().splitlines())
        assert unchecked_displays(markdown) == [], path
    assert unchecked_displays("# $$\n# a = b\n# $$".replace("# ", "")) != []


FORWARD = [
    r"A^{[0]} = X",
    r"Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}",
    r"A^{[l]} = g^{[l]}(Z^{[l]})",
    r"g^{[l]}(z) = \tanh(z)",
    r"g^{[L]}(z) = \sigma(z)",
    r"\mathcal{L} = -Y * \log(A^{[L]}) - (1 - Y) * \log(1 - A^{[L]})",
    r"J = \frac{1}{m} \sum_i \mathcal{L}",
]


def forward_page() -> MatrixPage:
    page = MatrixPage(front_matter(LAYER_L.read_text())[0]["shapes"])
    for line in FORWARD:
        page.check(line)
    return page


@pytest.mark.parametrize(
    "line",
    [
        r"dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]})",
        r"dZ^{[l]} = dA^{[l]} * g^{[l]'}(Z^{[l]})",
        r"dA^{[l-1]} = W^{[l]\top} dZ^{[l]}",
        r"dA^{[l-1]} = \left(dZ^{[l]T} W^{[l]}\right)^\top",
        r"\frac{dJ}{dW^{[l]}} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}",
        r"\frac{\partial J}{\partial Z^{[l]}} = \frac{1}{m} dZ^{[l]}",
        r"db^{[l]} = \frac{1}{m} \sum_{i=1}^{m} dZ^{[l](i)}",
        r"db^{[l]} = \frac{1}{m} \sum_i dZ^{[l]}",
    ],
)
def test_each_spelling_the_course_uses_is_read_and_checked(line):
    (verdict,) = forward_page().check(line)
    assert verdict.how == "matrix"


@pytest.mark.parametrize(
    ("line", "reason", "message"),
    [
        (r"dW^{[l]} = \frac{1}{m} dZ^{[l]} V^{[l]T}", "undefined", r"V\^\{\[l\]\}.*neither declared under 'shapes:'"),
        (r"Z^{[L]} = W^{[L]T} A^{[L-1]}", "shape", r"W\^\{\[L\]T\} A\^\{\[L-1\]\} multiplies \(\d, \d\) by \(\d, \d\)"),
        (r"dW^{[l]} = dZ^{[l]} A^{[l-1]T} + 1 /", "parse", r"cannot read .* as matrix notation"),
        (r"dA^{[l+1]} = W^{[l]T} dZ^{[l]}", "undefined", r"layer \d of a network with L = \d layers"),
    ],
)
def test_what_the_checker_cannot_use_is_named(line, reason, message):
    with pytest.raises(StepError, match=message) as info:
        forward_page().check(line)
    assert info.value.reason == reason


def test_a_definition_that_contradicts_its_declared_shape_is_a_shape_error():
    page = MatrixPage({"X": "(n_0, m)", "W^{[l]}": "(n_l, n_{l-1})", "Z^{[l]}": "(n_l, 1)"})
    page.check(r"A^{[0]} = X")
    with pytest.raises(StepError, match=r"Z\^\{\[l\]\} gives a \(\d, \d\) at .*, but 'shapes:' declares \(\d, 1\)"):
        page.check(r"Z^{[l]} = W^{[l]} A^{[l-1]}")


_NUMBER_PAGE = r"""---
shapes:
  X: (n_0, m)
  W: (n_1, n_0)
  \lambda: a number in (0, 2)
  n_0: 1
  n_1: 1
---

```derivation
Z = W X
J = \frac{1}{m} \sum_i Z + \frac{\lambda}{2m} (W_{11})^2
dW = \frac{1}{m} \sum_i X + \frac{\lambda}{m} W
```
"""


def test_a_declared_number_such_as_lambda_is_a_number_in_matrix_lines():
    [block] = check_source("docs/x.md", _NUMBER_PAGE)
    assert block.verdicts[-1][1].how == "matrix"
    with pytest.raises(CheckFailure, match="differ"):
        check_source("docs/x.md", _NUMBER_PAGE.replace(r"+ \frac{\lambda}{m} W", r"+ \frac{\lambda}{2m} W"))
