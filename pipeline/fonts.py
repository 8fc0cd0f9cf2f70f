r"""The site's text and code fonts, self-hosted: Roboto and Roboto Mono from npm's @fontsource packages (OFL-1.1).

Text widths, and so every formula's width and every overflow, depend on the font a
page is drawn with. A site that names no font is drawn in whatever the reader's
machine has (DejaVu Sans on a fresh Debian, a wider face than Roboto), so a test
passes on one machine and fails on another. The site therefore serves its own
fonts, as plain files under ``docs/assets/fonts/`` (MkDocs and Zensical copy them
as they are; no request leaves the site's host), with ``docs/stylesheets/fonts.css``
declaring them.

Run ``python -m pipeline.fonts`` (``make fonts``) after changing ``FACES`` or the
packages' versions in package.json: it copies the files from ``node_modules/`` and
writes the stylesheet. ``tests/test_fonts.py`` fails when the committed files
differ from the installed packages.

Only what the pages use is copied: Material's weights (300 for h1 and h2, 400,
400 italic, 700 for bold) of the Latin subset, Greek at 400 for the ε, σ, θ in
running text, and Roboto Mono 400 for code (bold code is synthesised: Material's
code styles do not use it).

While a font downloads, text is drawn in a local fallback scaled to Roboto's
metrics (``size-adjust`` and the ascent and descent overrides), so the swap
(``font-display: swap``) moves nothing: cumulative layout shift stays 0.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ROOT / "node_modules" / "@fontsource"
FOLDER = ROOT / "docs" / "assets" / "fonts"
STYLESHEET = ROOT / "docs" / "stylesheets" / "fonts.css"

# (package, subset, weight, style): one woff2 file each.
FACES = [
    ("roboto", "latin", 300, "normal"),
    ("roboto", "latin", 400, "normal"),
    ("roboto", "latin", 400, "italic"),
    ("roboto", "latin", 700, "normal"),
    ("roboto", "greek", 400, "normal"),
    ("roboto-mono", "latin", 400, "normal"),
]
# The one file every page needs before its first paint: main.html preloads it.
PRELOAD = "roboto-latin-400-normal.woff2"

# Local faces that stand in for Roboto until it arrives, scaled to its metrics:
# size-adjust = Roboto's mean advance width over the fallback's (English letter
# frequencies), ascent and descent = Roboto's hhea metrics (1900 and 500 of 2048
# units) divided by size-adjust. Measured with ``fallback_metrics`` on Liberation
# Sans (Arial's widths, Debian's fonts-liberation) and DejaVu Sans (what a fresh
# Debian has).
FALLBACKS = {
    "Roboto Fallback Arial": (["Arial", "ArialMT", "Liberation Sans", "LiberationSans"], 1.0032),
    "Roboto Fallback DejaVu": (["DejaVu Sans", "DejaVuSans"], 0.8738),
}
ROBOTO_ASCENT, ROBOTO_DESCENT = 1900 / 2048, 500 / 2048

# Letter frequencies of English text (per mille, space included): what "mean width" weighs by.
_FREQUENCY = {
    " ": 180, "e": 102, "t": 75, "a": 65, "o": 62, "i": 57, "n": 57, "s": 53, "h": 50, "r": 49,
    "d": 35, "l": 33, "u": 23, "c": 22, "m": 20, "w": 19, "f": 18, "g": 16, "y": 16, "p": 15,
    "b": 12, "v": 8, "k": 6, "x": 2, "j": 1, "q": 1, "z": 1,
}  # fmt: skip


def file_name(package: str, subset: str, weight: int, style: str) -> str:
    """The woff2 file of one face, as @fontsource names it."""
    return f"{package}-{subset}-{weight}-{style}.woff2"


def unicode_range(package: str, subset: str, weight: int, style: str) -> str:
    """The unicode-range @fontsource gives the face, read from the package's own CSS."""
    css = (PACKAGES / package / f"{subset}-{weight}{'-italic' if style == 'italic' else ''}.css").read_text()
    found = re.search(r"unicode-range:\s*([^;]+);", css)
    if found is None:
        # The per-subset files leave it out; the weight's file lists every subset with its range.
        whole = (PACKAGES / package / f"{weight}{'-italic' if style == 'italic' else ''}.css").read_text()
        block = re.search(rf"{package}-{subset}-{weight}-{style} \*/\s*@font-face\s*{{([^}}]*)}}", whole)
        found = block and re.search(r"unicode-range:\s*([^;]+);", block[1])
    if not found:
        raise ValueError(f"no unicode-range for {package} {subset} {weight} {style} in node_modules/@fontsource")
    return found[1].strip()


def fallback_metrics(font: Path) -> float:
    """Size-adjust for ``font`` standing in for Roboto: the ratio of their mean advance widths."""
    from fontTools.ttLib import TTFont

    def mean_width(path: Path) -> float:
        face = TTFont(path)
        widths, cmap = face["hmtx"].metrics, face.getBestCmap()
        per_em = face["head"].unitsPerEm
        total = sum(_FREQUENCY.values())
        return sum(n * widths[cmap[ord(ch)]][0] / per_em for ch, n in _FREQUENCY.items()) / total

    roboto = PACKAGES / "roboto" / "files" / "roboto-latin-400-normal.woff"
    return round(mean_width(roboto) / mean_width(font), 4)


def stylesheet() -> str:
    """The @font-face rules for FACES and FALLBACKS, and the variables Material reads."""
    rules = ["/* Written by `python -m pipeline.fonts` (make fonts): do not edit by hand. */"]
    for face in FACES:
        package, _, weight, style = face
        family = "Roboto Mono" if package == "roboto-mono" else "Roboto"
        rules.append(
            "@font-face {\n"
            f'  font-family: "{family}";\n  font-style: {style};\n  font-weight: {weight};\n'
            "  font-display: swap;\n"
            f'  src: url("../assets/fonts/{file_name(*face)}") format("woff2");\n'
            f"  unicode-range: {unicode_range(*face)};\n}}"
        )
    for family, (names, size) in FALLBACKS.items():
        local = ", ".join(f'local("{name}")' for name in names)
        rules.append(
            "@font-face {\n"
            f'  font-family: "{family}";\n  src: {local};\n  size-adjust: {size:.2%};\n'
            f"  ascent-override: {ROBOTO_ASCENT / size:.2%};\n  descent-override: {ROBOTO_DESCENT / size:.2%};\n"
            "  line-gap-override: 0%;\n}"
        )
    fallbacks = ", ".join(f'"{family}"' for family in FALLBACKS)
    # Material's stacks are var(--md-text-font, _), its system fonts; these come first.
    rules.append(f':root {{\n  --md-text-font: "Roboto", {fallbacks};\n  --md-code-font: "Roboto Mono";\n}}')
    return "\n".join(rules) + "\n"


def main() -> int:
    """Copy the faces from node_modules/@fontsource and write the stylesheet."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    for old in FOLDER.glob("*.woff2"):
        old.unlink()
    for face in FACES:
        source = PACKAGES / face[0] / "files" / file_name(*face)
        if not source.exists():
            print(f"{source} is missing: run `npm ci` first", file=sys.stderr)
            return 1
        shutil.copyfile(source, FOLDER / source.name)
    for package in sorted({face[0] for face in FACES}):  # the OFL travels with the fonts
        shutil.copyfile(PACKAGES / package / "LICENSE", FOLDER / f"LICENSE-{package}.txt")
    STYLESHEET.write_text(stylesheet())
    print(f"{len(FACES)} fonts in {FOLDER.relative_to(ROOT)}, {STYLESHEET.relative_to(ROOT)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
