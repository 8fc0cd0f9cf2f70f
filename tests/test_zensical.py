r"""Derivation fences checked by the Markdown extension (pipeline/derivation_fences.py), under every builder.

A small project, no hooks: built by ``zensical build --strict`` (the pinned zensical) and by
``mkdocs build --strict``, then by a plain ``markdown.markdown`` call. A checked fence shows its
check mark, at the top level and inside an admonition; a wrong step stops each with the file,
the line, the step and the values.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest

from pipeline.derivation_fences import DerivationError
from support import ROOT, copy_project, mkdocs_build

PAGE = r"""---
title: dL/da
symbols:
  z: real
  a: "(0, 1)"
  y: "[0, 1]"
---

# dL/da

## Setup { #setup }

```derivation
\sigma(z) = \frac{1}{1 + e^{-z}}
a = \sigma(z)
L = -\left(y \log(a) + (1 - y) \log(1 - a)\right)
```

## Step 1 { #step-1 }

!!! note "The same, simplified"

    ```derivation
    \frac{dL}{da} = -\frac{y}{a} + \frac{1 - y}{1 - a}
    ```
"""
WRONG = (r"-\frac{y}{a} + \frac{1 - y}{1 - a}", r"-\frac{y}{a} + \frac{1 + y}{1 - a}")
CONFIG = """site_name: Two builders
site_dir: site  # inside the project: Zensical refuses one outside
markdown_extensions:
  - admonition
  - attr_list
  - pymdownx.arithmatex:
      generic: true
  - pymdownx.snippets:
      base_path: ["."]
      check_paths: true
  - pipeline.derivation_fences
  - pymdownx.superfences
"""


def _project(tmp_path: Path, page: str) -> Path:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs/index.md").write_text(page)
    (project / "mkdocs.yml").write_text(CONFIG)
    return project


def _build(builder: str, project: Path) -> subprocess.CompletedProcess:
    # The venv's own builder, from the project's folder, with the snippets package on the path as make's venv has it.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", builder, "build", "--strict"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_zensical_is_the_pinned_version():
    pinned = re.search(r"^zensical==(\S+)", (ROOT / "requirements-test.txt").read_text(), re.M)
    version = subprocess.run([sys.executable, "-m", "zensical", "--version"], capture_output=True, text=True)
    assert pinned and version.stdout.strip() == pinned[1], (pinned, version.stdout, version.stderr)


@pytest.mark.parametrize("builder", ["zensical", "mkdocs"])
def test_a_checked_fence_renders_with_its_mark_at_top_level_and_in_an_admonition(tmp_path, builder):
    project = _project(tmp_path, PAGE)
    result = _build(builder, project)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "project/site/index.html").read_text()
    # Zensical reads data-search-exclude for its index and leaves it out of the page; MkDocs keeps it.
    marks = re.findall(r'<details class="step-check"(?: data-search-exclude)?><summary><span class="step-sign"', html)
    assert len(marks) == 2
    assert re.search(r'<div id="setup-1" class="derivation">\s*<div class="arithmatex">\\\[', html)
    note = html[html.index('class="admonition note"') :]
    assert re.match(r'[^>]*>\s*<p class="admonition-title">[^<]*</p>\s*<div id="step-1-1" class="derivation">', note)
    assert "language-derivation" not in html and "```derivation" not in html  # never published as plain code
    assert not re.search(r"<p>\s*<div[^>]* class=\"derivation", html), "a block wrapped in a paragraph"


@pytest.mark.parametrize("builder", ["zensical", "mkdocs"])
def test_a_wrong_step_fails_the_build_with_file_line_step_and_values(tmp_path, builder):
    project = _project(tmp_path, PAGE.replace(*WRONG))
    line = PAGE[: PAGE.index(WRONG[0])].count("\n") + 1
    result = _build(builder, project)
    assert result.returncode != 0
    assert f"docs/index.md:{line}: step 'step-1': the two sides differ at" in result.stderr, result.stderr
    assert r"but -\frac{y}{a} + \frac{1 + y}{1 - a} = " in result.stderr
    assert not (tmp_path / "project/site/index.html").exists()


@pytest.mark.parametrize("builder", ["zensical", "mkdocs"])
def test_a_fence_an_include_brings_in_fails_the_build_not_published_unchecked(tmp_path, builder):
    # The checker reads the file; a fence that only the included text holds was never checked.
    project = _project(tmp_path, PAGE + '\n--8<-- "step.txt"\n')
    (project / "step.txt").write_text("```derivation\n\\frac{dL}{da} = 0\n```\n")
    result = _build(builder, project)
    assert result.returncode != 0
    assert "docs/index.md: the Markdown to convert has 3 checked fences, the file 2" in result.stderr, result.stderr
    assert not (tmp_path / "project/site/index.html").exists()


def test_a_plain_markdown_call_checks_and_renders_the_fence(tmp_path):
    body = PAGE.split("---\n", 2)[2]  # no builder: the Markdown given is the page, its lines counted there
    symbols = 'symbols:\n  z: real\n  a: "(0, 1)"\n  y: "[0, 1]"\n'
    config = {"pipeline.derivation_fences": {"cache": str(tmp_path / "cache")}}
    extensions = ["admonition", "attr_list", "pymdownx.arithmatex", "pipeline.derivation_fences"]
    extensions.append("pymdownx.superfences")
    html = markdown.markdown(f"---\n{symbols}---\n{body}", extensions=extensions, extension_configs=config)
    assert html.count('class="step-check"') == 2 and 'id="step-1-1" class="derivation"' in html
    wrong = f"---\n{symbols}---\n{body}".replace(*WRONG)
    line = wrong[: wrong.index(WRONG[1])].count("\n") + 1
    with pytest.raises(DerivationError, match=re.escape(f"<markdown>:{line}: step 'step-1': the two sides differ")):
        markdown.markdown(wrong, extensions=extensions, extension_configs=config)


def test_the_site_refuses_an_mkdocs_yml_without_the_fence_extension(tmp_path):
    # The hook no longer checks fences: without the extension they would be published as plain code.
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    text = config.read_text()
    config.write_text("".join(line for line in text.splitlines(True) if "pipeline.derivation_fences" not in line))
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "mkdocs.yml: markdown_extensions must list pipeline.derivation_fences" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def _typeset(project: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "pipeline.typeset_site", "site", "--docs", "docs"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)


def test_after_zensical_build_a_step_typesets_every_formula_as_the_mkdocs_hook_does(tmp_path):
    project = _project(tmp_path, PAGE + "\nInline, \\(dz = a - y\\).\n")
    assert _build("zensical", project).returncode == 0
    built = project / "site/index.html"
    assert "\\(dz = a - y\\)" in built.read_text()  # Zensical runs no hook: the TeX as arithmatex wrote it
    result = _typeset(project)
    assert result.returncode == 0, result.stderr
    html = built.read_text()
    assert "\\(" not in html and "\\[" not in html
    assert html.count("<mjx-container") == html.count('class="arithmatex" data-tex=') > 4
    assert html.count('<svg class="mjx-glyphs"') == 1 and 'aria-label="d z equals a minus y"' in html
    assert "mjx-container" in (project / "site/assets/stylesheets/mathjax-svg.css").read_text()
    assert _typeset(project).returncode == 0 and built.read_text() == html  # run again: nothing left to do


def test_the_step_after_the_build_fails_on_a_formula_too_wide_for_a_phone_with_file_and_line(tmp_path):
    wide = " + ".join(f"x_{{{i}}}" for i in range(30))
    page = PAGE + f"\nA sum, \\({wide}\\), and \\(\\frac{{1}}{{2\\).\n"
    project = _project(tmp_path, page)
    assert _build("zensical", project).returncode == 0
    result = _typeset(project)
    line = page.count("\n")
    assert result.returncode == 1
    assert f"index.md:{line}: MathJax cannot typeset" in result.stderr, result.stderr
    page = PAGE + f"\n\\[{wide}\\]\n"
    project = _project(tmp_path / "wide", page)
    assert _build("zensical", project).returncode == 0
    result = _typeset(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"index.md:{page.count(chr(10))}: display formula" in result.stderr, result.stderr


def _pipeline(project: Path, *args: str) -> subprocess.CompletedProcess:
    # As make zensical runs it, from the project's folder; the pipeline package from this checkout.
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "pipeline.build", *args]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=600)


def test_pipeline_build_puts_zensicals_site_where_asked_typeset_and_leaves_nothing_behind(tmp_path):
    project = _project(tmp_path, PAGE + "\nInline, \\(dz = a - y\\).\n")
    result = _pipeline(project, "zensical", "--site-dir", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out/index.html").read_text()
    assert html.count("<mjx-container") == html.count('class="arithmatex" data-tex=') > 4  # the step after it ran
    assert "\\(" not in html and (tmp_path / "out/search.json").is_file()
    # Its own site_dir (site/) replaced by a folder inside the project, moved out, then removed with its config.
    assert sorted(p.name for p in project.iterdir() if p.name.startswith((".zensical", "site"))) == []


def test_pipeline_build_fails_a_wrong_step_with_its_message_and_no_traceback(tmp_path):
    project = _project(tmp_path, PAGE.replace(*WRONG))
    line = PAGE[: PAGE.index(WRONG[0])].count("\n") + 1
    result = _pipeline(project, "zensical", "--site-dir", str(tmp_path / "out"))
    assert result.returncode != 0
    assert f"docs/index.md:{line}: step 'step-1': the two sides differ at" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "pipeline.build: zensical build failed" in result.stderr
    assert not (tmp_path / "out").exists()
    assert [p.name for p in project.iterdir() if p.name.startswith(".zensical")] == []


def test_pipeline_build_refuses_an_unknown_builder_and_a_folder_without_mkdocs_yml(tmp_path):
    result = _pipeline(tmp_path, "hugo")
    assert result.returncode == 2 and "invalid choice: 'hugo'" in result.stderr, result.stderr
    result = _pipeline(tmp_path, "zensical")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"pipeline.build: project: {tmp_path} has no mkdocs.yml (run from the project's folder)" in result.stderr
