"""Every letter a questionnaire or translation may print is in the one PDF font."""

from __future__ import annotations

from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from survey_app.fonts import BOLD, REGULAR, font_path
from survey_app.questionnaire.loader import load_folder

ROOT = Path(__file__).resolve().parents[2]
ALL_FILES = sorted((ROOT / "questionnaires").glob("*/*.yaml")) + sorted(
    (ROOT / "tests" / "data" / "questionnaires").glob("*/*.yaml")
)
# reportlab cannot join Arabic letters, so no PDF is printed in an Arabic-script language and
# DejaVu Sans need not cover them (it lacks Urdu's U+06C1, U+06D2 and U+06D4).
ARABIC_SCRIPT = {"ur", "ar", "pa-Arab", "ckb"}


def language_of(path: Path) -> str | None:
    """The <lang> of a `v<N>.<lang>.yaml` translation file; None for a version file."""
    parts = path.name.split(".")
    return parts[1] if len(parts) == 3 else None


SHIPPED = [p for p in ALL_FILES if language_of(p) not in ARABIC_SCRIPT]
ARABIC_SCRIPT_FILES = [p for p in ALL_FILES if language_of(p) in ARABIC_SCRIPT]


def characters_of(path: Path) -> set[str]:
    return {c for c in path.read_text(encoding="utf-8") if not c.isspace()}


@pytest.mark.parametrize("name", [REGULAR, BOLD])
def test_every_shipped_character_is_in_the_font(name):
    covered = set(TTFont(font_path(name)).getBestCmap())
    missing = {
        (path.relative_to(ROOT).as_posix(), c, f"U+{ord(c):04X}")
        for path in SHIPPED
        for c in characters_of(path)
        if ord(c) not in covered
    }
    assert SHIPPED and not missing, sorted(missing)


URDU_GAP = pytest.mark.xfail(
    strict=True,
    reason="DejaVu Sans lacks U+06C1 (heh goal) of Urdu and Shahmukhi; reportlab cannot join "
    "Arabic letters either, so no PDF is printed in those languages until a Naskh font is bundled",
)


@pytest.mark.parametrize(
    "sample",
    ["Zażółć gęślą jaźń", "Învățăm împreună", "Ďakujeme, že ste prišli", "شكراً لك",
     "سوپاس بۆ ئێوە", "Ysgol Bro Dŵr",
     pytest.param("آپ کا شکریہ", marks=URDU_GAP), pytest.param("تہاڈا شکریہ", marks=URDU_GAP)],
)  # fmt: skip
def test_the_scripts_of_the_languages_we_are_asked_for_are_covered(sample):
    covered = set(TTFont(font_path(REGULAR)).getBestCmap())
    assert not [c for c in sample if not c.isspace() and ord(c) not in covered]


def test_the_files_left_out_of_the_font_check_are_only_arabic_script_translations():
    """So a Latin-script file can never slip out of the check above by its name."""
    assert {language_of(p) for p in ARABIC_SCRIPT_FILES} == ARABIC_SCRIPT
    for path in ARABIC_SCRIPT_FILES:
        assert path.with_name(path.name.split(".")[0] + ".yaml").exists(), path
    printed = {language_of(p) for p in SHIPPED} - {None}
    assert printed == {"pl", "ro", "sk"}
    registry = load_folder(ROOT / "questionnaires")
    loaded = {lang for q in registry for lang in q.translations}
    assert loaded >= ARABIC_SCRIPT


def test_the_check_can_fail_on_a_letter_the_font_lacks():
    covered = set(TTFont(font_path(REGULAR)).getBestCmap())
    assert ord("漢") not in covered  # DejaVu has no Chinese, so a shipped "漢" would fail above


def test_language_names_are_drawn_joined_right_to_left_in_glyphs_the_font_has():
    """The QR sheet names each language in itself (qr/sheet.py). reportlab draws glyph by glyph,
    left to right: `drawable` gives the joined letter forms (Arabic Presentation Forms), last
    letter first; DejaVu Sans must have every one of them."""
    import unicodedata

    from survey_app.fonts import drawable
    from survey_app.i18n import LANGUAGES, RIGHT_TO_LEFT

    covered = set(TTFont(font_path(REGULAR)).getBestCmap())
    for code in RIGHT_TO_LEFT:
        name = LANGUAGES[code].name
        drawn = drawable(name)
        assert all(0xFB50 <= ord(c) <= 0xFEFF for c in drawn), (code, drawn)  # joined forms
        assert unicodedata.normalize("NFKC", drawn[::-1]) == name, code
        assert not [c for c in drawn if ord(c) not in covered], code
    assert drawable("Polski · Română") == "Polski · Română"
