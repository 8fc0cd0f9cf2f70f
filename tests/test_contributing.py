"""CONTRIBUTING.md's examples work as written, and every path and module it and the README name exists."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

from checker.document import check_numeric, check_source
from support import ROOT

TEXT = (ROOT / "CONTRIBUTING.md").read_text()


def _examples() -> list[str]:
    # Fenced with four backticks, perhaps indented inside a list item.
    return [textwrap.dedent(e) for e in re.findall(r"^ *````md\n(.*?)^ *````$", TEXT, re.S | re.M)]


def test_the_page_template_passes_the_checker():
    [template] = [e for e in _examples() if e.startswith("---")]
    found = check_source("template.md", template)
    assert [b.kind for b in found] == ["derivation"]
    assert "{ #step-1-db }" in template and "{ #next }" in template


def test_the_numeric_check_example_names_a_real_check():
    [example] = [e for e in _examples() if "numeric-check" in e]
    [block] = check_numeric("example.md", check_source("example.md", example))
    assert block.results[0].worst < 1e-7


def test_the_fix_a_step_example_is_right():
    [example] = [e for e in _examples() if e.startswith("```derivation\n\\frac{dL}{da}")]
    setup = "```derivation\n\\sigma(z) = \\frac{1}{1 + e^{-z}}\na = \\sigma(z)\n"
    setup += "L = -\\left(y \\log(a) + (1 - y) \\log(1 - a)\\right)\n```\n"
    symbols = '---\nsymbols:\n  z: real\n  a: "(0, 1)"\n  y: "[0, 1]"\n---\n'
    check_source("example.md", symbols + setup + example)


# Every path and module the README and CONTRIBUTING name exists, so a newcomer who follows one finds it.
DOCS = {name: (ROOT / name).read_text() for name in ["README.md", "CONTRIBUTING.md"]}
ROOMS = ("docs/", "snippets/", "checker/", "pipeline/", "tests/", "benchmarks/", "overrides/", ".ci/", ".github/")
# Paths written as examples of the form a message or a command takes, not as files of this project.
EXAMPLES = {"docs/page.md", "docs/path/to/page.md", "snippets/module.py"}
# Module names written as examples: snippets.pages.x:f, a check_y of a page x.
PLACEHOLDERS = {"x", "y", "f", "module"}


def _tokens(text: str) -> list[str]:
    """Each word of each code span and code block, unquoted, its trailing punctuation dropped."""
    blocks = [b for _, b in re.findall(r"^ *(`{3,})[^\n]*\n(.*?)^ *\1$", text, re.S | re.M)]
    spans = re.findall(r"(?<!`)`((?:[^`\n]|\n(?!\n))+)`(?!`)", text)  # a span may go on to the next line
    words = [w.strip("\"'(),;{}") for span in blocks + spans for w in span.split()]
    return [w.rstrip(".:") for w in words if w]


def _path_missing(word: str, root: Path) -> bool:
    """A path, a glob (``checker/matrix*.py``) or a form (``docs/<section>/<name>.md``) that nothing matches."""
    path = word.split(":")[0]  # snippets/module.py:name names a section of the file
    if path in EXAMPLES:
        return False
    pattern = re.sub(r"<[^>]*>", "*", path)  # docs/<section>/<name>.md: some page of that form
    return not any(root.glob(pattern.rstrip("/"))) if "*" in pattern else not (root / path).exists()


def _module_missing(word: str, root: Path) -> bool:
    """snippets.pages.dl_dz:check_dz or pipeline.figures.Figure: the module's file, then the name defined in it."""
    parts = re.split(r"[.:]", re.sub(r"\(.*", "", word))
    if PLACEHOLDERS & set(parts):
        return False
    for n in range(len(parts), 0, -1):
        base = root.joinpath(*parts[:n])
        for file in [base.with_suffix(".py"), base / "__init__.py"]:
            if file.is_file():
                rest = parts[n:]
                if not rest:
                    return False
                source = file.read_text(encoding="utf-8")
                return not re.search(rf"^(def|class) {rest[0]}\b|^{rest[0]}\b.*=", source, re.M)
    return True


def missing(text: str, root: Path = ROOT) -> list[str]:
    """The project paths (``pipeline/hook.py``, ``checker/matrix*.py``) and modules ``text`` names that do not exist."""
    found = []
    for word in _tokens(text):
        if word.startswith(ROOMS) and not word.startswith(".build-cache"):
            if _path_missing(word, root):
                found.append(word)
        elif re.fullmatch(r"(snippets|checker|pipeline)(\.\w+)+(:\w+)?(\(.*)?", word):
            if _module_missing(word, root):
                found.append(word)
    return found


def test_every_path_the_readme_and_contributing_name_exists():
    for name, text in DOCS.items():
        assert missing(text) == [], f"{name} names what is not in the project"


def test_a_path_or_module_that_is_not_there_is_reported():
    text = "see `pipeline/hook.py`, `pipeline/hooks.py`, `checker/matrix*.py`, `checker/tensor*.py`\n"
    text += "```sh\n.venv/bin/python -m checker.verify docs/logistic-regression/dl-dz.md\n```\n"
    text += "`snippets/derivation/steps.py` `docs/<section>/<name>.md` `docs/<section>/<name>.ipynb`\n"
    text += "`snippets.pages.dl_dz:check_step_1` `snippets.pages.dl_dz:check_step_9` `snippets.pages.x:f`\n"
    text += "`pipeline.figures.Figure(svg, title)` `pipeline.figures.Figures` `snippets.derivation.render`\n"
    assert missing(text) == [
        "pipeline/hooks.py",
        "checker/tensor*.py",
        "snippets/derivation/steps.py",
        "docs/<section>/<name>.ipynb",
        "snippets.pages.dl_dz:check_step_9",
        "pipeline.figures.Figures",
        "snippets.derivation.render",
    ]


def test_every_example_path_is_still_used_as_one():
    # An entry of EXAMPLES that no document writes any more would excuse a real missing file later.
    for example in EXAMPLES:
        assert any(example in _tokens(text) or f"{example}:" in text for text in DOCS.values()), example


def test_the_cache_folders_the_readme_lists_are_the_ones_the_code_writes():
    readme = DOCS["README.md"]
    listed = set(re.findall(r"^- `([\w-]+)/`:", readme.split("What is cached, in `.build-cache/`")[1], re.M))
    written = set()
    for source in [*ROOT.glob("checker/*.py"), *ROOT.glob("pipeline/*.py")]:
        written |= set(re.findall(r'"\.build-cache"\)?\s*/\s*"([\w-]+)"', source.read_text(encoding="utf-8")))
    assert written, "no cache folder found in checker/ or pipeline/: the pattern no longer matches the code"
    assert listed == written, f"the README lists {sorted(listed)}, the code writes {sorted(written)}"
    assert "`.build-cache/`" in readme and "--clean" in readme  # why not .cache/: Zensical's --clean deletes it
