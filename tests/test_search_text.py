"""Math in the search index as readable text: what a reader types finds it, and no TeX is left."""

from __future__ import annotations

import json
import re

import pytest

from snippets.search_text import readable, rewrite_index, tex_to_text

CASES = {
    r"\frac{dL}{dz} = a - y": "dL/dz = a − y",
    r"\sigma'(z) = a(1 - a)": "σ′(z) = a(1 − a)",
    r"\frac{a - y}{a(1 - a)}": "(a − y)/(a(1 − a))",
    r"dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}": "dW[l] = 1/m dZ[l] A[l−1]ᵀ",
    r"dA^{[l-1]} = W^{[l]T} dZ^{[l]}": "dA[l−1] = W[l]ᵀ dZ[l]",
    r"1 - (A^{[1]})^2": "1 − (A[1])²",
    r"\frac{\partial L}{\partial w_1}": "∂L/∂w1",
    r"e^{-z}": "e^(−z)",
    r"10^{-7}": "10⁻⁷",
    r"x^{(i)}": "x(i)",
    r"\left(y \log(a) + (1 - y) \log(1 - a)\right)": "(y log(a) + (1 − y) log(1 − a))",
    r"\begin{aligned}dZ &= A - Y \\ db &= \tfrac{1}{m} \textstyle\sum_i dZ\end{aligned}": "dZ = A − Y ; db = 1/m Σi dZ",
    r"\operatorname{diag}(a) - a a^T": "diag(a) − a aᵀ",
    r"\lVert d\theta \rVert_2": "‖dθ‖2",
}


@pytest.mark.parametrize(("tex", "text"), CASES.items())
def test_tex_becomes_what_a_reader_would_type(tex, text):
    assert tex_to_text(tex) == text


def test_only_the_math_of_a_text_changes():
    assert readable(r"so \(dz = a - y\) and \[db = dz\] here") == "so dz = a − y and db = dz here"
    assert readable("no math, a - y") == "no math, a - y"


def test_the_built_index_holds_no_tex(site):
    _, folder = site
    docs = json.loads((folder / "search" / "search_index.json").read_text())["docs"]
    # TeX quoted as code (a checker message, the forum post's own line) stays as written.
    prose = [re.sub(r"<code>.*?</code>", "", d["title"] + d["text"], flags=re.S) for d in docs]
    tex = [d["location"] for d, text in zip(docs, prose, strict=True) if re.search(r"\\[A-Za-z(\[]", text)]
    assert tex == [], tex[:5]
    assert any("dz = a − y" in d["text"] or "dz = a − y" in d["title"] for d in docs)


def test_rewrite_index_rewrites_titles_and_texts(tmp_path):
    index = tmp_path / "search_index.json"
    index.write_text(
        json.dumps({"config": {}, "docs": [{"location": "x/", "title": r"\(z_{21}\)", "text": r"\(a^2\)"}]})
    )
    rewrite_index(index)
    assert json.loads(index.read_text())["docs"] == [{"location": "x/", "title": "z21", "text": "a²"}]
