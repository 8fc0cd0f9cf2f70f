"""The cache of passed pages: it answers only for the same page under the same checker."""

from __future__ import annotations

import mpmath

from snippets.derivation import cache
from snippets.derivation.document import CheckFailure, check_source
from snippets.derivation.latex import StepError

PAGE = """---
symbols:
  z: real
---

## Square { #square }

```derivation
q = z^2
\\frac{dq}{dz} = 2z
```
"""


def test_a_passed_page_is_answered_from_the_cache_with_the_same_verdicts(tmp_path):
    first = cache.check("p.md", PAGE, tmp_path)
    assert len(list(tmp_path.glob("*.json"))) == 1
    again = cache.load(tmp_path, "p.md", PAGE)
    assert again is not None
    fresh = check_source("p.md", PAGE)
    assert [b.verdicts for b in again] == [b.verdicts for b in first] == [b.verdicts for b in fresh]


def test_an_edited_step_is_checked_again_and_still_fails(tmp_path):
    cache.check("p.md", PAGE, tmp_path)
    wrong = PAGE.replace("= 2z", "= 3z")
    assert cache.load(tmp_path, "p.md", wrong) is None
    try:
        cache.check("p.md", wrong, tmp_path)
    except CheckFailure as failure:
        assert failure.line == 10 and "the two sides differ" in failure.message
    else:
        raise AssertionError("a wrong step passed through the cache")
    assert len(list(tmp_path.glob("*.json"))) == 1  # the failure was not stored


def test_moved_lines_and_another_path_are_other_keys(tmp_path):
    # The messages quote file and line, so both are part of what is cached.
    assert cache.key("p.md", PAGE) != cache.key("q.md", PAGE)
    assert cache.key("p.md", PAGE) != cache.key("p.md", PAGE.replace("## Square", "Prose.\n\n## Square"))


def test_an_unreadable_entry_is_ignored(tmp_path):
    cache.check("p.md", PAGE, tmp_path)
    (entry,) = tmp_path.glob("*.json")
    entry.write_text("{ not json")
    assert cache.load(tmp_path, "p.md", PAGE) is None
    assert cache.check("p.md", PAGE, tmp_path)[0].verdicts


REJECTED = (
    PAGE
    + """
## Wrong { #wrong }

```derivation-rejected
\\frac{dq}{dz} = 3z
```
"""
)


def test_a_wrong_lines_structured_error_survives_the_cache(tmp_path):
    found = check_source("p.md", REJECTED)
    wrong = found[1]
    if getattr(wrong, "error", None) is None:  # before document.py keeps the exception, give the block one
        wrong.error = StepError(
            "the two sides differ at z = 0.5", "differ", [("z", mpmath.mpf("0.5"))], mpmath.mpf(1), mpmath.mpf(1.5)
        )
        wrong.error.lhs, wrong.error.rhs = r"\frac{dq}{dz}", "3z"
    cache.store(tmp_path, "p.md", REJECTED, found)
    again = cache.load(tmp_path, "p.md", REJECTED)[1]
    assert again.rejection == wrong.rejection and str(again.error) == str(wrong.error)
    for name in ("reason", "lhs", "rhs"):
        assert getattr(again.error, name) == getattr(wrong.error, name), name
    assert [n for n, _ in again.error.point] == [n for n, _ in wrong.error.point]
    for (_, kept), (_, value) in zip(again.error.point, wrong.error.point, strict=True):
        assert abs(kept - value) < 1e-25
    assert abs(again.error.left - wrong.error.left) < 1e-25 and abs(again.error.right - wrong.error.right) < 1e-25
    assert again.error.reason == "differ"


def test_the_stored_layout_is_part_of_the_key(monkeypatch):
    before = cache.key("p.md", PAGE)
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    assert cache.key("p.md", PAGE) != before
