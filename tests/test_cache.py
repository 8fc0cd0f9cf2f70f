"""The cache of passed pages: it answers only for the same page under the same checker."""

from __future__ import annotations

import json

import mpmath

from checker import cache
from checker.document import CheckFailure, check_source
from checker.latex import StepError

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


MATRIX_REJECTED = """---
shapes:
  X: (n_0, m)
  Y: (n_1, m) in (0, 1)
  W^{[1]}: (n_1, n_0)
  Z^{[1]}: (n_1, m)
  A^{[1]}: (n_1, m)
---

## Output { #output }

```derivation
Z^{[1]} = W^{[1]} X
A^{[1]} = \\sigma(Z^{[1]})
\\mathcal{L} = -Y * \\log(A^{[1]}) - (1 - Y) * \\log(1 - A^{[1]})
J = \\frac{1}{m} \\sum_{i=1}^{m} \\sum_{j=1}^{n^{[1]}} \\mathcal{L}_{ji}
```

```derivation-rejected
dZ^{[1]} = \\frac{1}{n^{[1]}} \\, (A^{[1]} - Y)
```
"""


def test_a_rejected_matrix_line_is_answered_from_the_cache_as_it_was_checked(tmp_path):
    from checker import words

    fresh = cache.check("p.md", MATRIX_REJECTED, tmp_path)[-1]  # checked, and stored
    assert fresh.error.reason == "differ" and ("entry", fresh.error.point[-1][1]) == fresh.error.point[-1]
    kept = cache.check("p.md", MATRIX_REJECTED, tmp_path)[-1]  # this one read back: a TypeError before
    assert cache.load(tmp_path, "p.md", MATRIX_REJECTED) is not None
    assert kept.error.point == fresh.error.point  # the sizes as integers, the entry as a pair
    assert words.refusal(kept) == words.refusal(fresh)
    row, column = kept.error.point[-1][1]
    assert f"entry ({row}, {column})" in words.refusal(kept) and "entry =" not in words.refusal(kept)


def test_every_kind_of_value_a_point_holds_is_read_back_as_it_was():
    import numpy as np

    values = [
        mpmath.mpf("0.1234567890123456789012345678901234567890123"),
        mpmath.mpf(-3),
        mpmath.mpc(1, -2),
        0.25,
        7,
        np.int64(4),
        (1, 2),
        ((1, 2), 3),
        "n_0",
        None,
    ]
    for value in values:
        back = cache._read(json.loads(json.dumps(cache._value(value))))
        assert type(back) is type(value) or isinstance(value, float | np.integer), (value, back)
        if isinstance(value, mpmath.mpf):
            assert abs(back - value) < mpmath.mpf(10) ** -40
        else:
            assert back == value, (value, back)
