r"""Python-Markdown extension: numbers in a page's prose that the site's code computed and checked.

A number stays written in the source, beside the function that computes it::

    a is exactly 1.0 for every z >= [36.73680056967711]{= snippets.pages.numerical_stability:z_where_a_is_1}

The build calls the function (once per build: values are kept by target), checks
that the written number is the computed one rounded to the digits written, and
prints the written text. A wrong number fails the build with the page, the line,
the number written and the one computed. It works in prose, tables, admonitions
and inside inline math ``\( z \ge [36.7]{= ...} \)``. The written number may be

- a decimal: ``-745.13``, ``0.5``, ``800`` (checked to its last written digit);
- scientific: ``4.25e-18``, ``2.2 \times 10^{-16}``, ``4 × 10⁻⁸`` (to the mantissa's digits);
- a power: ``10^{-7}`` ("about 10^{-7}": the power of ten nearest the value, its log10 within 0.5
  of -7), or ``2^{-53}`` (any other base: exact, to float64's precision).

A whole table comes from a fence whose one line names a function returning Markdown::

    ```computed-table
    snippets.pages.sigmoid_derivative:float64_table
    ```

``module:function[i]`` prints entry i of a function that returns a list (the z of a table's rows).

Values come only from zero-argument functions of ``snippets.pages.*`` (as the
numeric-check fences, ``checker/numeric.py``), returning a real number
(a table: a string). ``tests/test_printed_numbers.py`` fails on any number typed
in a page without this.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, localcontext

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from checker.printed_values import number, table
from pipeline.derivation_fences import _page

try:  # under MkDocs, a BuildError is reported as a message, without a traceback
    from mkdocs.exceptions import BuildError as _Base
except ImportError:  # another builder (Zensical): a plain error
    _Base = Exception

# [written]{= module:function}: brackets no Markdown link, attr_list ({: ...}, {#id}) or arithmatex reads.
REFERENCE = re.compile(r"\[(?P<written>[^\[\]\n]+)\]\{=\s*(?P<target>[^}\s]*)\s*\}")
TABLE_FENCE = "computed-table"
_FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>.*)$")
_CODE_SPAN = re.compile(r"((?P<ticks>`+).+?(?P=ticks))")  # a code span, and its backticks
_SUPERSCRIPT = str.maketrans("⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹", "-+0123456789")
_MANTISSA = r"(?P<mantissa>-?\d+(?:\.\d+)?)"
_EXPONENT = r"\^\{?(?P<exponent>[-+]?\d+)\}?"
_SCIENTIFIC = re.compile(rf"{_MANTISSA}(?:\s*(?:\\times|×|\\cdot)\s*10{_EXPONENT}|[eE](?P<e>[-+]?\d+))?")
_POWER = re.compile(rf"(?P<sign>-?)(?P<base>\d+){_EXPONENT}")


class PrintedNumberError(_Base, ValueError):
    """A printed number that is not what the code computes, or a reference that names no value."""


def written_value(written: str) -> tuple[Decimal, Decimal | str | None]:
    """The number a printed text states, and how close the value must be.

    Half a unit of the last digit written; None: exact, to float64's precision;
    "magnitude": a power of ten, the value's log10 within 0.5 of its exponent.
    A ValueError names the text when it is none of the forms in the module's docstring.
    """
    text = written.strip().replace("−", "-")
    text = re.sub(r"([⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹]+)", lambda m: "^{" + m[1].translate(_SUPERSCRIPT) + "}", text)
    if power := _POWER.fullmatch(text):
        base, exponent = int(power["base"]), int(power["exponent"])
        value = Decimal(base) ** exponent
        # 2^{-53} is that power of two, exactly; 10^{-7} is "about 10^{-7}", an order of magnitude.
        return (-value if power["sign"] else value), ("magnitude" if base == 10 else None)
    scientific = _SCIENTIFIC.fullmatch(text)
    if not scientific:
        raise ValueError(
            f"'{written}' is not a number this extension reads: write a decimal (-745.13), "
            r"scientific notation (4.25e-18, 2.2 \times 10^{-16}, 4 × 10⁻⁸) or a power (2^{-53}, 10^{-7})"
        )
    mantissa = Decimal(scientific["mantissa"])
    shift = int(scientific["exponent"] or scientific["e"] or 0)
    half_unit = Decimal(5).scaleb(mantissa.as_tuple().exponent - 1 + shift)
    return mantissa.scaleb(shift), half_unit


def agrees(written: str, computed: float) -> bool:
    """Whether ``computed`` rounds to ``written`` at the digits written (a power of two: equals it)."""
    with localcontext(prec=1200):  # every float64 and power is exact at this precision
        value, half_unit = written_value(written)
        exact = Decimal(computed)  # the float's exact binary value
        if half_unit is None:
            return abs(exact - value) <= abs(value) * Decimal(2) ** -52
        if half_unit == "magnitude":  # written 10^{k}: log10 |computed| within 0.5 of k, the same sign
            k = abs(value).adjusted()
            return computed != 0 and (computed < 0) == (value < 0) and abs(math.log10(abs(computed)) - k) <= 0.5
        # A float that is the tie (0.125 printed 0.12 or 0.13) agrees with both roundings.
        return abs(exact - value) <= half_unit


def check(written: str, target: str) -> str:
    """The text to print for ``[written]{= target}``; a ValueError saying both numbers if they disagree."""
    computed = number(target)
    if not agrees(written, computed):
        raise ValueError(f"the page prints {written.strip()} but {target}() computes {computed!r}")
    return written


def _substitute(line: str) -> str:
    """``line`` with each reference outside a code span replaced by its checked number."""
    pieces = _CODE_SPAN.split(line)
    out = []
    for i, piece in enumerate(pieces):
        if i % 3 == 2:  # the span's backticks, which re.split returns as a group of their own
            continue
        if i % 3 == 0:  # outside a code span
            piece = REFERENCE.sub(lambda m: check(m["written"], m["target"]), piece)
            if "]{=" in piece:
                raise ValueError(f"'{piece.strip()}' has a ']{{=' that is not [number]{{= module:function}}")
        out.append(piece)
    return "".join(out)


def convert(lines: list[str], where=lambda n: f"line {n}") -> list[str]:
    """The page's lines with every reference checked and printed, and every computed-table fence filled in.

    ``where(n)`` names line ``n`` (counted from 1) in an error message. Other fences are left as written.
    """
    out, fence, i = [], None, 0
    while i < len(lines):
        line, opening = lines[i], _FENCE.match(lines[i])
        try:
            if fence is None and opening and opening["info"].strip() == TABLE_FENCE:
                end = next(j for j in range(i + 1, len(lines)) if lines[j].strip() == opening["fence"])
                body = [b.strip() for b in lines[i + 1 : end] if b.strip()]
                if len(body) != 1:
                    raise ValueError(f"a {TABLE_FENCE} fence holds one module:function line, not {len(body)}")
                out += [opening["indent"] + row for row in table(body[0]).splitlines()]
                i = end + 1
                continue
            if fence is None and opening:
                fence = opening["fence"]
            elif fence is not None and line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            out.append(line if fence is not None or opening else _substitute(line))
        except StopIteration:
            raise PrintedNumberError(f"{where(i + 1)}: the {TABLE_FENCE} fence is never closed") from None
        except ValueError as exc:
            raise PrintedNumberError(f"{where(i + 1)}: {exc}") from None
        i += 1
    return out


def _source_lines(md, shown: list[str]):
    """``where`` for the lines being converted: the page's file and the line in it (else the line only)."""

    def where(n: int) -> str:
        page = _page(md)  # asked of the builder (derivation_fences: the one place that asks) only for a message
        if page is None:
            return f"line {n} of the page's Markdown"
        # The builder removed the front matter and replaced checked fences: find the same line in the file.
        path, source = page
        text, file_lines = shown[n - 1], source.splitlines()
        seen = shown[: n - 1].count(text)
        found = [k for k, line in enumerate(file_lines, 1) if line == text]
        return f"{path}:{found[seen] if seen < len(found) else '?'}"

    return where


class _Preprocessor(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return convert(lines, _source_lines(self.md, lines))


class PrintedExtension(Extension):
    """``[number]{= module:function}`` and ``computed-table`` fences (see the module's docstring)."""

    def extendMarkdown(self, md):
        """Register the preprocessor."""
        # After pymdownx.snippets (32) and whitespace normalising (30), before superfences stashes fences (25).
        md.preprocessors.register(_Preprocessor(md), "printed_numbers", 29)


def makeExtension(**kwargs):
    """The extension, as Python-Markdown loads it by name (``pipeline.printed`` in mkdocs.yml)."""
    return PrintedExtension(**kwargs)
