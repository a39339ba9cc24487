"""The interface catalogues as tests read them (survey_app/translations/)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from survey_app.i18n import INTERFACE_LANGUAGES, TRANSLATIONS_DIR, catalogue_locale

TRANSLATED = tuple(lang for lang in INTERFACE_LANGUAGES if lang != "en")
POT = TRANSLATIONS_DIR / "messages.pot"
# Where a pupil's words come from: a message with a location here must be translated.
PUPIL_SOURCES = (
    "survey_app/templates/respond/",
    "survey_app/respond/",
    "survey_app/itemtypes/",
    "survey_app/forms/",
    "survey_app/web/respond.py",
    "survey_app/web/errors.py",
)


def po_path(language: str) -> Path:
    return TRANSLATIONS_DIR / catalogue_locale(language) / "LC_MESSAGES" / "messages.po"


@cache
def catalogue(path: Path) -> Catalog:
    with path.open("rb") as f:
        return read_po(f)


def msgids(cat: Catalog) -> set[str]:
    """Each message's msgid (a plural message's singular)."""
    return {m.id if isinstance(m.id, str) else m.id[0] for m in cat if m.id}


def is_pupil_message(message) -> bool:
    return any(file.startswith(PUPIL_SOURCES) for file, _ in message.locations)


@cache
def english_fragments() -> tuple[str, ...]:
    """The literal English pieces of every catalogue message: the text between its %(name)s
    placeholders and HTML tags, long enough that no translation contains one by chance."""
    pieces = set()
    for msgid in msgids(catalogue(POT)):
        for piece in re.split(r"%\(\w+\)s|<[^>]+>", msgid):
            piece = piece.strip(" .,:;?“”\"'")
            if len(piece) >= 3:
                pieces.add(piece)
    return tuple(sorted(pieces, key=len, reverse=True))


def _found(piece: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(piece)}(?!\w)", text) is not None


def english_left(visible_text: str, language: str) -> list[str]:
    """The English catalogue pieces found as whole words in a page's visible text, except those
    the language's own translations use (Slovak and Romanian write "August" too)."""
    own = " | ".join(str(m.string) for m in catalogue(po_path(language)) if m.id and m.string)
    return [p for p in english_fragments() if _found(p, visible_text) and not _found(p, own)]
