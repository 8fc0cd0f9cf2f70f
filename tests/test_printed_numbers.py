r"""No hand-typed number on any page: each is printed by pipeline/printed.py from the site's code, or is a name.

The scan reads every page of docs/ (prose, admonitions, tables, headings, inline
math, the front matter's title, description and preview) and the Markdown cells of the
notebooks, and fails on a number that is typed rather than ``[written]{= module:function}``.

What may stay typed (the narrow class of names and counts):

- an integer of one digit, 0 to 9: "week 3", "layer 2", "2-2-1", ``\frac{1}{2}``, ``x^2``, ``4^{-L}``;
- digits that are part of a name or an index: ``float64``, ``L2``, ``n_0``, ``W_{21}`` (any subscript);
- everything inside code spans, fences (checked by the derivation checker or tested code; a
  ``notation`` fence, which no checker reads, is scanned),
  HTML tags, link targets, ``{ #anchors }`` and the front matter's other keys (the checker's domains).

Everything else is typed: a decimal (0.5, 1.0), an integer from 10 on (40, -17, 700),
scientific notation (1e-7, 4.25e-18) and powers with a number for base and exponent
(10^{-7}, 2^{-53}, 10⁻⁵), in prose or in math.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from checker import printed_values
from pipeline import printed
from support import ROOT

DOCS = ROOT / "docs"
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in DOCS.rglob("*.md"))
NOTEBOOKS = sorted(p.relative_to(ROOT).as_posix() for p in (DOCS / "notebooks").glob("*.py"))

# Pages whose authors have not converted their numbers yet: the lead decides (strict: a page that passes must leave).
PENDING: dict[str, str] = {}

_NUMBER = re.compile(
    r"(?<![\w.])(?P<number>\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)"
    r"(?P<power>\s*\^\s*\{?\s*[-−+]?\d+\s*\}?|[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?(?![\w])"
)
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})")
_NOT_PROSE = [
    re.compile(r"(`+).+?\1"),  # code spans
    re.compile(r"<!--.*?-->|<[^>\n]+>"),  # HTML comments and tags
    re.compile(r"\]\([^)\n]*\)|^\s*\[[^\]\n]+\]:\s*\S+"),  # link targets, reference definitions
    re.compile(r"\{\s*[:#.][^}\n]*\}"),  # attribute lists: { #anchor }, {: .class }
    re.compile(r"https?://\S+|--8<--.*"),  # addresses, snippet includes
    re.compile(r"_\{[^}\n]*\}|_\d+"),  # subscripts are indices: W_{21}, n_0
    printed.REFERENCE,  # printed and checked by pipeline/printed.py
]


def typed_numbers(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(line, number) for each typed number in Markdown ``lines`` (numbered), outside fences but notation's."""
    found, fence = [], None
    for n, line in lines:
        opening = _FENCE.match(line)
        if fence is None and opening:
            fence = opening["fence"]
            # A notation fence is display math that no checker reads: scanned as prose is.
            scanned = line[opening.end() :].strip().startswith("notation")
            continue
        if fence is not None:
            fence = None if line.strip().startswith(fence) and not line.strip().strip(fence[0]) else fence
            if fence is None or not scanned:
                continue
        for pattern in _NOT_PROSE:
            line = pattern.sub(" ", line)
        for m in _NUMBER.finditer(line):
            if m["power"] or len(m["number"]) > 1:
                found.append((n, m[0].strip()))
    return found


def page_lines(path: str) -> list[tuple[int, str]]:
    """A page's Markdown lines with their numbers: the body, and the front matter's title, description and preview."""
    text = (ROOT / path).read_text()
    lines = list(enumerate(text.splitlines(), 1))
    if not text.startswith("---\n"):
        return lines
    end = next(n for n, line in lines[1:] if line == "---")
    meta = yaml.safe_load("\n".join(line for _, line in lines[1 : end - 1])) or {}
    keys = ("title", "description", "preview")
    at = {key: next((n for n, line in lines[1:end] if line.startswith(f"{key}:")), 1) for key in keys}
    return [(at[key], " ".join(str(meta.get(key, "")).split())) for key in keys] + lines[end:]


def notebook_lines(path: str) -> list[tuple[int, str]]:
    """The Markdown cells of a jupytext notebook (``# %% [markdown]``), without the comment marks."""
    found, markdown = [], False
    for n, line in enumerate((ROOT / path).read_text().splitlines(), 1):
        if line.startswith("# %%"):
            markdown = "[markdown]" in line
        elif markdown and line.startswith("#"):
            found.append((n, line[2:] if line.startswith("# ") else line[1:]))
    return found


def _lines(path: str) -> list[tuple[int, str]]:
    return notebook_lines(path) if path.endswith(".py") else page_lines(path)


@pytest.mark.parametrize(
    "path",
    [pytest.param(p, marks=pytest.mark.xfail(reason=PENDING[p], strict=True)) if p in PENDING else p for p in PAGES]
    + NOTEBOOKS,
)
def test_no_typed_number(path):
    typed = typed_numbers(_lines(path))
    assert not typed, "typed numbers (print them with [number]{= snippets.pages.<page>:<function>}):\n" + "\n".join(
        f"{path}:{n}: '{number}'" for n, number in typed
    )


@pytest.mark.parametrize("path", PAGES)
def test_every_printed_number_is_what_the_code_computes(path):
    # The same check the build makes, on the source itself (lines counted in the file).
    lines = (ROOT / path).read_text().splitlines()
    printed.convert(lines, lambda n: f"{path}:{n}")


# -- The scan, broken on purpose ---------------------------------------------------------------------------

TYPED = [
    "z = -17",
    "a threshold of 1e-7",
    r"\(\varepsilon = 10^{-7}\)",
    r"\(2^{-53} \approx 1.1\)",
    "4 × 10⁻⁸",
    "| 40, 1 | nan |",
    "keep_prob from (0.5, 1)",
    "    - a note with 1.0 in it",
    "### Step 4: 745.13",
]
NAMES_AND_COUNTS = [
    "week 3 of course 2, layer 2 of a 2-2-1 network",
    r"\(\frac{1}{2} x^2 + 4^{-L}\), \(a^{[1](i)}\)",
    r"float64, float32, L2, \(W_{21}\), \(n_0\)",
    "`np.clip(a, 1e-7, 1 - 1e-7)` and [a link](page.md#step-10-x) { #step-10 }",
    r"z \ge [36.73680056967711]{= snippets.pages.numerical_stability:z_where_a_is_1}",
    "<span class='x' data-n='12'>text</span> <!-- 1e-7 -->",
]


@pytest.mark.parametrize("text", TYPED)
def test_the_scan_finds_a_typed_number(text):
    assert typed_numbers([(7, text)]), text


@pytest.mark.parametrize("text", NAMES_AND_COUNTS)
def test_the_scan_allows_names_counts_code_and_printed_numbers(text):
    assert typed_numbers([(7, text)]) == []


def test_the_scan_skips_checked_fences_and_reads_notation_front_matter_and_notebook_cells(tmp_path):
    lines = ["```derivation", r"\max(0.01 u, u) = u", "```", "after 0.01"]
    lines += ["```notation", r"\varepsilon = 10^{-7}", "```"]
    assert typed_numbers(list(enumerate(lines, 1))) == [(4, "0.01"), (6, "10^{-7}")]
    page = tmp_path / "p.md"
    page.write_text("---\ntitle: eps\ndescription: >-\n  why 1e-5\nsymbols:\n  p: (0.5, 1)\n---\n\n# T\n")
    assert typed_numbers(page_lines(str(page))) == [(3, "1e-5")]
    notebook = tmp_path / "n.py"
    notebook.write_text("# %% [markdown]\n# sigma(40) is 1.0\n\n# %%\nz = 40.0\n")
    assert typed_numbers(notebook_lines(str(notebook))) == [(2, "40"), (2, "1.0")]


# -- The check, broken on purpose ----------------------------------------------------------------------------

Z1 = "snippets.pages.numerical_stability:z_where_a_is_1"


@pytest.mark.parametrize(
    ("written", "computed", "agrees"),
    [
        ("36.73680056967711", 36.73680056967711, True),
        ("36.74", 36.73680056967711, True),
        ("36.73", 36.73680056967711, False),
        ("-745.13", -745.1332191019412, True),
        ("745.13", -745.1332191019412, False),
        ("−1", -1.0, True),
        ("4.25e-18", 4.248e-18, True),
        ("4.2e-18", 4.26e-18, False),
        (r"2.2 \times 10^{-16}", 2.220446049250313e-16, True),
        ("4 × 10⁻⁸", 4.4e-8, True),
        ("4 × 10⁻⁸", 4.6e-8, False),
        ("10^{-7}", 1e-7, True),
        ("10^{-11}", 1.6e-11, True),
        ("10^{-7}", 3.2e-7, False),
        ("10^{-7}", -1e-7, False),
        ("-10^{-7}", -1e-7, True),
        ("2^{-53}", 2.0**-53, True),
        ("2^{-53}", 2.0**-53 * (1 + 2**-50), False),
    ],
)
def test_a_printed_number_agrees_at_the_digits_written(written, computed, agrees):
    assert printed.agrees(written, computed) is agrees


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (f"z = [36.8]{{= {Z1}}}", f"page.md:3: the page prints 36.8 but {Z1}() computes 36.73680056967711"),
        (
            "[1.5]{= snippets.logistic:sigma}",
            "page.md:3: 'snippets.logistic:sigma' is not in the project's check modules: "
            "a printed value may name only functions of snippets.pages.*",
        ),
        ("[1.5]{= snippets.pages.numerical_stability}", "should be module:function"),
        ("[1.5]{= snippets.pages.numerical_stability:nothing}", "cannot load snippets.pages.numerical_stability"),
        ("[1.5]{= snippets.pages.numerical_stability:loss_table}", "loss_table() returned '| "),
        ("[1.5]{= snippets.pages.numerical_stability:exact_loss}", "exact_loss() raised TypeError"),
        (f"[about 36]{{= {Z1}}}", "'about 36' is not a number this extension reads"),
        (f"[36.7]{{={Z1}", "has a ']{=' that is not [number]{= module:function}"),
    ],
)
def test_a_wrong_or_unreadable_reference_names_the_line_and_both_values(line, message):
    with pytest.raises(printed.PrintedNumberError) as failure:
        printed.convert(["# A page", "", line], lambda n: f"page.md:{n}")
    assert message in str(failure.value)


def test_a_right_number_prints_as_written_in_prose_math_and_code():
    lines = [f"z \\(\\ge [36.74]{{= {Z1}}}\\) and `[36.8]{{= {Z1}}}`", "```", f"[36.8]{{= {Z1}}}", "```"]
    assert printed.convert(lines) == [r"z \(\ge 36.74\) and " + f"`[36.8]{{= {Z1}}}`", *lines[1:]]


def test_a_computed_table_fence_is_replaced_by_its_table_with_its_indent():
    target = "snippets.pages.numerical_stability:loss_table"
    lines = ["??? note", "", "    ```computed-table", f"    {target}", "    ```", "after"]
    out = printed.convert(lines)
    table = printed.table(target).splitlines()
    assert out == ["??? note", "", *("    " + row for row in table), "after"]
    with pytest.raises(printed.PrintedNumberError, match=r"line 1: .*returned 36\.7.*not Markdown text"):
        printed.convert(["```computed-table", Z1, "```"])
    with pytest.raises(printed.PrintedNumberError, match="never closed"):
        printed.convert(["```computed-table", target])


# -- A real build ------------------------------------------------------------------------------------------


def _build(tmp_path: Path, body: str) -> subprocess.CompletedProcess:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "index.md").write_text(body)
    config = {"site_name": "t", "markdown_extensions": ["pipeline.printed", {"pymdownx.arithmatex": {"generic": True}}]}
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


PAGE = textwrap.dedent(f"""\
    ---
    title: T
    ---

    # T

    ```python
    x = 1
    ```

    a is 1.0 for \\(z \\ge [NUMBER]{{= {Z1}}}\\).
    """)


def test_a_wrong_number_fails_the_mkdocs_build_with_page_line_and_values(tmp_path):
    built = _build(tmp_path, PAGE.replace("NUMBER", "36.75"))
    assert built.returncode != 0
    assert f"docs/index.md:11: the page prints 36.75 but {Z1}() computes 36.73680056967711" in built.stderr
    assert "Traceback" not in built.stderr


def test_a_right_number_builds_and_is_in_the_html(tmp_path):
    built = _build(tmp_path, PAGE.replace("NUMBER", "36.74"))
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert r'<span class="arithmatex">\(z \ge 36.74\)</span>' in html


# -- The values, kept ----------------------------------------------------------------------------------------


def test_a_slow_value_is_kept_on_disk_for_this_code_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(printed_values, "FOLDER", tmp_path)
    monkeypatch.setattr(printed_values, "SLOW", 0.0)
    monkeypatch.setattr(printed_values, "_values", {})
    monkeypatch.setattr(printed_values, "_version", [])
    (tmp_path / "an-older-version").mkdir()
    assert printed_values.value(Z1) == 36.73680056967711
    [kept] = list(tmp_path.glob("*/*.json"))
    assert not (tmp_path / "an-older-version").exists()
    kept.write_text("36.5")  # what is on disk is what the next build reads, without calling the function
    monkeypatch.setattr(printed_values, "_values", {})
    assert printed_values.value(Z1) == 36.5


def test_a_value_that_is_not_plain_or_fails_is_not_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(printed_values, "FOLDER", tmp_path)
    monkeypatch.setattr(printed_values, "SLOW", 0.0)
    monkeypatch.setattr(printed_values, "_values", {})
    with pytest.raises(ValueError, match="raised TypeError"):
        printed_values.value("snippets.pages.numerical_stability:exact_loss")
    assert printed_values._plain(True) is None and printed_values._plain(float("nan")) is None
    assert printed_values._plain([1.5, "x"]) is None and printed_values._plain((2, 0.5)) == [2, 0.5]
    assert not list(tmp_path.glob("*/*.json"))
