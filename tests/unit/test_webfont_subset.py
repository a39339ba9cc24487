"""The committed Nastaliq subset (ADR 0040) has every letter of the Urdu a pupil can be shown:
a new Urdu word with a letter it lacks fails here until `make fonts` is run again. Also what
the file must carry under its licence, and that the build reads the texts it should."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey_app.i18n import LANGUAGES
from survey_app.webfont import FONTS_DIR
from survey_app.webfont_subset import TARGET, URDU_ALPHABET, arabic_script, shipped_texts

TTLib = pytest.importorskip("fontTools.ttLib", reason="the fonts extra (fontTools) is needed")
pytest.importorskip("brotli", reason="the fonts extra (brotli) reads WOFF2")


@pytest.fixture(scope="module")
def subset():
    return TTLib.TTFont(TARGET)


def missing(font, characters: set[str]) -> list[str]:
    cmap = font.getBestCmap()
    return sorted(f"U+{ord(c):04X} {c}" for c in characters if ord(c) not in cmap)


def test_every_letter_of_the_shipped_urdu_is_in_the_subset(subset):
    letters = arabic_script(shipped_texts("ur"))
    assert len(letters) >= 35  # the texts were found: Urdu uses about forty letters and marks
    assert missing(subset, letters) == [], "run `make fonts` and commit the file"
    assert missing(subset, set(URDU_ALPHABET)) == []


def test_a_letter_outside_the_subset_would_be_found(subset):
    # Sindhi's letters are not Urdu's: the check above would name one if a text had it.
    assert missing(subset, {"ڄ", "ب"}) == ["U+0684 ڄ"]


def test_the_texts_are_the_questionnaires_and_the_catalogue(tmp_path: Path):
    (tmp_path / "q").mkdir()
    (tmp_path / "q" / "v1.ur.yaml").write_text("items:\n  a:\n    text: ژ\n", encoding="utf-8")
    texts = list(shipped_texts("ur", questionnaires=tmp_path))
    assert texts[0] == "ژ" and "سنیں" in texts  # the file first, then the catalogue's "Listen"
    assert arabic_script(["S ہے 12 \u200c"]) == {"ہ", "ے", "\u200c"}  # Latin and digits left out


def test_the_file_keeps_its_licence_and_is_the_urdu_face(subset):
    names = {record.nameID: record.toUnicode() for record in subset["name"].names}
    assert "Copyright" in names[0] and "Open Font License" in names[13]
    licence = (FONTS_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE" in licence and "Version 1.1" in licence
    assert names[0] in licence
    assert LANGUAGES["ur"].webfont == TARGET.name
    assert [code for code, lang in LANGUAGES.items() if lang.webfont] == ["ur"]
    assert TARGET.stat().st_size < 96 * 1024  # ADR 0040's budget for the file
