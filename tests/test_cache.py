"""The cache of passed pages: it answers only for the same page under the same checker."""

from __future__ import annotations

from snippets.derivation import cache
from snippets.derivation.document import CheckFailure, check_source

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
