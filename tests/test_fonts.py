"""The self-hosted fonts: the committed files are the npm packages' own, and the stylesheet is the script's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pipeline import fonts
from support import ROOT


def test_the_committed_fonts_are_the_installed_packages_files():
    # A version bump in package.json without `make fonts` leaves old files: this says so.
    for face in fonts.FACES:
        committed = fonts.FOLDER / fonts.file_name(*face)
        installed = fonts.PACKAGES / face[0] / "files" / committed.name
        assert committed.read_bytes() == installed.read_bytes(), f"{committed.name}: run `make fonts`"
    assert sorted(p.name for p in fonts.FOLDER.glob("*.woff2")) == sorted(fonts.file_name(*f) for f in fonts.FACES)


def test_the_stylesheet_is_what_the_script_writes():
    assert fonts.STYLESHEET.read_text() == fonts.stylesheet(), "docs/stylesheets/fonts.css: run `make fonts`"


def test_every_font_url_is_a_file_of_the_site_and_none_leaves_it():
    css = fonts.STYLESHEET.read_text()
    urls = re.findall(r'url\("([^"]+)"\)', css)
    assert len(urls) == len(fonts.FACES)
    for url in urls:
        assert not re.match(r"^[a-z]+:|^//", url), f"{url} is not on the site's host"
        assert (fonts.STYLESHEET.parent / url).resolve().is_file(), url
    assert fonts.PRELOAD in {Path(u).name for u in urls}
    preload = (ROOT / "overrides" / "main.html").read_text()
    assert f"assets/fonts/{fonts.PRELOAD}" in preload


def _covers(ranges: str, char: str) -> bool:
    for part in ranges.split(","):
        low, _, high = part.strip().removeprefix("U+").partition("-")
        if int(low, 16) <= ord(char) <= int(high or low, 16):
            return True
    return False


def test_the_greek_face_covers_sigma_and_the_latin_face_the_minus_sign():
    latin = fonts.unicode_range("roboto", "latin", 400, "normal")
    greek = fonts.unicode_range("roboto", "greek", 400, "normal")
    assert _covers(greek, "σ") and _covers(greek, "ε") and not _covers(latin, "σ")
    assert _covers(latin, "−") and _covers(latin, "′") and _covers(latin, "a") and not _covers(greek, "a")


def test_a_missing_unicode_range_is_an_error_naming_the_face(monkeypatch, tmp_path):
    package = tmp_path / "roboto"
    package.mkdir()
    (package / "latin-400.css").write_text("@font-face { font-family: 'Roboto'; }")
    (package / "400.css").write_text("/* nothing */")
    monkeypatch.setattr(fonts, "PACKAGES", tmp_path)
    with pytest.raises(ValueError, match="no unicode-range for roboto latin 400 normal"):
        fonts.unicode_range("roboto", "latin", 400, "normal")


@pytest.mark.skipif(not Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists(), reason="no DejaVu Sans")
def test_the_dejavu_fallback_is_scaled_by_its_measured_width():
    # DejaVu Sans is what a fresh Debian draws with (.ci/run installs fonts-dejavu-core).
    measured = fonts.fallback_metrics(Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))
    assert fonts.FALLBACKS["Roboto Fallback DejaVu"][1] == measured
    assert 0.8 < measured < 0.95  # DejaVu Sans is wider than Roboto
