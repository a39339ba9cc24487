"""The interface's languages: Flask-Babel catalogues in survey_app/translations/<locale>/.

Pupil pages are rendered once per language and kept (respond/page.py), so the language of a
page is set explicitly around its rendering (`in_language`), never guessed from the request by
whatever template happens to translate first. Codes are BCP 47, as the questionnaire files use
them ("pa-Arab"); Babel's locale names use "_" ("pa_Arab"), and only this module converts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from babel.support import NullTranslations, Translations
from flask_babel import force_locale

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
# English is the source language of the catalogues; the others have a messages.po each. Every
# language a shipped questionnaire is translated into must be here (tests/unit/test_catalogues).
INTERFACE_LANGUAGES = ("en", "pl", "ro", "sk", "ur", "ar", "pa-Arab", "ckb")


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
