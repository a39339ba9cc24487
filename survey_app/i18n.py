"""The interface's languages: Flask-Babel catalogues in survey_app/translations/<locale>/.

Pupil pages are rendered once per language and kept (respond/page.py), so the language of a
page is set explicitly around its rendering (`in_language`), never guessed from the request by
whatever template happens to translate first. Codes are BCP 47, as the questionnaire files use
them ("pa-Arab"); Babel's locale names use "_" ("pa_Arab"), and only this module converts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from babel.support import NullTranslations, Translations
from flask_babel import force_locale

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
# English is the source language of the catalogues; the others have a messages.po each. Every
# language a shipped questionnaire is translated into must be here (tests/unit/test_catalogues).
INTERFACE_LANGUAGES = ("en", "pl", "ro", "sk", "ur", "ar", "pa-Arab", "ckb")


@dataclass(frozen=True)
class Language:
    """A language a page can be in: named in itself (so a pupil finds their own on the switcher
    and the printed sheet) and its direction, from this table, never guessed from the text."""

    code: str  # BCP 47, as the questionnaire files use it
    name: str
    direction: Literal["ltr", "rtl"] = "ltr"
    # System fonts for its script, tried before the page's own stack.
    fonts: tuple[str, ...] = ()
    line_height: float | None = None  # Nastaliq's tall letters need more room between lines
    # A self-hosted face (static/fonts/) after the system ones, for devices that have none of
    # them: only where the script's fallback is not what its readers expect (ADR 0040).
    webfont: str | None = None


# Nastaliq, as Urdu and Shahmukhi readers expect: iOS, macOS and Android ship Noto Nastaliq Urdu;
# Windows has Urdu Typesetting. A Chromebook has neither: Urdu pages bring a subset of Noto
# Nastaliq Urdu for it (survey_app/webfont_subset.py); Shahmukhi falls back to Naskh there.
_NASTALIQ = ("Noto Nastaliq Urdu", "Urdu Typesetting", "Jameel Noori Nastaleeq")
# Noto Nastaliq Urdu's letters span 2.5 em (ascender 1.9, descender 0.6): lines of 2.2 keep the
# boxes of one line off the next and inside buttons and boxes (tests/browser/test_urdu_font_*).
_NASTALIQ_LINE = 2.2
_URDU_FONT = "noto-nastaliq-urdu-subset.woff2"
# Naskh for Arabic and Sorani: Apple's Geeza Pro, Noto on ChromeOS and Android, Segoe UI on Windows.
_NASKH = ("Geeza Pro", "Noto Naskh Arabic", "Noto Sans Arabic", "Segoe UI", "Tahoma")
LANGUAGES = {
    lang.code: lang
    for lang in (
        Language("en", "English"),
        Language("cy", "Cymraeg"),
        Language("pl", "Polski"),
        Language("ro", "Română"),
        Language("sk", "Slovenčina"),
        Language("ur", "اردو", "rtl", _NASTALIQ, _NASTALIQ_LINE, _URDU_FONT),
        Language("ar", "العربية", "rtl", _NASKH),
        # Shahmukhi; Gurmukhi ("pa") is ltr
        Language("pa-Arab", "پنجابی", "rtl", _NASTALIQ, _NASTALIQ_LINE),
        Language("ckb", "کوردی", "rtl", _NASKH),  # Sorani; Kurmanji ("kmr", Latin) is ltr
    )
}
RIGHT_TO_LEFT = frozenset(code for code, lang in LANGUAGES.items() if lang.direction == "rtl")


def language(code: str) -> Language:
    """The table's entry, or (a code not in it) a left-to-right language named by its code."""
    return LANGUAGES.get(code) or Language(code, code)


def direction(code: str) -> str:
    """The `dir` of a page in this language."""
    return language(code).direction


def N_(message: str) -> str:
    """Marks a message for the catalogue where it is defined; it is translated where shown."""
    return message


def catalogue_locale(language: str) -> str:
    """Babel's name of the catalogue for a BCP 47 code: 'pa-Arab' -> 'pa_Arab'."""
    return language.replace("-", "_")


@contextmanager
def in_language(language: str) -> Iterator[None]:
    """Everything translated inside (templates included) is in `language`'s catalogue."""
    with force_locale(catalogue_locale(language)):
        yield


@cache
def translations(language: str) -> NullTranslations:
    """The catalogue of one language, loaded once; no request needed (for work done once per
    language, such as a form class's messages). English and unknown codes translate to
    themselves."""
    return Translations.load(str(TRANSLATIONS_DIR), [catalogue_locale(language)])


def gettext_in(language: str, message: str, **variables: object) -> str:
    """`message` in `language`, with %(name)s variables filled in."""
    text = translations(language).ugettext(message)
    return text % variables if variables else text
