"""The checker's holes of issue 10, each closed as a class: several spellings of each, wrong ones refused.

Every case here passed the checker before (wrong math accepted, or a crash); the reason and the
message it now fails with are asserted, and the right lines of the same class still pass.
"""

from __future__ import annotations

import pytest

from checker.latex import StepError
from checker.steps import Page
from support import LOGISTIC, SETUP


def _fails(page: Page, line: str, reason: str, message: str) -> StepError:
    with pytest.raises(StepError, match=message) as caught:
        page.check(line)
    assert caught.value.reason == reason, str(caught.value)
    return caught.value


# -- class 1: a claim undefined on (most of) its domain -----------------------------------
UNDEFINED_EVERYWHERE = [
    r"\log(-1 - a^2) = \log(-1 - a^2) + 1",
    r"\log(-a) = 2 \log(-a)",
    r"\frac{1}{\log(a - 2)} = \log(-z^2 - 1)",  # logs of negative numbers: complex, so undefined
    r"\sqrt{-1 - z^2} + \log(-a) = \sqrt{-1 - z^2}",
]


@pytest.mark.parametrize("line", UNDEFINED_EVERYWHERE)
def test_a_claim_undefined_on_its_domain_fails(page, line):
    _fails(page, line, "domain", "undefined on most of its domain: both sides are defined at only 0 of 24 points")


def test_a_definition_undefined_somewhere_fails(page):
    _fails(page, r"q = \log(-a)", "domain", r"\\log\(-a\) is undefined at z = ")


# -- class 2: every spelling of a derivative ------------------------------------------------
DERIVATIVES_RIGHT = [
    r"\frac{\mathrm{d}L}{\mathrm{d}z} = a - y",
    r"\frac{\operatorname{d}L}{\operatorname{d}z} = a - y",
    r"\frac{\partial L}{\partial z} = a - y",
    r"\frac{d}{dz}(L) = a - y",
    r"\frac{d}{dz}\left(L\right) = a - y",
    r"\frac{\mathrm{d}}{\mathrm{d}z} L = a - y",
    r"\frac{d(a^2)}{dz} = 2a \cdot a(1 - a)",
    r"\frac{d^2 a}{dz^2} = a(1 - a)(1 - 2a)",
    r"\frac{d^{2} a}{d z^{2}} = a(1 - a)(1 - 2a)",
    r"\sigma''(z) = a(1 - a)(1 - 2a)",
    r"\dfrac{dL}{dz} = a - y",
    r"dL/dz = a - y",
    r"\partial L / \partial z = a - y",
    r"\frac{{d}L}{{d}z} = a - y",
    r"\frac{\mathrm{d}\sigma(z)}{\mathrm{d}z} = a(1 - a)",
    r"\frac{d}{dz}\left[\sigma(z)\right] = a(1 - a)",
]


@pytest.mark.parametrize("line", DERIVATIVES_RIGHT)
def test_each_spelling_of_a_derivative_is_the_derivative(page, line):
    assert page.check(line)[0].how == "symbolic"


DERIVATIVES_WRONG = [
    r"\frac{\mathrm{d}L}{\mathrm{d}z} = \frac{L}{z}",  # read as a product of d's, this was proved
    r"\frac{\mathrm{d}L}{\mathrm{d}z} = y - a",
    r"\frac{\operatorname{d}L}{\operatorname{d}z} = y - a",
    r"\frac{\partial L}{\partial z} = y - a",
    r"\frac{d}{dz}\left(L\right) = y - a",
    r"\frac{d(a^2)}{dz} = 2a",
    r"\frac{d^2 a}{dz^2} = a(1 - a)",
    r"\frac{\mathrm{d}^2 a}{\mathrm{d}z^2} = a(1 - a)",
    r"dL/dz = \frac{1}{a - y}",  # read as (dL/dL) / (dL/dz), this was "proved"
    r"\mathrm{d}L/\mathrm{d}z = y - a",
    r"\frac{{d}L}{{d}z} = \frac{1}{a - y}",
]


@pytest.mark.parametrize("line", DERIVATIVES_WRONG)
def test_a_wrong_derivative_in_any_spelling_fails(page, line):
    _fails(page, line, "differ", "the two sides differ at")


BARE_D = [
    r"d = 0",  # defined a symbol d before
    r"\partial = 0",
    r"d \cdot L = 0",
    r"\frac{dL}{da} \cdot d = 0",
    r"2 d = 0",
    r"\mathrm{d} = 0",
    r"\partial L = 0",
]


@pytest.mark.parametrize("line", BARE_D)
def test_a_d_outside_a_derivative_is_refused_not_a_symbol(page, line):
    _fails(page, line, "undefined", "not part of a derivative")


def test_mismatched_orders_are_refused(page):
    _fails(page, r"\frac{d^2 a}{dz} = 0", "parse", "order 2, the denominator 1")


# -- class 3: every symbol declared or defined, before differentiating ---------------------
UNKNOWN = [
    (r"\frac{d\sigma}{dz} = 0", r"\\sigma is a function on this page; write it with its argument"),
    (r"\frac{d}{dz}\sigma = 0", r"\\sigma is a function on this page; write it with its argument"),
    (r"\frac{d}{dz} q = 0", "no domain for q"),
    (r"\frac{d}{dz}(q \cdot z) = q", "no domain for q"),
    (r"\frac{dL}{dq} = 0", "q is neither declared under 'symbols:' nor defined"),
    (r"\frac{dq}{dz} = 0", "q is not defined above this step"),
    (r"a' = a(1 - a)", "a prime on the symbol a"),
]


@pytest.mark.parametrize(("line", "message"), UNKNOWN)
def test_an_unknown_symbol_is_refused_never_a_constant(page, line, message):
    _fails(page, line, "undefined", message)


# -- class 4: lines sympy does not prove -----------------------------------------------------
POINTS_ONLY_WRONG = [
    (r"\max(z, 0) = \max(z, 0) + 10^{-30}", r"differ at z = .*: \\max\(z, 0\) = 0.0 but .* = 1.0e-30"),
    (r"\max(0, u) = u + 10^{-40}", "they differ by"),
    (r"\max(z, 0) = \max(z, 0) + \max(0, z - 45)", "the two sides differ at z = "),  # only for z > 45
    (r"\max(z, 0) = \max(z, 0) + \max(0, -z - 50) \cdot 10^{-3}", "the two sides differ at z = -"),
    (r"\max(z, 0) = \max(z, 0) + e^{3(z - 100)}", "the two sides differ at z = "),  # below 1e-78 for z < 40
    (r"a - y = a - y + 10^{-30}", "they differ by 1.0e-30"),
]


@pytest.mark.parametrize(("line", "message"), POINTS_ONLY_WRONG)
def test_a_line_sympy_cannot_prove_is_checked_harder(line, message):
    page = Page({**LOGISTIC, "u": "(0, 5]"})
    for setup in SETUP:
        page.check(setup)
    _fails(page, line, "differ", message)


def test_a_points_only_line_says_it_was_not_proved():
    page = Page({"z": "real"})
    (verdict,) = page.check(r"\log(1 + e^{z}) = \max(z, 0) + \log(1 + e^{-\left|z\right|})")
    assert verdict.how == "numeric"
    assert verdict.points == 200
    assert verdict.detail.startswith("checked numerically at 200 points, not proved (sympy did not simplify it)")
    assert "; 40 of them at magnitudes 45 to 1000;" in verdict.detail
    assert verdict.describe() == verdict.detail


# -- class 5: the course's shorthand --------------------------------------------------------
SHORTHAND_RIGHT = [
    r"dz = a - y",
    r"da = -\frac{y}{a} + \frac{1 - y}{1 - a}",
    r"dz = \frac{dL}{dz}",
    r"dz = da \cdot a(1 - a)",
]


@pytest.mark.parametrize("line", SHORTHAND_RIGHT)
def test_the_shorthand_means_dL_dx(page, line):
    assert page.check(line)[0].how == "symbolic"


SHORTHAND_WRONG = [r"dz = a(1 + a)", r"dz = y - a", r"da = \frac{y}{a}", r"dz = a - y = a(1 - a)"]


@pytest.mark.parametrize("line", SHORTHAND_WRONG)
def test_a_wrong_shorthand_line_fails_as_a_claim(page, line):
    _fails(page, line, "differ", "the two sides differ at")


def test_shorthand_over_m_examples_means_dJ():
    # No L on the page: db is dJ/db, as in the course's vectorised logistic regression.
    page = Page({"w": "[-3, 3]", "b": "[-3, 3]", "x_1": "[-3, 3]", "x_2": "[-3, 3]", "y_1": "[0, 1]", "y_2": "[0, 1]"})
    page.check(
        r"J = \frac{1}{2}\left(\log(1 + e^{w x_1 + b}) - y_1 (w x_1 + b)"
        r" + \log(1 + e^{w x_2 + b}) - y_2 (w x_2 + b)\right)"
    )
    assert page.check(r"db = \frac{dJ}{db}")[0].how == "symbolic"
    _fails(page, r"db = 2 \cdot \frac{dJ}{db}", "differ", "differ")


def test_capital_shorthand_is_m_times_dJ():
    page = Page({"Z_1": "[-3, 3]", "Z_2": "[-3, 3]"})
    page.check(r"J = \frac{1}{2}(Z_1^2 + Z_2^2)")
    _fails(page.copy(), r"dZ_1 = Z_1", "undefined", "defines J but not m")
    page.check("m = 2")
    assert page.check(r"dZ_1 = 2 Z_1")[0].how == "symbolic"  # m dJ/dZ_1 = 2 * Z_1
    _fails(page, r"dZ_1 = Z_1", "differ", "differ")  # dJ/dZ_1, without the m


@pytest.mark.parametrize("name", ["dz", "dw_1", "dZ", r"dZ^{[l]}", "da"])
def test_the_shorthand_cannot_be_declared(name):
    with pytest.raises(ValueError, match=r"shorthand.*cannot be declared") as caught:
        Page({name: "real"})
    assert f"symbol '{name}'" in str(caught.value)


def test_shorthand_without_a_cost_is_refused():
    _fails(Page({"z": "real"}), r"dz = 1", "undefined", "no line above defines L")


# -- class 6: the canonical definitions -----------------------------------------------------
WRONG_DEFINITIONS = [
    (r"\sigma(z) = \frac{1}{1 + e^{z}}", "is not the sigmoid"),
    (r"\sigma(z) = \frac{1}{1 - e^{-z}}", "is not the sigmoid"),
    (r"\sigma(z) = \frac{e^{z}}{1 + e^{z}} + 10^{-30}", "is not the sigmoid"),
    (r"\operatorname{ReLU}(z) = \max(0.01 z, z)", "is not ReLU"),
    (r"\operatorname{LeakyReLU}(z) = \max(0, z)", "is not leaky ReLU"),
    (r"\gamma(z) = a", "batch norm's scale"),
    (r"\gamma(z) = \frac{1}{1 + e^{-z}}", "batch norm's scale"),
]


@pytest.mark.parametrize(("line", "message"), WRONG_DEFINITIONS)
def test_a_core_function_must_be_the_canonical_one(line, message):
    page = Page(LOGISTIC)
    with pytest.raises(StepError, match=message):
        page.check(line)


RIGHT_DEFINITIONS = [
    r"\sigma(z) = \frac{1}{1 + e^{-z}}",
    r"\sigma(z) = \frac{e^{z}}{1 + e^{z}}",
    r"\operatorname{ReLU}(z) = \max(0, z)",
    r"\mathrm{LeakyReLU}(z) = \max(0.01 z, z)",
]


@pytest.mark.parametrize("line", RIGHT_DEFINITIONS)
def test_the_canonical_functions_in_other_forms_pass(line):
    assert Page(LOGISTIC).check(line)[0].how == "definition"


WRONG_LOSSES = [
    r"L = -\left(y \log(a) + (1 - y) \log(1 + a)\right)",
    r"L = -\left(y \log(a) - (1 - y) \log(1 - a)\right)",
    r"L = -\left(y \log(1 - a) + (1 - y) \log(a)\right)",
    r"L = -\left(y \log(a) + y \log(1 - a)\right)",
    r"L = -y \log(a)",
    r"L = \frac{1}{2}(a - y)^2",
    r"L = -2\left(y \log(a) + (1 - y) \log(1 - a)\right)",
]


@pytest.mark.parametrize("line", WRONG_LOSSES)
@pytest.mark.parametrize("name", ["L", "L_1", "L_{2}"])
def test_L_must_be_the_cross_entropy(line, name):
    page = Page(LOGISTIC)
    page.check(SETUP[0])
    page.check(SETUP[1])
    _fails(page, line.replace("L", name, 1), "differ", "is not the cross-entropy loss")


def test_other_losses_under_other_names_are_free():
    page = Page({**LOGISTIC, "E": "real"})
    for line in SETUP[:2]:
        page.check(line)
    assert page.check(r"E = \frac{1}{2}(a - y)^2")[0].how == "definition"
    assert page.check(r"E_1 = \log(1 + e^{a - 2y})")[0].how == "definition"
    _fails(page.copy(), r"L_1 = \log(1 + e^{a - 2y})", "differ", "L_{1}.* is not the cross-entropy loss")
    assert page.check(r"L = -y \ln a - (1 - y) \ln(1 - a)")[0].how == "definition"


def test_J_must_be_the_mean_of_its_losses():
    import sympy as sp

    page = Page({"L_1": "real", "L_2": "real", "L_3": "real"})
    _fails(page, r"J = L_1 + L_2", "differ", "J is the mean of its 2 losses")
    _fails(page.copy(), r"J = \frac{1}{2}(L_1 + L_2 + L_3)", "differ", "mean of its 3 losses")
    _fails(page.copy(), r"J = \frac{1}{3}(L_1 + L_2 + L_3) + 10^{-30}", "differ", "adds the constant")
    _fails(page.copy(), r"J = \frac{1}{3}(L_1 + L_2 + L_3) + 1", "differ", "adds the constant 1")
    regularised = page.copy()
    regularised.symbols["w"] = w = sp.Symbol("w", real=True)
    regularised.domains[w] = regularised.domains[regularised.symbols["L_{1}"]]
    _fails(regularised.copy(), r"J = \frac{1}{2}(L_1 + L_2 + L_3) + \frac{1}{6} w^2", "differ", "mean of its 3 losses")
    assert regularised.check(r"J = \frac{1}{3}(L_1 + L_2 + L_3) + \frac{1}{6} w^2")[0].how == "definition"
    assert page.check(r"J = \frac{1}{3}(L_1 + L_2 + L_3)")[0].how == "definition"


# -- class 7: layer and example superscripts, transposes ---------------------------------
def test_superscripts_are_names_not_powers():
    page = Page({"a^{[1]}": "(0, 1)", "x^{(i)}": "[-2, 2]", "a^{[1](i)}": "(0, 1)", "a^{[1]}_2": "(0, 1)"})
    assert page.check(r"a^{[1]} \cdot a^{[1]} = (a^{[1]})^2")[0].how == "symbolic"
    _fails(page, r"a^{[1]} + 0 = a^{[1]}_2", "differ", "differ")  # two names, not a power of a
    _fails(page, r"a^{[1](i)} + 0 = a^{[1]}", "differ", "differ")
    _fails(page, r"x^{(i)} \cdot x^{(i)} = x^{(i)}", "differ", "differ")
    assert page.check(r"a_2^{[1]} + 0 = a^{[1]}_2")[0].how == "symbolic"  # the same name, either order


@pytest.mark.parametrize("line", [r"W^T = 1", r"x^{T} x = 1", r"W^{[l]T} = 1", r"x^\top = 1", r"W^{\top} = 1"])
def test_a_transpose_in_a_scalar_fence_is_refused(line):
    with pytest.raises(StepError, match="is a transpose: a scalar derivation fence has no matrices"):
        Page({"W": "real", "x": "real"}).check(line)


def test_an_undeclared_layer_name_is_unknown_not_a_power_of_a(page):
    _fails(page, r"a^{[1]} \cdot 0 = 0", "undefined", r"no domain for a\^\{\[1\]\}")


# -- class 10: nothing escapes as a traceback ----------------------------------------------
CRASHES = [r"\frac{1}{0} = 5", r"\frac{z}{0} = 1", r"0^{-1} = 2", r"\log(0) = 1"]


@pytest.mark.parametrize("line", CRASHES)
def test_a_line_that_used_to_crash_is_a_step_error(line):
    with pytest.raises(StepError) as caught:
        Page({"z": "real"}).check(line)
    assert caught.value.reason in {"domain", "differ"}


# -- class 9: rejected and unreadable fences ------------------------------------------------
def _source(kind: str, line: str) -> str:
    return (
        '---\nsymbols:\n  z: real\n  a: "(0, 1)"\n  y: "[0, 1]"\n---\n\n## Wrong { #wrong }\n\n'
        "```derivation\n" + "\n".join(SETUP) + "\n```\n\n"
        f"```{kind}\n{line}\n```\n"
    )


REJECTED_FOR_A_REASON = [
    (r"\frac{dL}{dz} = y - a", "differ"),
    (r"\frac{da}{dz} = \gamma(z)\left(1 - \gamma(z)\right)", "undefined"),
    (r"\gamma(z) = a", "undefined"),  # checked as a claim: it defines nothing, and gamma is no function here
    (r"\log(-a) = 2 \log(-a)", "domain"),
    (r"L = -\left(y \log(a) + (1 - y) \log(1 + a)\right)", "differ"),  # a claim about the page's L
]


@pytest.mark.parametrize(("line", "reason"), REJECTED_FOR_A_REASON)
def test_a_rejected_line_fails_for_a_mathematical_reason(line, reason):
    from checker.document import check_source

    rejected = check_source("p.md", _source("derivation-rejected", line))[-1]
    assert rejected.error.reason == reason
    assert rejected.rejection.startswith("p.md:17: step 'wrong': ") and str(rejected.error) in rejected.rejection


NOT_SHOWN_WRONG = [
    r"\frac{dL}{dz} = a - y.",  # a trailing period: the line does not parse, so it is not shown wrong
    r"\frac{dL}{dz} = a - y,",
    r"\frac{dL}{dz} = \frac{a - y}{",
    r"W^T = a",
]


@pytest.mark.parametrize("line", NOT_SHOWN_WRONG)
def test_a_rejected_line_that_merely_does_not_parse_fails_the_build(line):
    from checker.document import CheckFailure, check_source

    with pytest.raises(CheckFailure, match="this derivation-rejected line is not shown wrong: it fails for reason"):
        check_source("p.md", _source("derivation-rejected", line))


def test_a_right_line_cannot_be_shown_rejected():
    from checker.document import CheckFailure, check_source

    with pytest.raises(CheckFailure, match="passes the checker; it is not wrong"):
        check_source("p.md", _source("derivation-rejected", r"\frac{dL}{dz} = a - y"))


@pytest.mark.parametrize(
    "line", [r"\frac{dL}{dz} = a - y.", r"\frac{d}{dz} \cdot \frac{d}{dz}", r"\frac{d}{dz} \simeq (z) = \sum (1 - z"]
)
def test_an_unreadable_line_must_fail_to_parse(line):
    from checker.document import check_source

    block = check_source("p.md", _source("derivation-unreadable", line))[-1]
    assert block.error.reason == "parse"


@pytest.mark.parametrize("line", [r"\frac{dL}{dz} = y - a", r"\gamma(z) = a", r"\frac{dL}{dz} = a - y"])
def test_a_readable_line_cannot_be_shown_unreadable(line):
    from checker.document import CheckFailure, check_source

    with pytest.raises(CheckFailure, match=r"this (line can be read|derivation-unreadable fence passes)"):
        check_source("p.md", _source("derivation-unreadable", line))


def test_capital_shorthand_prefers_the_cost_J_lowercase_the_loss_L():
    page = Page({"w": "[-2, 2]", "W": "[-2, 2]", "y": "[0, 1]"})
    page.check(r"a = \frac{1}{1 + e^{-(W + w)}}")
    page.check(r"L = -\left(y \log(a) + (1 - y) \log(1 - a)\right)")
    assert page.check(r"dW = a - y")[0].how == "symbolic"  # no J: the one example's dL/dW
    page.check(r"J = 3 W^2")
    assert page.check(r"dW = 6 W")[0].how == "symbolic"  # dJ/dW
    assert page.check(r"dw = a - y")[0].how == "symbolic"  # dL/dw
    _fails(page, r"dW = a - y", "differ", "differ")


def test_the_softmax_page_defines_the_canonical_softmax():
    import sympy as sp

    from checker import canon
    from checker.document import check_source
    from support import ROOT

    source = (ROOT / "docs/networks/softmax.md").read_text()
    page = Page({"z_1": "real", "z_2": "real", "z_3": "real", "a_1": "(0, 1)", "a_2": "(0, 1)", "a_3": "(0, 1)"})
    fence = next(b for b in check_source("softmax.md", source) if b.kind == "derivation")
    for _, line in fence.lines[:4]:
        page.check(line)
    z = [page.symbols[f"z_{{{k}}}"] for k in (1, 2, 3)]
    for k, expected in enumerate(canon.softmax(z), start=1):
        assert sp.simplify(page._expand(page.symbols[f"a_{{{k}}}"], set()) - expected) == 0


def test_nothing_but_a_step_error_escapes_the_checker():
    import random

    tokens = [r"\frac{", "}{", "}", "(", ")", "a", "z", "0", "1", "+", "-", r"\cdot", "^", "{", r"\log", "d", "dz", "/"]
    rng = random.Random(10)
    for _ in range(150):
        left = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 9)))
        line = left + " = " + rng.choice(["0", "a", r"\frac{1}{0}"])
        page = Page(LOGISTIC)
        try:
            page.check(line)
        except StepError:
            pass


# -- class 11: how far a superscript, a juxtaposition and a bracketless function reach ----
@pytest.fixture
def squares() -> Page:
    """The dL/dz page with q = a^2 (1 - a)^2 defined, and more symbols to multiply."""
    p = Page({**LOGISTIC, "b": "real", "x": "(0, 3)", "w_1": "real", r"\alpha": "(0, 1)"})
    for line in SETUP:
        p.check(line)
    p.check(r"q = a^2 (1 - a)^2")
    return p


# Each was read with the power on the whole product, so that each of these was "proved".
POWER_ON_THE_GROUP_ONLY = [
    r"q = a(1 - a)^2",
    r"q = a\left(1 - a\right)^2",
    r"q = a (1 - a)^{2}",
    r"w_1^2 (1 - w_1)^2 = w_1(1 - w_1)^2",
    r"\alpha^2 (1 - \alpha)^2 = \alpha(1 - \alpha)^2",
    r"\frac{1}{x^2 (1 + x)^2} = x(1 + x)^{-2}",
    r"x^{-2} (1 + x)^{-2} = x(1 + x)^{-2}",
    r"e^2 (1 + x)^2 = e(1 + x)^2",
    r"q = a \cdot b(1 - a)^2 \cdot \frac{a}{b^2}",  # b(1 - a)^2 inside a product
]


@pytest.mark.parametrize("line", POWER_ON_THE_GROUP_ONLY)
def test_a_power_after_a_bracket_belongs_to_the_bracket(squares, line):
    _fails(squares, line, "differ", "the two sides differ at")


RIGHT_READINGS = [
    r"a(1 - a)^2 = a \cdot (1 - a)^2",
    r"a(1 - a)^2 = a - 2a^2 + a^3",
    r"2(x)^2 = 2x^2",
    r"a b^2 = a \cdot (b^2)",
    r"\sigma(z)^2 = a^2",  # the square of sigma's value, sigma being a function
    r"x(1 + x)^{-1} = \frac{x}{1 + x}",
    r"e^{-z}(1 + e^{-z})^{-2} = a(1 - a)",
    r"(a(1 - a))^2 = q",
    r"\log(a)^2 = \log(a) \cdot \log(a)",
    r"\log^2(a) = \log(a) \cdot \log(a)",
    r"\log a^2 = 2 \log(a)",
    r"\log \sigma(z) = \log(a)",
    r"w_1(1 - w_1) = w_1 - w_1^2",
    r"a(1 - a)! = a \cdot (1 - a)!",
    r"\frac{d}{dz}(a) \cdot (1 - a) = a(1 - a)^2",
    r"\frac{d}{dz}(a)^2 = 2a \cdot a(1 - a)",  # the operator takes what follows it, power included, as the site writes
    r"\frac{d^2}{dz^2}(a)^2 = \frac{d}{dz}\left(2a^2 (1 - a)\right)",
    r"\frac{d}{dz}\left(a(1 - a)\right) = a(1 - a)(1 - 2a)",
    r"\frac{dL}{da}(1 - a)^2 = \frac{a - y}{a} (1 - a)",  # a rate is one symbol: the power is the bracket's
]


@pytest.mark.parametrize("line", RIGHT_READINGS)
def test_the_standard_reading_of_powers_and_juxtapositions_passes(squares, line):
    assert squares.check(line)[0].how == "symbolic"


AMBIGUOUS = [
    (r"a / b c = 1", r"'/b c' can be read as divided by b c, or as divided by b, then times c; write it with \\frac"),
    (r"1/2 a = a", r"'/2 a' can be read as divided by 2 a"),
    (r"a/b(1 - a) = 1", r"'/b \(1 - a\)' can be read"),
    (r"\log a b = 1", r"\\log without brackets: does it take 'a b' or only 'a'\? write \\log\(...\)"),
    (r"\log 2a = 1", r"does it take '2a' or only '2'"),
    (r"\log a(1 - a) = 1", r"does it take 'a\(1 - a\)' or only 'a'"),
    (r"\exp z b = 1", r"\\exp without brackets"),
    (r"\sigma^2(z) = a^2", r"puts a power on the function before its argument; write \\sigma\(...\)\^2"),
    (r"\sigma^{2}(z) = a^2", r"puts a power on the function before its argument"),
    (r"a^2 3 = 1", r"TeX shows the superscript 2 only, and the parser reads \^\{23\}; write \^\{23\} for the power"),
    (r"a^23 = 1", r"the parser reads \^\{23\}"),
    (r"x^2.5 = 1", r"the parser reads \^\{2.5\}"),
    (r"e^-z = 1", r"a superscript that starts with a sign needs braces"),
    (r"x^-1 = 1", r"a superscript that starts with a sign needs braces"),
    (r"a^b^2 = 1", r"is a double superscript"),
    (r"\frac{d}{dz} a(1 - a) = 1", r"take the whole product 'a\(1 - a\)' or only 'a'\? write \\frac\{d\}\{dz\}\\left"),
    (r"\frac{d}{dz}(a)(1 - a) = 1", r"take the whole product '\(a\)\(1 - a\)' or only '\(a\)'"),
]


@pytest.mark.parametrize(("line", "message"), AMBIGUOUS)
def test_an_ambiguous_binding_is_refused_with_what_to_write(squares, line, message):
    error = _fails(squares, line, "parse", message)
    assert str(error).startswith(f"'{line.split(' = ')[0]}'")  # the message quotes the side it refuses


def test_a_call_of_an_undefined_name_says_how_to_write_a_product(squares):
    _fails(squares, r"q = r(1 - a)^2", "undefined", r"unknown function \\r .*a product is written r \\cdot \(...\)")


def test_the_matrix_reader_binds_a_power_to_its_bracket():
    from checker.matrix_latex import parse_expression

    def tree(node):
        parts = [tree(p) for p in node.parts if hasattr(p, "kind")]
        return node.base or node.text if node.kind in ("name", "num") else (node.kind, node.base, *parts)

    assert tree(parse_expression(r"A(1 - A)^2")) == ("mul", "", "A", ("pow", "", ("sub", "", "1", "A"), "2"))
    assert tree(parse_expression(r"2(Z)^2")) == ("mul", "", "2", ("pow", "", "Z", "2"))
    assert tree(parse_expression(r"\sigma(Z)^2")) == ("pow", "", ("call", r"\sigma", "Z"), "2")
    assert tree(parse_expression(r"A^2 3")) == ("mul", "", ("pow", "", "A", "2"), "3")  # as TeX shows it
    with pytest.raises(StepError, match="a double superscript"):
        parse_expression(r"A^2^3")


def test_a_lowercase_matrix_before_a_bracket_is_refused_with_the_product_spelled():
    from checker.matrix import MatrixPage

    page = MatrixPage({"X": "(n_0, m)", "W": "(n_1, n_0)", "b": "(n_1, 1)", "Z": "(n_1, m)", "n_1": 1})
    page.check(r"Z = W X + b")
    page.check(r"J = \frac{1}{m} \sum_i Z")
    with pytest.raises(StepError, match=r"b\(X\) is not defined .* written b \\cdot \(...\)") as caught:
        page.check(r"dW = b(X)")
    assert caught.value.reason == "undefined"


# -- class 6, continued: every spelling of a per-example loss is the cross-entropy ------------
LOSS_NAMES = [
    r"L^{(1)}",
    r"L^{(i)}",
    r"L^{[1](i)}",
    r"\mathcal{L}",
    r"\mathcal{L}^{(i)}",
    r"\mathcal{L}_1",
    r"\ell",
    r"\ell_1",
    r"\ell^{(i)}",
    r"\mathrm{L}",
    r"\boldsymbol{L}",
    r"L_{CE}",
]
CROSS_ENTROPY = r"-\left(y \log(a) + (1 - y) \log(1 - a)\right)"


def _logistic(**more) -> Page:
    page = Page({**LOGISTIC, **more})
    for line in SETUP[:2]:
        page.check(line)
    return page


@pytest.mark.parametrize("name", LOSS_NAMES)
@pytest.mark.parametrize("wrong", [r"\frac{1}{2}(a - y)^2", r"-\left(y \log(a) + (1 - y) \log(1 + a)\right)"])
def test_every_spelling_of_a_loss_must_be_the_cross_entropy(name, wrong):
    _fails(_logistic(), f"{name} = {wrong}", "differ", r"is not the cross-entropy loss")


@pytest.mark.parametrize("name", LOSS_NAMES)
def test_every_spelling_of_a_loss_may_be_the_cross_entropy(name):
    assert _logistic().check(f"{name} = {CROSS_ENTROPY}")[0].how == "definition"


@pytest.mark.parametrize("call", [r"L(a, y)", r"\ell(a, y)", r"\mathcal{L}(a, y)"])
def test_a_loss_written_as_a_function_must_be_the_cross_entropy(call):
    assert _logistic().check(f"{call} = {CROSS_ENTROPY}")[0].how == "definition"
    _fails(_logistic(), f"{call} = \\frac{{1}}{{2}}(a - y)^2", "differ", r"is not the cross-entropy loss")


def test_a_squared_error_is_free_only_under_another_name():
    assert _logistic(E="real").check(r"E = \frac{1}{2}(a - y)^2")[0].how == "definition"
    assert _logistic(**{"E^{(1)}": "real"}).check(r"E^{(1)} = \frac{1}{2}(a - y)^2")[0].how == "definition"


@pytest.mark.parametrize(
    ("losses", "wrong", "right"),
    [
        ([r"L^{(1)}"], r"J = 2 L^{(1)}", r"J = L^{(1)}"),
        ([r"L^{(1)}", r"L^{(2)}"], r"J = L^{(1)} + L^{(2)}", r"J = \frac{1}{2}(L^{(1)} + L^{(2)})"),
        ([r"\ell_1", r"\ell_2"], r"J = \frac{1}{3}(\ell_1 + \ell_2)", r"J = \frac{\ell_1 + \ell_2}{2}"),
        (
            [r"\mathcal{L}^{(1)}", r"L_2"],
            r"J = \mathcal{L}^{(1)} + \frac{1}{2} L_2",
            r"J = \frac{\mathcal{L}^{(1)} + L_2}{2}",
        ),
        ([r"L^{(1)}"], r"J(w) = 2 L^{(1)}", r"J(w) = L^{(1)}"),
    ],
)
def test_J_is_the_mean_of_its_losses_whatever_they_are_named(losses, wrong, right):
    page = _logistic(w="real", y_1="[0, 1]", y_2="[0, 1]")
    for k, name in enumerate(losses, start=1):
        page.check(f"{name} = " + CROSS_ENTROPY.replace("y", f"y_{k}"))
    _fails(page.copy(), wrong, "differ", rf"J is the mean of its {len(losses)} loss")
    assert page.check(right)[0].how == "definition"


def test_J_is_the_mean_of_its_losses_through_the_names_in_between():
    page = _logistic(w="real", y_1="[0, 1]", y_2="[0, 1]")
    for k in (1, 2):
        page.check(f"L_{k} = " + CROSS_ENTROPY.replace("y", f"y_{k}"))
    page.check(r"R = \frac{1}{4} w^2")
    for wrong in [r"C = L_1 + L_2", r"C = 2 L_1", r"C = \frac{1}{2}(L_1 + L_2) + 1"]:
        tried = page.copy()
        tried.check(wrong)  # C is free: J is held to the rule, whatever it adds up
        _fails(tried, r"J = C" + (" + R" if "+ 1" not in wrong else ""), "differ", r"J is the mean of its|constant")
    page.check(r"C = \frac{1}{2}(L_1 + L_2)")
    assert page.check(r"J = C + R")[0].how == "definition"


# -- class 6 in matrix lines: the losses' matrix is the cross-entropy, J their mean ---------
MATRIX_FORWARD = [
    r"A^{[0]} = X",
    r"Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}",
    r"A^{[l]} = g^{[l]}(Z^{[l]})",
    r"g^{[l]}(z) = \tanh(z)",
    r"g^{[L]}(z) = \sigma(z)",
]
MATRIX_LOSS = r"\mathcal{L} = -Y * \log(A^{[L]}) - (1 - Y) * \log(1 - A^{[L]})"


def _network():
    from checker.document import front_matter
    from checker.matrix import MatrixPage
    from support import ROOT

    page = MatrixPage(front_matter((ROOT / "docs/networks/layer-l.md").read_text())[0]["shapes"])
    for line in MATRIX_FORWARD:
        page.check(line)
    return page


@pytest.mark.parametrize(
    ("line", "why"),
    [
        (r"\mathcal{L} = (A^{[L]} - Y) * (A^{[L]} - Y)", "it has no logarithm"),
        (r"\mathcal{L} = -Y * \log(1 - A^{[L]}) - (1 - Y) * \log(A^{[L]})", r"with the prediction A\^\{\[L\]\}, entry"),
        (r"\mathcal{L} = -Y * \log(A^{[L]}) - Y * \log(1 - A^{[L]})", r"with the prediction A\^\{\[L\]\}, entry 1 is"),
        (r"\mathcal{L} = -2 Y * \log(A^{[L]}) - 2(1 - Y) * \log(1 - A^{[L]})", r"prediction A\^\{\[L\]\}, entry 1 is"),
        (r"\mathcal{L} = -Y * \log(A^{[L]})", r"one log: its prediction A\^\{\[L\]\} must sum to 1 over each column"),
    ],
)
def test_the_losses_matrix_must_be_the_cross_entropy(line, why):
    with pytest.raises(StepError, match=rf"is not the cross-entropy loss .*\(.*{why}.*such as E") as caught:
        _network().check(line)
    assert caught.value.reason == "differ"


@pytest.mark.parametrize(
    ("line", "why"),
    [
        (r"J = \frac{2}{m} \sum_i \mathcal{L}", r"each loss times 1/m = .*, but dJ/d\\mathcal\{L\} has an entry"),
        (r"J = \sum_i \mathcal{L}", r"dJ/d\\mathcal\{L\} has an entry"),
        (r"J = \frac{1}{m} \sum_i (\mathcal{L} * \mathcal{L})", r"dJ/d\\mathcal\{L\} has an entry"),
        (r"J = \frac{1}{m} \sum_i \mathcal{L} + 1", "adds the constant 1.0"),
    ],
)
def test_the_matrix_cost_must_be_the_mean_of_the_losses(line, why):
    page = _network()
    page.check(MATRIX_LOSS)
    with pytest.raises(StepError, match=rf"J is the mean of the examples' losses .*{why}") as caught:
        page.check(line)
    assert caught.value.reason == "differ"
    assert page.check(r"J = \frac{1}{m} \sum_i \mathcal{L}")[0].how == "definition"  # the refused J was not kept


@pytest.mark.parametrize(
    "line",
    [r"J = \frac{1}{2}\sum_{i=1}^{2} L^{(i)}", r"J = \sum_{i=1}^{2} L^{(i)}", r"q = \prod_{i=1}^{2} a^{(i)}"],
)
def test_a_sum_over_examples_in_a_scalar_line_is_refused_not_one_name_repeated(line):
    page = _logistic(**{"a^{(i)}": "(0, 1)"})
    page.check(r"L^{(i)} = " + CROSS_ENTROPY)
    _fails(page, line, "parse", r"a scalar line cannot sum over examples \(L\^\{\(i\)\} is one name")
