"""The derivation checker: it accepts the site, and nothing that changes a step's value."""

from __future__ import annotations

import pytest

from checker.latex import StepError
from checker.steps import Page

STEP_1 = r"\frac{dL}{da} = \frac{a - y}{a(1 - a)}"
STEP_2 = r"\frac{da}{dz} = a(1 - a)"
STEP_3 = r"\frac{dL}{dz} = a - y"


@pytest.mark.parametrize("line", [STEP_1, STEP_2, STEP_3])
def test_accepts_the_three_results(page, line):
    (verdict,) = page.check(line)
    assert verdict.how == "symbolic"


# The original post's wrong lines, as it printed them.
ORIGINAL_WRONG = {
    "chain rule upside down": r"\frac{dL}{dz} = \frac{dL}{da} \times \frac{dz}{da}",
    "numerators lost": r"\frac{dL}{da} = \frac{(1-a)}{a\times(1-a)} + \frac{a\times(1-a)}{a\times(1-a)}",
    "operators with nothing to act on": r"\frac{da}{dz} = \frac{d}{dz} \cdot \frac{d}{dz} \cdot \frac{d}{dz}",
    "sigma garbled into sums": r"\frac{d}{dz}\sigma(z) = \sum (1 - \sum (1 - \sum z)",
    "gamma for sigma": r"\frac{da}{dz} = \gamma(z)\left(1 - \gamma(z)\right)",
}


@pytest.mark.parametrize("line", ORIGINAL_WRONG.values(), ids=ORIGINAL_WRONG.keys())
def test_rejects_each_wrong_line_of_the_original(page, line):
    with pytest.raises(StepError):
        page.check(line)


MUTATIONS = {
    "flipped sign": r"\frac{dL}{dz} = y - a",
    "flipped sign inside": r"\frac{dL}{da} = \frac{a + y}{a(1 - a)}",
    "dropped factor": r"\frac{dL}{da} = \frac{a - y}{a}",
    "dropped factor in sigma'": r"\frac{da}{dz} = a",
    "a and y swapped": r"\frac{dL}{da} = \frac{y - a}{y(1 - y)}",
    "a and y swapped in dz": r"\frac{dL}{dz} = y(1 - a) - a",
    "wrong derivative": r"\frac{da}{dz} = a(1 + a)",
    "derivative of the wrong function": r"\frac{dL}{da} = -\frac{y}{a} - \frac{1 - y}{1 - a}",
    "wrong exponent": r"\frac{dL}{dz} = a - y^2",
    "wrong exponent on a": r"\frac{da}{dz} = a(1 - a)^2",
    "wrong exponent in sigma": r"\frac{da}{dz} = \frac{e^{-z}}{(1 + e^{-z})^3}",
    "doubled": r"\frac{dL}{dz} = 2(a - y)",
    "off by a constant": r"\frac{dL}{dz} = a - y + 1",
    "off by a tiny constant": r"\frac{dL}{dz} = a - y + 10^{-9}",
}


@pytest.mark.parametrize("line", MUTATIONS.values(), ids=MUTATIONS.keys())
def test_rejects_a_mutation_that_changes_the_value(page, line):
    with pytest.raises(StepError, match="the two sides differ at"):
        page.check(line)


EQUIVALENT = [
    r"\frac{dL}{dz} = -(y - a)",
    r"\frac{dL}{dz} = \sigma(z) - y",
    r"\frac{dL}{dz} = \frac{1}{1 + e^{-z}} - y",
    r"\frac{dL}{da} = \frac{1 - y}{1 - a} - \frac{y}{a}",
    r"\frac{dL}{da} = \frac{a - y}{a - a^2}",
    r"\frac{da}{dz} = a - a^2",
    r"\frac{da}{dz} = \frac{e^{z}}{(1 + e^{z})^2}",
    r"\frac{da}{dz} = \sigma(z)\sigma(-z)",
    r"\frac{d}{dz}\sigma(z) = \sigma'(z)",
    r"\frac{dL}{dz} = \frac{\partial L}{\partial a} \frac{\partial a}{\partial z}",
    r"L = -y \ln a - (1 - y) \ln(1 - a)",
]


@pytest.mark.parametrize("line", EQUIVALENT)
def test_accepts_an_equivalent_rewrite(page, line):
    assert page.check(line)


def test_a_continued_chain_checks_each_link_against_the_one_before(page):
    verdicts = page.check(r"\frac{dL}{dz} = \frac{a - y}{a(1 - a)} \cdot a(1 - a) = a - y = -(y - a)")
    assert [v.rhs for v in verdicts] == [r"\frac{a - y}{a(1 - a)} \cdot a(1 - a)", "a - y", "-(y - a)"]
    with pytest.raises(StepError, match=r"a - y = .* but y - a = "):
        page.check(r"\frac{dL}{dz} = a - y = y - a")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (r"\frac{dL}{dz} = \frac{a - y}{", "cannot parse LaTeX"),
        (r"\frac{dL}{dz} = a -", "cannot parse LaTeX"),
        (r"\frac{dL}{dz} =", "expected 'left = right'"),
        (r"\frac{dL}{dz} a - y", "expected 'left = right'"),
        (r"\frac{dL}{dz} = a - q", "no domain for q"),
        (r"\frac{dQ}{dz} = 0", "Q is not defined above this step"),
        (r"\frac{da}{dz} = \phi(z)", r"unknown function \\phi"),
    ],
)
def test_unreadable_or_undeclared_input_is_an_error_not_a_pass(page, line, message):
    with pytest.raises(StepError, match=message):
        page.check(line)


def test_the_failure_names_a_point_and_both_values(page):
    with pytest.raises(StepError) as caught:
        page.check(r"\frac{dL}{dz} = y - a")
    message = str(caught.value)
    assert "z = " in message and "y = " in message and "a = " in message
    assert r"\frac{dL}{dz} = " in message and "but y - a = " in message


def test_parser_quirks_are_normalised():
    p = Page({"a": "(0, 1)", "z": "real"})
    # a(1-a) is a product, e is Euler's number, \log is the natural log.
    assert p.check(r"a(1 - a) = a - a^2")[0].how == "symbolic"
    assert p.check(r"e^{\log(a)} = a")[0].how == "symbolic"
    assert p.check(r"\log(e^{z}) = z")[0].how == "symbolic"
    with pytest.raises(StepError):
        p.check(r"\log(a) = \log_{10}(a)")


def test_a_definition_cannot_use_itself():
    p = Page({"z": "real"})
    with pytest.raises(StepError, match="in terms of itself"):
        p.check(r"q = q + z")


def test_bad_domains_are_named():
    with pytest.raises(ValueError, match="symbol 'a': domain '0 to 1'"):
        Page({"a": "0 to 1"})
    with pytest.raises(ValueError, match="is empty"):
        Page({"a": "(1, 0)"})


def test_soft_labels_catch_what_0_and_1_would_miss():
    # y^2 = y for y in {0, 1}: the checker samples y in [0, 1], not only its ends.
    p = Page({"y": "[0, 1]"})
    with pytest.raises(StepError):
        p.check(r"y^2 = y")


def test_primes_count_derivatives():
    page = Page({"x": "real"})
    page.check(r"f(x) = x^{3}")
    assert page.check(r"f''(x) = 6 x")[0].how == "symbolic"
    with pytest.raises(StepError, match="differ"):
        page.check(r"f''(x) = 3 x^{2}")  # the first derivative, where the second is meant


def test_a_derivative_of_a_function_defined_by_a_derivative():
    page = Page({"x": "real"})
    page.check(r"f(x) = x^{3}")
    page.check(r"g(x) = f'(x)")
    assert page.check(r"g'(x) = 6 x")[0].how == "symbolic"


def test_a_prime_on_a_function_of_two_variables_is_refused():
    page = Page({"x": "real", "y": "real"})
    page.check(r"h(x, y) = x y")
    with pytest.raises(StepError, match="function of 2 variables"):
        page.check(r"h'(x, y) = y")


NAMES = ["x_{11}", "w_1", r"\sigma", "a", "W_{11}", r"\delta", "L_1", r"\theta_2", "dW", "z^{2}"]


@pytest.mark.parametrize("latex", NAMES)
def test_symbol_names_match_sympys_parser(latex):
    from sympy.parsing.latex import parse_latex

    from checker.latex import symbol_name

    assert symbol_name(latex) == str(parse_latex(latex))
