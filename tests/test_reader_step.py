"""The "Check your own step" box's checker (checker/reader_step.py) and the data the page gives it (check_box.py).

The browser runs this same module under Pyodide (tests/browser/test_check_your_step.py); here it runs in
CPython, against the data the build writes into each page.
"""

from __future__ import annotations

import gzip
import json
import re
from html import unescape
from pathlib import Path

import markdown
import pytest

from checker import cache, reader_step
from pipeline import check_box
from support import LOGISTIC, ROOT, SETUP

DL_DZ = "docs/logistic-regression/dl-dz.md"
# The forum post's common denominator (corrections.md shows it, rejected), and the right one (dl-dz.md, step 1).
POSTS = r"\frac{dL}{da} = \frac{(1-a)}{a\times(1-a)} + \frac{a\times(1-a)}{a\times(1-a)}"
RIGHT = r"\frac{dL}{da} = \frac{-y(1 - a)}{a(1 - a)} + \frac{a(1 - y)}{a(1 - a)}"


def _data(path: str) -> dict:
    found = check_box.data(path, (ROOT / path).read_text(encoding="utf-8"), ROOT / cache.FOLDER)
    found.pop("example")
    return found


@pytest.fixture(scope="module")
def dl_dz() -> dict:
    return _data(DL_DZ)


def test_the_page_hands_over_what_the_build_read(dl_dz):
    assert dl_dz["symbols"] == LOGISTIC
    assert dl_dz["definitions"] == SETUP
    assert dl_dz["shapes"] == {}


def test_the_posts_wrong_common_denominator_gets_the_builds_counterexample(dl_dz):
    answer = reader_step.check(dl_dz, POSTS)
    assert answer["verdict"] == "wrong"
    # The same point and values the build found for the same line on the corrections page.
    path = "docs/logistic-regression/corrections.md"
    rejected = [b for b in cache.check(path, (ROOT / path).read_text(), ROOT / cache.FOLDER) if b.lines[0][1] == POSTS]
    error = rejected[0].error
    shown = [f"{n} = {reader_step.number(x)}" for n, x in error.point if n != "L"]  # L: only differentiated
    sides = f"the left side is {reader_step.number(error.left)} and the right side is {reader_step.number(error.right)}"
    assert answer["answers"] == [f"wrong: at {', '.join(shown)} {sides}"]
    assert answer["answers"] == [
        "wrong: at y = 0.263, z = −0.0273, a = 0.493 the left side is 0.92 and the right side is 3.03"
    ]


def test_the_right_line_is_proved_by_algebra(dl_dz):
    assert reader_step.check(dl_dz, RIGHT) == {
        "verdict": "correct",
        "answers": ["correct: proved by algebra (and equal at 24 random points)"],
    }


def test_a_line_that_cannot_be_read_gets_the_parsers_reason(dl_dz):
    answer = reader_step.check(dl_dz, r"\frac{dL}{da} = \frac{1}{")
    assert answer == {"verdict": "unreadable", "answers": ["cannot read this LaTeX: I expected something else here"]}


def test_an_undeclared_symbol_is_named_with_what_the_page_declares(dl_dz):
    answer = reader_step.check(dl_dz, r"\frac{dL}{dq} = 1")
    assert answer["verdict"] == "undefined"
    assert "q is neither declared" in answer["answers"][0] and answer["answers"][0].endswith("(it declares z, a, y)")


def test_lines_of_the_box_go_on_from_each_other(dl_dz):
    answer = reader_step.check(dl_dz, "$$q = a - y$$\n\\frac{dq}{da} = 1\n= 2 - 1 &= 1\n= a")
    assert answer["verdict"] == "wrong"
    assert answer["answers"][:4] == [
        "q = a - y: a definition: it gives q a value the lines below can use",
        r"\frac{dq}{da} = 1: correct: proved by algebra (and equal at 24 random points)",
        "1 = 2 - 1: correct: proved by algebra (and equal at 24 random points)",
        "2 - 1 = 1: correct: proved by algebra (and equal at 24 random points)",
    ]
    assert re.fullmatch(
        r"wrong: at z = \S+, a = \S+ the left side is 1 and the right side is 0\.\d+", answer["answers"][4]
    )


def test_the_box_defines_nothing_on_the_page(dl_dz):
    reader_step.check(dl_dz, "q = a - y")
    assert reader_step.check(dl_dz, r"\frac{dq}{da} = 1")["verdict"] == "undefined"


def test_empty_long_and_continuation_first_are_refused(dl_dz):
    assert reader_step.check(dl_dz, " \n ")["answers"] == [
        "cannot read this LaTeX: the box is empty; type a step such as a = b"
    ]
    assert reader_step.check(dl_dz, "a = " + "a" * 3000)["verdict"] == "unreadable"
    assert reader_step.check(dl_dz, "= a")["answers"] == [
        "cannot read this LaTeX: a line that starts with '=' continues the line above it"
    ]


def test_a_matrix_page_checks_matrix_lines_as_the_build_does():
    layer = _data("docs/networks/layer-l.md")
    right = reader_step.check(layer, r"dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}")
    assert right["verdict"] == "correct" and "checked as matrices" in right["answers"][0]
    wrong = reader_step.check(layer, r"dW^{[l]} = dZ^{[l]} A^{[l-1]T}")  # the 1/m lost
    assert wrong["verdict"] == "wrong" and re.search(r"the left side is \S+ and the right side is", wrong["answers"][0])


def test_stale_data_is_an_error_not_a_verdict(dl_dz):
    stale = dict(dl_dz, definitions=[*SETUP, r"\frac{dL}{dz} = a - y"])
    with pytest.raises(ValueError, match="is not a definition here"):
        reader_step.check(stale, RIGHT)


def test_json_in_and_out(dl_dz):
    reader_step.prepare_json(json.dumps(dl_dz))
    assert json.dumps(dl_dz, sort_keys=True) in reader_step._PAGES
    assert json.loads(reader_step.check_json(json.dumps(dl_dz), RIGHT))["verdict"] == "correct"


def test_numbers_as_a_learner_reads_them():
    assert [reader_step.number(x) for x in (-2.19, 1.4321, 0, 123456.0, None, float("nan"))] == [
        "−2.19",
        "1.43",
        "0",
        "1.23e+05",
        "undefined",
        "undefined",
    ]


# -- the box in the page --------------------------------------------------------
def _html(path: str) -> str:
    """The page through the two extensions alone (with no builder, the Markdown given is the page)."""
    md = markdown.Markdown(extensions=["pipeline.derivation_fences", "pipeline.check_box"])
    return md.convert((ROOT / path).read_text(encoding="utf-8"))


def test_a_page_with_derivations_gets_one_box_with_its_data():
    html = _html(DL_DZ)
    assert html.count('<section class="check-step"') == 1
    payload = re.search(r'<section class="check-step"[^>]* data-page="([^"]*)"', html)[1]
    assert json.loads(unescape(payload))["definitions"] == SETUP
    assert 'placeholder="\\frac{dL}{dz} = \\frac{dL}{da} \\cdot \\frac{da}{dz}"' in html


def test_a_page_without_derivations_gets_no_box():
    assert "check-step" not in _html("docs/forum-questions.md")


def test_the_data_cannot_leave_its_attribute():
    html = check_box.box({"symbols": {}, "definitions": ['x = "1" ><b>'], "example": ""})
    assert "<b>" not in html
    payload = re.search(r' data-page="([^"]*)"', html)[1]
    assert json.loads(unescape(payload))["definitions"] == ['x = "1" ><b>']


def test_the_box_weighs_a_few_hundred_bytes():
    """What every page with derivations gains before the click: the box (its data included) and the script."""
    html = _html(DL_DZ)
    box = re.search(r'<section class="check-step".*?</section>', html, re.S)[0]
    # The page's data leaves the page after the build (browser_checker.step: a file, fetched on the click).
    html = html.replace(box, re.sub(r' data-page="[^"]*"', ' data-page-file="0123456789abcdef.json"', box))
    box = re.search(r'<section class="check-step".*?</section>', html, re.S)[0]
    wire = len(gzip.compress(html.encode(), 6)) - len(gzip.compress(html.replace(box, "").encode(), 6))
    assert len(box.encode()) < 1000 and wire < 500, (len(box.encode()), wire)
    script = Path(ROOT / "docs/javascripts/check-step.js").read_bytes()
    assert len(script) < 5000 and len(gzip.compress(script, 6)) < 2000, len(script)  # with Material's, on a touch
