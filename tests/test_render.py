"""What a reader sees of a checked block: the mark in a learner's words, a wrong line's ✗ and verdict, its id."""

from __future__ import annotations

import re
from html import unescape

import mpmath
import pytest

from checker import render, words
from checker.anchors import anchors
from checker.document import Block, CheckFailure, blocks
from checker.latex import StepError
from checker.numeric import Result
from checker.steps import Verdict


def _block(kind: str, *verdicts: Verdict, lines=None, step="step-1") -> Block:
    lines = lines or [(10 + i, f"{v.lhs} = {v.rhs}") for i, v in enumerate(verdicts)]
    block = Block(kind, 9, step, lines, f"```{kind}\n" + "\n".join(t for _, t in lines) + "\n```\n")
    block.verdicts = [(n, v) for (n, _), v in zip(lines, verdicts, strict=False)]
    return block


def _text(html: str) -> str:
    """What a reader reads: tags gone, math gone (it is typeset, not read as source)."""
    html = re.sub(r'<(span|div) class="arithmatex">.*?</\1>', "[math]", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


PROVED = Verdict(r"\frac{dL}{da}", r"\frac{a - y}{a(1 - a)}", "symbolic", 24, 1e-40)
POINTS = Verdict(r"\log(e^{z})", "z", "numeric", 200, 1e-60)
DEFINED = Verdict("a", r"\sigma(z)", "definition", 24, 0.0)
MATRIX = Verdict("dW", r"\frac{1}{m} dZ A^T", "matrix", 12, 1e-45)


@pytest.mark.parametrize(
    ("verdicts", "mark"),
    [
        ([PROVED], "✓ proved by algebra and checked at 24 points"),
        ([POINTS], "✓ checked numerically at 200 points, not proved"),
        ([DEFINED], "✓ definition"),
        ([DEFINED, DEFINED], "✓ definitions"),
        ([MATRIX], "✓ checked as matrices at 12 random shapes"),
        ([DEFINED, PROVED, PROVED], "✓ proved by algebra and checked at 24 points"),
        (
            [PROVED, PROVED, POINTS],
            "✓ 2 proved by algebra, 1 numerically, not proved",
        ),
    ],
)
def test_the_mark_says_how_in_a_learners_words(verdicts, mark):
    html = render.checked(_block("derivation", *verdicts))
    summary = re.search(r"<summary>(.*?)</summary>", html)[1]
    assert _text(summary) == mark
    assert "none" not in html and "finite" not in html  # no tick beside "proves none"; no jargon


def test_a_numeric_only_line_is_never_said_to_be_proved():
    html = render.checked(_block("derivation", POINTS))
    assert "proved by algebra" not in html and "not proved" in html


def test_opened_the_mark_shows_each_line_typeset_and_what_was_checked_in_words():
    html = render.checked(_block("derivation", DEFINED, PROVED, POINTS))
    opened = html[html.index("</summary>") :]
    # Every formula is in arithmatex markup, for the build's MathJax: no LaTeX shown as text.
    assert opened.count('<span class="arithmatex">\\(') == 3
    assert "\\" not in _text(opened) and "<code>" not in opened
    assert "[math]: a definition: the lines below use it" in _text(opened)
    assert "[math]: proved by algebra (sympy), and equal at 24 random points" in _text(opened)
    assert "[math]: checked numerically, not proved: equal at 200 random points to 25 digits" in _text(opened)


def test_the_verdicts_detail_is_said_when_the_checker_gives_one():
    shapes = Verdict("dW", "x", "matrix", 8, 0.0, detail="m = 1 among them")
    assert words.verdict(shapes) == "checked as matrices, entry by entry, at 8 random shapes (m = 1 among them)"
    # A points-only line's detail is the checker's full account: said once, not after a summary of it.
    told = "checked numerically at 200 points, not proved; the sides agree to 75 digits at 100-digit precision"
    assert words.verdict(Verdict("x", "y", "numeric", 200, 0.0, detail=told)) == told


def test_a_numeric_check_says_problems_and_worst_error():
    block = _block("numeric-check", lines=[(12, "snippets.pages.x:check_dw")])
    block.results = [Result("snippets.pages.x:check_dw", "dW against central differences of J", 10, 3.2e-10)]
    html = render.numeric(block)
    assert _text(re.search(r"<summary>(.*?)</summary>", html)[1]) == "✓ numpy: 10 random problems, worst error 3e-10"
    assert "dW against central differences of J: 10 random problems, worst relative error 3.2e-10" in _text(html)
    told = Result("snippets.pages.x:check_db", "db of the site", 10, 5.1e-9, how="central differences of J in b")
    assert words.result(told) == (
        "db of the site, against central differences of J in b: 10 random problems, worst relative error 5.1e-9"
    )
    said = Result(
        "snippets.pages.x:check_db", "db against a central difference of J", 10, 0.0, how="central differences"
    )
    assert words.result(said) == "db against a central difference of J: 10 random problems, worst relative error 0"
    block.results.append(Result("snippets.pages.x:check_db", "db", 10, 1e-12))
    assert "✓ numpy: 2 checks × 10 problems, worst error 3e-10" in _text(render.numeric(block))


def _differ() -> StepError:
    error = StepError("p.md:14: step 'step-1': the two sides differ at y_{1} = 0.7, a = 0.3: ...")
    # The fields latex.StepError carries (set as attributes, so this test runs before and after they exist).
    error.reason, error.lhs, error.rhs = "differ", r"\frac{dL}{da}", r"\frac{1-a}{a(1-a)}"
    error.point = [("y_{1}", mpmath.mpf("0.7")), ("a", mpmath.mpf("0.3"))]
    error.left, error.right = mpmath.mpf("1.428571428"), mpmath.mpf("-2.1904761")
    return error


def test_a_wrong_line_shows_a_cross_and_the_verdict_in_a_learners_words():
    block = _block("derivation-rejected", lines=[(14, r"\frac{dL}{da} = \frac{1-a}{a(1-a)}")])
    block.error, block.rejection = _differ(), "p.md:14: step 'step-1': the two sides differ ..."
    html = render.rejected(block)
    assert '<span class="wrong-sign" role="img" aria-label="Wrong line">✗</span><div class="arithmatex">' in html
    verdict = re.search(r'<p class="wrong-verdict" data-search-exclude>(.*?)</p>', html)[1]
    assert _text(verdict) == "Wrong: at y1 = 0.7, a = 0.3 the left side is 1.43 and the right side is −2.19."
    assert "<i>y</i><sub>1</sub>" in verdict  # as a learner writes it, not sympy's y_{1}
    # The file and line only inside the folded detail.
    before, folded = html.split("<details", 1)
    assert "p.md:14" not in before and "p.md:14" in folded


def test_a_wrong_line_with_several_equalities_names_the_two_sides_in_math():
    block = _block("derivation-rejected", lines=[(14, r"\frac{dL}{da} = \frac{1-a}{a(1-a)} = 5")])
    block.error = _differ()
    verdict = words.refusal(block)
    assert _text(verdict) == "Wrong: at y1 = 0.7, a = 0.3 [math] is 1.43 and [math] is −2.19."
    assert r"\(\frac{dL}{da}\)" in verdict


def test_an_undefined_name_is_said_as_the_learner_writes_it():
    block = _block("derivation-rejected", lines=[(20, r"\frac{da}{dz} = \gamma(z)")])
    block.error = StepError(r"unknown function \gamma (functions defined on this page: sigma)")
    block.error.reason = "undefined"
    assert _text(render.rejected(block)).count("Not defined: nothing above this line says what γ is.") == 1


def test_an_undefined_thing_the_message_explains_is_said_with_its_signs_not_latex():
    block = _block("derivation-rejected", lines=[(20, r"\gamma(z) = a")])
    block.error = StepError(
        r"\gamma is batch norm's scale in this course, not a function; the sigmoid is \sigma", "undefined"
    )
    assert (
        _text(words.refusal(block))
        == "Not defined: γ is batch norm's scale in this course, not a function; the sigmoid is σ"
    )


def test_a_message_quoting_fractions_and_powers_reads_as_written_by_hand_not_as_latex():
    # The corrections page showed "does \frac{d}{dz} take the whole product" to learners.
    block = _block("derivation-unreadable", lines=[(32, r"\frac{d}{dz} \cdot \frac{d}{dz}")])
    block.error = StepError(
        r"'\frac{d}{dz} \cdot \frac{d}{dz}': write \frac{d}{dz}\left(...\right) around \frac{1}{1 + e^{-z}}", "parse"
    )
    said = _text(words.unreadable(block))
    assert said == "This line cannot be read as math: 'd/dz · d/dz': write d/dz(...) around 1/(1 + e^(-z))"
    assert words.plain(r"z^{(1)}_{norm}, a^{[1]}_{2}, \frac{\frac{a}{b}}{c}") == "z^(1)_norm, a^[1]_2, (a/b)/c"


def test_without_structured_fields_the_checkers_message_is_shown():
    block = _block("derivation-rejected", lines=[(20, "x = 1")])
    block.rejection = "p.md:20: step 'step-1': expected an expression, found a relation"
    assert "Wrong: expected an expression, found a relation" in _text(render.rejected(block))


def test_an_unreadable_line_is_quoted_with_a_cross_and_why():
    block = _block("derivation-unreadable", lines=[(30, r"\frac{dL} {da")])
    block.error = StepError(r"cannot parse LaTeX '\frac{dL} {da': missing '}'")
    block.error.reason = "parse"
    html = render.unreadable(block)
    assert "✗" in html and r"<pre><code>\frac{dL} {da</code></pre>" in html
    assert "This line cannot be read as math: missing '}'" in _text(html)


def test_an_unreadable_line_whose_braces_balance_is_typeset_as_the_forum_showed_it():
    block = _block("derivation-unreadable", lines=[(31, r"\frac{d}{dz} \simeq (z) = \sum (1 - \sum z")])
    block.error = StepError("cannot parse LaTeX: simeq")
    block.error.reason = "parse"
    html = render.unreadable(block)
    assert "✗" in html and '<div class="arithmatex">' in html and "<pre><code>" not in html


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1.428571, "1.43"), (-2.19047, "−2.19"), (0.3, "0.3"), (123456.0, "1.23 × 105"), (None, "undefined")],
)
def test_numbers_have_three_significant_digits(value, shown):
    assert _text(words.number(value)) == shown


PAGE = """# Page

## Setup { #setup }

```derivation
a = 1
```

## Step 1 { #step-1-dl-da }

```derivation
b = 2
```

```derivation
c = 3
```
"""


def test_ids_come_from_the_heading_and_the_order_under_it():
    assert anchors("p.md", PAGE, blocks(PAGE)) == ["setup-1", "step-1-dl-da-1", "step-1-dl-da-2"]


def test_ids_stay_when_a_block_is_added_under_another_heading():
    before = anchors("p.md", PAGE, blocks(PAGE))
    longer = PAGE.replace("a = 1\n```\n", "a = 1\n```\n\nProse.\n\n```derivation\nd = 4\n```\n")
    after = anchors("p.md", longer, blocks(longer))
    assert after == ["setup-1", "setup-2", *before[1:]]


def test_an_author_can_name_a_block_on_its_fence_and_the_others_keep_their_ids():
    named = PAGE.replace("```derivation\nb = 2", "```derivation {#the-b-line}\nb = 2")
    assert anchors("p.md", named, blocks(named)) == ["setup-1", "the-b-line", "step-1-dl-da-2"]


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("```derivation\nb = 2", "```derivation {#setup}\nb = 2", "#setup is already used on this page"),
        ("## Setup { #setup }", "## Setup { #setup }\n\n## Other { #step-1-dl-da-2 }", "#step-1-dl-da-2 is already"),
        ("```derivation\nb = 2", "```derivation {.wide}\nb = 2", "the fence's {.wide} should be an id"),
    ],
)
def test_an_id_already_taken_or_malformed_fails_with_file_and_line(old, new, message):
    source = PAGE.replace(old, new)
    with pytest.raises(CheckFailure) as failure:
        anchors("p.md", source, blocks(source))
    assert str(failure.value).startswith("p.md:") and message in str(failure.value)


def link_to(anchor: str) -> str:
    said = 'title="Link to this step" aria-label="Link to this step" data-search-exclude'
    return f'<a class="step-link" href="#{anchor}" {said}>¶</a>'


def test_every_block_carries_its_id_and_a_visible_link_to_it():
    found = blocks(PAGE)
    for block in found:
        block.verdicts = [(block.lines[0][0], DEFINED)]
    shown = render.page("p.md", PAGE, found, {"derivation": render.checked})
    for html, anchor in zip(shown, ["setup-1", "step-1-dl-da-1", "step-1-dl-da-2"], strict=True):
        assert html.count(f'id="{anchor}"') == 1 and html.index(f'id="{anchor}"') < html.index("arithmatex")
        assert html.rstrip().endswith("</details>\n" + link_to(anchor) + "</div>")  # on the closed mark's line


def test_a_renderer_without_the_block_wrapper_is_refused():
    found = blocks(PAGE)
    with pytest.raises(ValueError, match="must wrap its block"):
        render.page("p.md", PAGE, found, {"derivation": lambda block: "<p>math</p>"})


def test_a_notation_block_gets_its_id_and_its_link_on_its_caption_line():
    source = "## Sums { #sums }\n\n```notation\n\\sum_{i=1}^{m} x_i = x_1 + \\dots + x_m\n```\n"
    (html,) = render.page("p.md", source, blocks(source), {"notation": render.notation})
    assert '<div id="sums-1" class="derivation notation">' in html
    assert (
        '<p class="notation-note" data-search-exclude>Notation, not a checked claim.</p>\n'
        + link_to("sums-1")
        + "</div>"
        in html
    )


def test_the_report_and_the_home_page_count_every_kind_of_line_the_same():
    from pipeline import report

    derivation = _block("derivation", DEFINED, PROVED, PROVED, POINTS, MATRIX)
    wrong = _block("derivation-rejected", lines=[(30, "a = b"), (31, "c = d")])
    garbled = _block("derivation-unreadable", lines=[(40, r"\frac{d")])
    notation = _block("notation", lines=[(50, r"x = x_1, \dots")])
    numpy = _block("numeric-check", lines=[(60, "snippets.pages.x:check")])
    numpy.results = [Result("snippets.pages.x:check", "dW", 10, 2e-9)]
    pages = [
        report.Checked("P", "p.md", [derivation, wrong, garbled, notation, numpy]),
        report.Checked("Q", "q.md", []),
    ]
    n = report.count(pages)
    assert (n.pages, n.definition, n.symbolic, n.numeric, n.matrix) == (1, 1, 2, 1, 1)
    assert (n.rejected, n.unreadable, n.notation, n.results, n.shown) == (2, 1, 1, 1, 9)
    said = report.sentence(n).replace("**", "")
    assert said.startswith("9 equations on 1 page: 2 proved by algebra, 1 checked numerically (not proved), 1 checked")
    assert "3 wrong lines refused on purpose; and 1 results computed in numpy" in said
    listed = report.claim(n).replace("**", "")
    for number, label in re.findall(r"(\d+) (proved by algebra|checked numerically|definitions|wrong lines)", said):
        assert f"{number} {label}" in listed
    assert report.home("Shows [[checks]]", pages) == "Shows " + report.sentence(n)


_BROKEN = r"""---
symbols:
  x: real
---

```derivation
f = x^2 + 2 x \\ + 1
f = (x + 1)^2 \\ + 0
```
"""


def test_a_side_broken_with_a_double_backslash_shows_on_two_rows_and_checks_as_one():
    from checker.document import check_source

    [block] = check_source("p.md", _BROKEN)
    assert [v.how for _, v in block.verdicts] == ["definition", "symbolic"]
    assert r"x^2 + 2 x \\ &amp;\qquad + 1" in render.math(block)
    with pytest.raises(CheckFailure, match="differ"):
        check_source("p.md", _BROKEN.replace(r"\\ + 0", r"\\ + 1"))


def test_a_double_backslash_inside_an_environment_is_its_own_row_separator():
    from checker.document import pieces

    matrix = r"X = \begin{pmatrix} x_1 & x_2 \\ x_3 & x_4 \end{pmatrix}"
    assert pieces(matrix) == [matrix]
    assert pieces(matrix + r" \\ + 0") == [matrix, "+ 0"]


def test_a_wrong_lines_point_leaves_out_what_the_line_only_differentiates():
    block = _block("derivation-rejected", lines=[(20, r"\frac{dL}{dz} = \frac{dL}{da} \times \frac{dz}{da}")])
    block.error = StepError("the two sides differ", reason="differ")
    block.error.point = [("y", mpmath.mpf("0.157")), ("z", mpmath.mpf("-0.605")), ("a", mpmath.mpf("0.353"))]
    block.error.point.append(("L", mpmath.mpf("0.531")))
    block.error.lhs, block.error.rhs = r"\frac{dL}{dz}", r"\frac{dL}{da} \times \frac{dz}{da}"
    block.error.left, block.error.right = mpmath.mpf("0.196"), mpmath.mpf("3.76")
    said = _text(render.rejected(block))
    assert "at y = 0.157, z = −0.605, a = 0.353 the left side is 0.196" in said and "L =" not in said


@pytest.mark.parametrize(
    ("symbol", "shown"),
    [
        ("z^{(1)}_{norm}", "<i>z</i><sup>(1)</sup><sub>norm</sub>"),
        ("a^{[1]}_{2}", "<i>a</i><sup>[1]</sup><sub>2</sub>"),
        ("a^{[1](i)}", "<i>a</i><sup>[1](i)</sup>"),
        ("delta^{(2)}", "δ<sup>(2)</sup>"),
        ("ell_{1}", "ℓ<sub>1</sub>"),
        ("varepsilon", "ε"),
        ("Omega", "Ω"),
        ("y_{1}", "<i>y</i><sub>1</sub>"),
    ],
)
def test_a_name_with_a_layer_or_an_example_reads_as_written(symbol, shown):
    assert words.name(symbol) == shown


def test_a_rejected_lines_point_shows_superscripted_names_as_math_not_tex():
    block = _block("derivation-rejected", lines=[(12, r"\frac{dJ}{dz^{(1)}} = 0")])
    block.error = StepError(
        "the two sides differ",
        "differ",
        [("z^{(1)}", mpmath.mpf("0.25")), ("z^{(1)}_{norm}", mpmath.mpf("-0.5")), ("delta^{(2)}", mpmath.mpf(2))],
        mpmath.mpf(1),
        mpmath.mpf(0),
    )
    said = words.refusal(block)
    assert "<i>z</i><sup>(1)</sup> = 0.25, <i>z</i><sup>(1)</sup><sub>norm</sub> = −0.5, δ<sup>(2)</sup> = 2" in said
    assert not re.search(r"[\^{}\\]", said), said
    block.error = StepError(r"no domain for a^{[1]}_{2}: declare it", "undefined")
    assert "nothing above this line says what <i>a</i><sup>[1]</sup><sub>2</sub> is" in words.refusal(block)
