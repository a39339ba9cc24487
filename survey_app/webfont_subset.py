"""Builds the self-hosted Nastaliq subset for Urdu pages (issue 11 item 6, ADR 0040).

Chromebooks ship no Nastaliq face, so an Urdu page there falls back to Naskh, which Urdu readers
find foreign. The pupil pages link no third-party font, so the app serves its own: Noto
Nastaliq Urdu (SIL OFL 1.1, `static/fonts/OFL.txt`), cut down to the letters of the Urdu texts
a pupil can see (the shipped questionnaire translations and the `ur` catalogue, which carries
the notice, the matching code and every button) plus the rest of the Urdu alphabet, so that an
answer a pupil types is in the same face. Latin letters and digits are left to the next font of
the page's stack.

`make fonts` (`python -m survey_app.webfont_subset`) writes the file; it needs the `fonts` extra
(fontTools, brotli) and the Debian package fonts-noto-core. tests/unit/test_webfont_subset.py
fails when a shipped Urdu text has a letter the committed file lacks: run `make fonts` again.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from survey_app.i18n import TRANSLATIONS_DIR, catalogue_locale
from survey_app.webfont import FONTS_DIR

ROOT = Path(__file__).resolve().parents[1]
QUESTIONNAIRES = ROOT / "questionnaires"
SOURCE = Path("/usr/share/fonts/truetype/noto/NotoNastaliqUrdu-Regular.ttf")
TARGET = FONTS_DIR / "noto-nastaliq-urdu-subset.woff2"
# Urdu's alphabet and marks beyond what the texts use today: a pupil may type any of them.
URDU_ALPHABET = "ءآأؤئابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہۂۃھیےۓ،؛؟۔ًٌٍَُِّْٰٔ"
JOINERS = "\u200c\u200d"  # zero-width non-joiner and joiner shape the letters beside them


def shipped_texts(lang: str = "ur", questionnaires: Path = QUESTIONNAIRES) -> Iterator[str]:
    """Every text of `lang` a pupil can be shown: questionnaire translations and the catalogue."""
    for path in sorted(questionnaires.glob(f"*/v*.{lang}.yaml")):
        yield from _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    po = TRANSLATIONS_DIR / catalogue_locale(lang) / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        for message in read_po(handle):
            if message.id:
                yield from _strings(message.string)


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list | tuple):
        for value in node:
            yield from _strings(value)


def arabic_script(texts: Iterable[str]) -> set[str]:
    """The characters of the texts that the Nastaliq face is for: Arabic script and joiners."""
    return {c for text in texts for c in text if _is_arabic(c) or c in JOINERS}


def _is_arabic(char: str) -> bool:
    return "ARABIC" in unicodedata.name(char, "")


def build(source: Path = SOURCE, target: Path = TARGET) -> int:
    """Writes the WOFF2 subset; returns its size in bytes. Every layout feature is kept:
    Nastaliq's joining and stacking are all contextual substitutions and positions."""
    from fontTools import subset  # the `fonts` extra: needed to build, never at run time

    characters = arabic_script(shipped_texts()) | set(URDU_ALPHABET) | set(JOINERS)
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # keeps the copyright and licence entries the OFL asks for
    options.hinting = False  # Nastaliq's hints are ttfautohint's; screens at 2x do without
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters))
    subsetter.subset(font)
    font.recalcTimestamp = False  # the same texts give the same bytes, so no change to commit
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)
    return target.stat().st_size


if __name__ == "__main__":
    print(f"{TARGET.relative_to(ROOT)}: {build()} bytes")
