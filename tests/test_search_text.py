"""Math in the search index as readable text: what a reader types finds it, and no TeX is left."""

from __future__ import annotations

import html
import json
import re

import pytest

from pipeline.search_text import KNOWN, questions, readable, rewrite_index, tab_labels, tex_to_text
from support import ROOT

CASES = {
    r"\frac{dL}{dz} = a - y": "dL/dz = a − y",
    r"\sigma'(z) = a(1 - a)": "σ′(z) = a(1 − a)",
    r"\frac{a - y}{a(1 - a)}": "(a − y)/(a(1 − a))",
    r"dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}": "dW[l] = 1/m dZ[l] A[l−1]ᵀ",
    r"dA^{[l-1]} = W^{[l]T} dZ^{[l]}": "dA[l−1] = W[l]ᵀ dZ[l]",
    r"dZ^{[l]} = dA^{[l]} * g^{[l]\prime}(Z^{[l]})": "dZ[l] = dA[l] * g[l]′(Z[l])",
    r"1 - (A^{[1]})^2": "1 − (A[1])²",
    r"\frac{\partial L}{\partial w_1}": "∂L/∂w1",
    r"e^{-z}": "e^(−z)",
    r"10^{-7}": "10⁻⁷",
    r"x^{(i)}": "x(i)",
    r"\left(y \log(a) + (1 - y) \log(1 - a)\right)": "(y log(a) + (1 − y) log(1 − a))",
    r"-\log a": "−log a",
    r"\begin{aligned}dZ &= A - Y \\ db &= \tfrac{1}{m} \textstyle\sum_i dZ\end{aligned}": "dZ = A − Y; db = 1/m Σi dZ",
    # A row that goes on with the one above (a side split for a phone) joins it, without a "; ".
    r"\begin{aligned}q &= (z^{(1)} - \mu)^2 \\ &\qquad + (z^{(2)} - \mu)^2\end{aligned}": (
        "q = (z(1) − μ)² + (z(2) − μ)²"
    ),
    r"\mu = \frac{1}{m} \sum_{i=1}^{m} z^{(i)}": "μ = 1/m Σ(i=1…m) z(i)",
    # A row with a left side of its own is an equation of its own, even one that starts with a minus.
    r"\begin{aligned}G &= e^{-y} \\ -\log(G) &= y \\ &= y + 0\end{aligned}": "G = e^(−y); −log(G) = y = y + 0",
    r"\frac{z - \mu}{\sqrt{\sigma^2 + \varepsilon}}": "(z − μ)/√(σ² + ε)",  # one bracket is enough
    r"2\sigma \frac{d\sigma}{dz} \cdot (1 - a)": "2σ dσ/dz · (1 − a)",
    r"\frac{d}{du}\max(0, u)": "d/du max(0, u)",
    r"\sum_{j=1}^{n^{[1]}} W_{2j}": "Σ(j=1…n[1]) W2j",
    r"\operatorname{diag}(a) - a a^T": "diag(a) − a aᵀ",
    r"\lVert d\theta \rVert_2": "‖dθ‖2",
    r"\frac{\lambda}{m} W + \lambda W": "λ/m W + λ W",
    r"\mathcal{L} = 0": "L = 0",
    # Accents as the page shows them (ŷ is one character, z̃ a z and a combining tilde).
    r"\tilde{z}^{(i)} = \gamma z_{norm}^{(i)} + \beta": "z\u0303(i) = γ z_norm(i) + β",
    r"\hat{y}^y (1 - \hat{y})^{1 - y}": "ŷ^y (1 − ŷ)^(1 − y)",
    r"\bar{x} + \dot{x} + \overline{AB}": "x̄ + ẋ + A\u0305B\u0305",
    r"d\beta = \sum_i d\tilde{z}^{(i)}": "dβ = Σi dz\u0303(i)",
    # Relations keep a space on each side, as a reader writes them.
    r"|w a| \le \frac{|w|}{4}": "|w a| ≤ |w|/4",
    r"p(y \mid x)": "p(y | x)",
    r"z \lt 0 \Longrightarrow a \approx 0": "z < 0 ⟹ a ≈ 0",
}


@pytest.mark.parametrize(("tex", "text"), CASES.items())
def test_tex_becomes_what_a_reader_would_type(tex, text):
    assert tex_to_text(tex) == text


def test_only_the_math_of_a_text_changes():
    assert readable(r"so \(dz = a - y\) and \[db = dz\] here") == "so dz = a − y and db = dz here"
    assert readable("no math, a - y") == "no math, a - y"


def test_the_index_html_escaped_tex_is_unescaped_then_escaped_again():
    # Material's index holds HTML: an alignment mark arrives as &amp;, a < as &lt;.
    aligned = r"<p>so:</p> \[\begin{aligned}\mu &amp;= 1 \\ a &amp;&lt; b\end{aligned}\]"
    assert readable(aligned) == "<p>so:</p> μ = 1; a &lt; b"
    assert readable(r"\(z &gt; 0\) and R&amp;D") == "z &gt; 0 and R&amp;D"  # the prose's own & stays


def test_code_stays_as_written_and_prose_has_single_spaces():
    text = "<p>a  \n b</p> <code>\\(x\\)  y</code> <pre><code>def f():\n    return 1\n</code></pre>"
    assert readable(text) == "<p>a b</p> <code>\\(x\\)  y</code> <pre><code>def f():\n    return 1\n</code></pre>"


def _page_math() -> dict[str, set[str]]:
    """Every TeX command in the pages' math (inline, display, checked fences, notebook cells): command -> files."""
    found: dict[str, set[str]] = {}
    fence = re.compile(r"^```(?:derivation|notation)[^\n]*\n(.*?)^```", re.S | re.M)
    inline = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]|\$([^$\n]+)\$", re.S)
    for path in sorted([*(ROOT / "docs").rglob("*.md"), *(ROOT / "docs" / "notebooks").glob("*.py")]):
        source = path.read_text(encoding="utf-8")
        for part in [*fence.findall(source), *("".join(m) for m in inline.findall(source))]:
            for name in re.findall(r"\\([A-Za-z]+)", part):
                found.setdefault(name, set()).add(path.relative_to(ROOT).as_posix())
    return found


def test_every_tex_command_the_pages_use_is_one_the_index_reads():
    # A command tex_to_text does not know is printed as its name: \tilde{z} became "tildez".
    unknown = {name: sorted(files) for name, files in _page_math().items() if name not in KNOWN}
    assert unknown == {}


def test_the_command_scan_sees_the_pages_math():
    # The scan above is only worth something if it finds the math: these are on today's pages.
    found = _page_math()
    assert {"frac", "tilde", "begin", "sum", "hat"} <= set(found)
    assert "docs/course-2/batch-norm.md" in found["tilde"]


# TeX left in readable text: a backslash, a brace, an escaped & read as text, an alignment mark,
# printed-number syntax, dollar math, a command's name glued to its argument ("tildez", "fracdL").
RESIDUE = {
    "backslash": r"\\",
    "brace": r"[{}]",
    "amp;": r"amp;",
    "alignment &": r"&",
    "printed number {= ...}": r"\{=|snippets\.pages\.",
    "dollar math": r"\$",
    "command name": r"(?<![A-Za-z])(?:tilde|widetilde|widehat|overline|ddot|[tdf]?frac(?!tion)|sqrt|"
    r"math(?:rm|cal|bf|it)|operatorname|boldsymbol|textstyle|displaystyle|varepsilon|cdots?|ldots|odot|[lr][Vv]ert|infty|mapsto|qquad|"
    r"Longrightarrow|Rightarrow|nonumber|(?:begin|end)(?:aligned|[pb]matrix|cases|array))",
    "accent glued to its letter": r"\b(?:hat|bar|dot|vec)[a-rt-zA-Zα-ω]\b",
}
NEW_PAGES = [
    "logistic-regression/why-cross-entropy/",
    "logistic-regression/where-the-loss-comes-from/",
    "course-2/vanishing-gradients/",
    "networks/multi-label/",
    "course-2/batch-norm/",
    "course-2/gradient-checking-in-practice/",
]


def residue(docs: list[dict]) -> list[str]:
    """``location field class: 'context'`` for each piece of TeX left in the index's readable text."""
    found = []
    for doc in docs:
        for field in [f for f in ("title", "text", "questions") if f in doc]:
            outside_code = re.sub(r"<pre>.*?</pre>|<code>.*?</code>", " ", doc[field], flags=re.S)
            if re.search(r"\S {2,}\S", re.sub(r"<pre>.*?</pre>", "<pre></pre>", doc[field], flags=re.S)):
                found.append(f"{doc['location']} {field} doubled space")
            shown = html.unescape(re.sub(r"<[^>]+>", "", outside_code))
            for name, pattern in RESIDUE.items():
                for m in re.finditer(pattern, shown):
                    found.append(f"{doc['location']} {field} {name}: {shown[max(0, m.start() - 30) : m.end() + 20]!r}")
    return found


def test_the_residue_check_finds_each_class():
    # Each class, as it reached the index before this rewrite read the index's HTML.
    raw = [
        r"μamp;= 1/m", r"\(z_{21}\)", "tildez(i) = γ", r"\frac{dL}{dz}", "a &amp; b", "[0.5]{= snippets.pages.x:f}",
        "$J$", "fracdL", "barz", "a  b", r"\begin{aligned}",
    ]  # fmt: skip
    docs = [{"location": str(i), "title": "", "text": text} for i, text in enumerate(raw)]
    assert sorted({int(hit.split()[0]) for hit in residue(docs)}) == list(range(len(raw)))
    clean = "<p>the dots of a series, error bars, texts, endpoints, a hat, a fraction, to begin, dz = a − y</p>"
    clean += r" <code>\frac{a}{b}</code>"
    assert residue([{"location": "x", "title": "Step 1: dβ and dγ", "text": clean}]) == []


def test_the_built_index_holds_no_tex(site):
    _, folder = site
    docs = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages = {d["location"].split("#")[0] for d in docs}
    assert [p for p in NEW_PAGES if p not in pages] == []  # the pages added today are in it, and checked
    assert residue(docs) == []
    texts = [d["title"] + " " + d["text"] for d in docs]
    assert any("dz = a − y" in t for t in texts)
    assert any("z\u0303(i) = γ z_norm(i) + β" in t for t in texts)  # batch norm's aligned rows, read


def test_tab_labels_are_set_apart_in_the_built_index(site):
    _, folder = site
    docs = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    sets = 0
    for page in folder.rglob("index.html"):
        location = page.parent.relative_to(folder).as_posix().lstrip(".") + "/"
        text = " ".join(d["text"] for d in docs if d["location"].split("#")[0] == location.lstrip("/"))
        for labels in tab_labels(page.read_text(encoding="utf-8")):
            sets += 1
            assert "".join(labels) not in text, (location, labels)
    assert sets >= 20  # the pages' code tabs (50 sets today)


def test_figures_leave_only_their_caption_in_the_index(site):
    _, folder = site
    docs = json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    figures = 0
    for page in folder.rglob("index.html"):
        location = page.parent.relative_to(folder).as_posix() + "/"
        text = " ".join(d["text"] for d in docs if d["location"].split("#")[0] == location.lstrip("./"))
        for figure in re.findall(r"<figure[^>]* id=\"figure-.*?</figure>", page.read_text(encoding="utf-8"), re.S):
            figures += 1
            description = html.unescape(re.search(r"<desc[^>]*>(.*?)</desc>", figure, re.S)[1]).strip()
            caption = re.sub(r"<[^>]+>", "", re.search(r"<figcaption[^>]*>(.*?)</figcaption>", figure, re.S)[1])
            assert description[:60] not in html.unescape(text), location  # the text alternative is not indexed
            assert html.unescape(caption).strip()[:40] in html.unescape(text), location  # its caption is
    assert "<svg" not in json.dumps(docs) and "viewBox" not in json.dumps(docs)
    assert figures >= 3


PAGE = """<h1>Activations</h1>
<div class="admonition question">
<p class="admonition-title">Questions this page answers</p>
<ul>
<li><a href="#step-tanh">Why is the derivative of tanh
  <span class="arithmatex" data-tex="1 - a^2"><mjx-container><svg><g></g></svg></mjx-container></span>?</a></li>
<li><a href="#step-relu">What is the derivative of ReLU at 0?</a></li>
<li><a href="#step-relu">Is it 1 &amp; 0?</a></li>
</ul>
</div>
<p>See <a href="#step-tanh">the tanh step</a>.</p>
<div class="tabbed-labels"><label for="t1">dβ</label><label for="t2">dγ</label><label for="t3">Checks</label></div>"""


def test_a_pages_questions_are_read_by_the_section_they_link_to():
    assert questions(PAGE) == {
        "step-tanh": ["Why is the derivative of tanh 1 − a²?"],  # its math as text; the prose link is no question
        "step-relu": ["What is the derivative of ReLU at 0?", "Is it 1 &amp; 0?"],
    }
    assert questions("<p>no questions here</p>") == {}


def test_the_index_weighs_each_sections_questions(tmp_path):
    (tmp_path / "search").mkdir()
    (tmp_path / "act").mkdir()
    (tmp_path / "act" / "index.html").write_text(PAGE, encoding="utf-8")
    index = tmp_path / "search" / "search_index.json"
    docs = [
        {"location": "act/", "title": "Activations", "text": ""},
        {"location": "act/#step-tanh", "title": "tanh", "text": "<p>In numpy:</p> dβdγChecks <pre></pre>"},
        {"location": "act/#step-leaky", "title": "Leaky ReLU", "text": ""},
        {"location": "other/", "title": "Other", "text": ""},  # no built page beside the index: no questions
    ]
    index.write_text(json.dumps({"config": {"fields": {"title": {"boost": 1000.0}}}, "docs": docs}))
    rewrite_index(index)
    data = json.loads(index.read_text())
    assert data["config"]["fields"]["questions"] == {"boost": 100.0}
    asked = {d["location"]: d.get("questions") for d in data["docs"]}
    # The index runs a set of tab labels together; set apart, they read as the tabs they are.
    assert data["docs"][1]["text"] == "<p>In numpy:</p> dβ · dγ · Checks <pre></pre>"
    assert asked == {
        "act/": "Why is the derivative of tanh 1 − a²? What is the derivative of ReLU at 0? Is it 1 &amp; 0?",
        "act/#step-tanh": "Why is the derivative of tanh 1 − a²?",
        "act/#step-leaky": None,
        "other/": None,
    }


def test_rewrite_index_rewrites_titles_and_texts(tmp_path):
    index = tmp_path / "search_index.json"
    index.write_text(
        json.dumps({"config": {}, "docs": [{"location": "x/", "title": r"\(z_{21}\)", "text": r"\(a^2\)"}]})
    )
    rewrite_index(index)
    assert json.loads(index.read_text())["docs"] == [{"location": "x/", "title": "z21", "text": "a²"}]


def test_zensicals_index_gets_readable_math_and_tabs_apart_but_no_questions(tmp_path):
    # Zensical writes search.json beside the pages, its entries in "items"; its search reads only its own fields.
    (tmp_path / "act").mkdir()
    (tmp_path / "act" / "index.html").write_text(PAGE, encoding="utf-8")
    index = tmp_path / "search.json"
    items = [
        {"location": "act/", "level": 1, "title": r"\(\tanh\)", "text": "", "path": ["Networks"], "tags": []},
        {"location": "act/#step-tanh", "level": 2, "title": "tanh", "text": r"<p>\(1 - a^2\)</p> dβdγChecks"},
    ]
    index.write_text(json.dumps({"config": {"lang": ["en"], "separator": "[\\s]+"}, "items": items}))
    rewrite_index(index)
    data = json.loads(index.read_text())
    assert data["config"] == {"lang": ["en"], "separator": "[\\s]+"}
    shown = [(d["title"], d["text"]) for d in data["items"]]
    assert shown == [("tanh", ""), ("tanh", "<p>1 − a²</p> dβ · dγ · Checks")]
    assert not any("questions" in d for d in data["items"]) and data["items"][0]["path"] == ["Networks"]


def test_an_index_of_neither_builder_is_refused_by_name(tmp_path):
    index = tmp_path / "search.json"
    index.write_text(json.dumps({"config": {}, "entries": []}))
    with pytest.raises(ValueError, match=r"search.json: neither MkDocs' search index \(a 'docs' list\) nor Zensical's"):
        rewrite_index(index)
