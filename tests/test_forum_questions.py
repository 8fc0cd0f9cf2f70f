"""The forum-questions page: every question has its own anchor and links to a step the link contract keeps."""

from __future__ import annotations

import re
from posixpath import normpath

from support import ROOT

PAGE = ROOT / "docs" / "forum-questions.md"
CONTRACT = {
    line.strip()
    for line in (ROOT / "tests" / "link-contract.txt").read_text().splitlines()
    if line.strip() and not line.startswith("#")
}


def _sections() -> list[tuple[str, str, str]]:
    """(question, anchor, answer) for every level-2 heading of the page."""
    text = PAGE.read_text()
    parts = re.split(r"^## (.+?) \{ #([\w-]+) \}\n", text, flags=re.M)
    return [(parts[i], parts[i + 1], parts[i + 2]) for i in range(1, len(parts), 3)]


def _target(link: str) -> str:
    """A link of the page (``networks/layer-l.md#step-4``) as a contract line (``/networks/layer-l/#step-4``)."""
    path, _, anchor = link.partition("#")
    url = "/" + normpath(path).removesuffix(".md").removesuffix("index") + "/"
    return url.replace("//", "/") + (f"#{anchor}" if anchor else "")


def test_the_page_answers_the_design_notes_questions():
    questions = " ".join(q for q, _, _ in _sections())
    for asked in ["dz = a − y", "a(1 − a)", "dA[L] * g′", "1/m", "transpose", "dZ Aᵀ", "tanh", "ReLU mask", "NaN"]:
        assert asked in questions, asked
    assert "softmax" in questions.lower() and "np.dot" in questions


def test_every_question_links_to_a_step_the_link_contract_keeps():
    for question, anchor, answer in _sections():
        assert f"/forum-questions/#{anchor}" in CONTRACT, anchor
        links = re.findall(r"\]\(([^)]+)\)", answer)
        assert links, f"{question!r} links to no step"
        for link in links:
            assert "#" in link, f"{question!r}: {link} is not a deep link to a step"
            assert _target(link) in CONTRACT, f"{question!r}: {_target(link)} is not in tests/link-contract.txt"


def test_the_link_translation_is_right():
    assert _target("networks/layer-l.md#step-4-da-prev") == "/networks/layer-l/#step-4-da-prev"
    assert _target("logistic-regression/dl-dz.md") == "/logistic-regression/dl-dz/"
