"""MkDocs hook: notebook pages (mkdocs-jupyter) that behave like the rest of the site.

- Cache: mkdocs-jupyter keys executed notebooks on their own bytes only, so a
  change in ``snippets/`` would be served stale. Its cache folder is given a name
  that hashes every module in ``snippets/``; older folders are removed.
- Math: nbconvert leaves ``$...$`` in Markdown cells and adds a MathJax 2 script.
  The math becomes the markup pymdownx.arithmatex writes on every other page,
  so the one MathJax configuration of the site typesets it, and the MathJax 2
  script (its empty ``src`` and its config, which throws under instant
  navigation) and the Mermaid loader (it imports from a CDN) are dropped.
- Looks: nbconvert's 590 kB of JupyterLab styles (light only, and with code
  colours below the contrast WCAG asks for) and its copy buttons are dropped;
  code cells become Material's own code blocks (its colours, dark mode and copy
  button) and outputs get a few lines of CSS in derivations.css.
- A plot's alt text names the section it is in, not "No description...".
- Link preview: the title and description come from the first Markdown cell.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import sys
from pathlib import Path

# MkDocs loads hooks by path; the package beside this file must be importable.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker.numeric import code_version

FOLDER = Path(".build-cache") / "notebooks"
_DROP = [
    re.compile(r"<style[^>]*>.*?</style>", re.S),
    re.compile(r"<script>\s*\(function \(global, factory\).*?ClipboardCopyElement.*?</script>", re.S),
    re.compile(r"<script>\s*document\.addEventListener\('clipboard-copy'.*?</script>", re.S),
    re.compile(r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>', re.S),
    re.compile(r'<div class="clipboard-copy-txt" id="[^"]*">.*?</div>', re.S),
    re.compile(r'<script src="">\s*</script>'),
    re.compile(r'<script type="text/x-mathjax-config">.*?</script>', re.S),
    re.compile(r'<script type="module">\s*document\.addEventListener\("DOMContentLoaded".*?</script>', re.S),
    re.compile(r"<!-- (?:Load mathjax|MathJax configuration|End of (?:mathjax|mermaid) configuration) -->"),
]
_MARKDOWN_CELL = re.compile(r'(<div class="[^"]*jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)', re.S)
_DISPLAY = re.compile(r"\$\$(.+?)\$\$", re.S)
_CODE = re.compile(r'<div class="highlight-ipynb hl-python"><pre><span></span>(.*?)</pre></div>', re.S)
_HEADING_OR_PLOT = re.compile(r'<h[1-3][^>]*>(?P<heading>.*?)</h[1-3]>|<img alt="No description[^"]*"', re.S)
_INLINE = re.compile(r"(?<![\\$])\$(?!\$)(.+?)(?<![\\$])\$")


def on_config(config):
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return config
    # The notebooks' kernel logs errors only (pipeline/jupyter/: NotebookClient.extra_arguments):
    # at every start ipykernel warns that its TCP traffic is unencrypted, which is harmless
    # here (the ports are on 127.0.0.1, and the kernel runs our own notebooks for one build)
    # and a warning no reader of the log could act on. Unix sockets ("ipc") would avoid
    # TCP, but two builds at once in one checkout then share the sockets' names.
    paths = [p for p in os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep) if p]
    ours = str(Path(__file__).with_name("jupyter"))
    os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join([ours, *(p for p in paths if p != ours)])
    root = Path(config.config_file_path).parent
    folder = root / FOLDER / code_version(root)[:16]
    for old in (root / FOLDER).glob("*"):
        if old != folder:
            shutil.rmtree(old, ignore_errors=True)
    jupyter.config["cache_dir"] = str(folder)
    return config


def _math(cell: re.Match[str]) -> str:
    body = _DISPLAY.sub(lambda m: f'<span class="arithmatex">\\[{m[1]}\\]</span>', cell[2])
    body = _INLINE.sub(lambda m: f'<span class="arithmatex">\\({m[1]}\\)</span>', body)
    return cell[1] + body + cell[3]


def _alt():
    section = ""

    def replace(match: re.Match[str]) -> str:
        nonlocal section
        if match["heading"] is not None:
            section = html.unescape(re.sub(r"<[^>]+>|¶", "", match["heading"])).strip()
            return match[0]
        return f'<img alt="{html.escape(f"Plot: {section}")}"'

    return replace


def on_page_content(content, page, config, files):
    if not getattr(page, "nb_url", None):
        return content
    for pattern in _DROP:
        content = pattern.sub("", content)
    content = _MARKDOWN_CELL.sub(_math, content)
    content = _CODE.sub(r'<div class="highlight"><pre><span></span><code>\1</code></pre></div>', content)
    content = _HEADING_OR_PLOT.sub(_alt(), content)
    first = re.search(r"</h1>\s*<p>(.*?)</p>", content, re.S)
    if first:
        text = html.unescape(re.sub(r"<[^>]+>", "", first[1]))
        page.meta.setdefault("description", " ".join(text.split()))
    page.meta.setdefault("title", page.title)
    return content
