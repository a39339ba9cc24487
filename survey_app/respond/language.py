"""Which language a pupil's page is in: the link's `?lang=`, then the browser's Accept-Language,
then the questionnaire's first language. Always one the questionnaire version offers, so the
interface text and the questions are in the same language.

A browser's language tags rarely equal ours ("pl-PL", "pa-PK", "ckb-IQ"): a tag matches an offered
language with the same language and script, the script filled in from CLDR's likely subtags when
the tag has none. So "pa-PK" (Shahmukhi) matches "pa-Arab" but "pa-IN" (Gurmukhi) and plain "pa"
do not; "ku-IQ" (Kurdish written in Arabic script) is Sorani, "ckb".
"""

from __future__ import annotations

from functools import lru_cache

from babel.core import get_global

_LIKELY = get_global("likely_subtags")
# Kurdish in Arabic script is Sorani in practice; CLDR files it under "ku" (Kurmanji, Latin).
_SAME_AS = {("ku", "Arab"): ("ckb", "Arab")}
# A header longer than this is cut: it is a key of the cache below, and no browser needs more.
MAX_HEADER = 200


def choose_language(wanted: str | None, accept_language: str, offered: tuple[str, ...]) -> str:
    """The page's language: `wanted` if offered, else the best offered match of the header, else
    the first offered language."""
    if wanted in offered:
        return wanted  # type: ignore[return-value]
    return best_offered(accept_language[:MAX_HEADER], offered) or offered[0]


@lru_cache(maxsize=1024)
def best_offered(accept_language: str, offered: tuple[str, ...]) -> str | None:
    """The offered language the header prefers most, or None. Cached: a class of tablets sends
    the same header, so the hot path pays one dictionary look-up."""
    by_tag = {tag.lower(): tag for tag in offered}
    by_script = {_language_and_script(tag): tag for tag in reversed(offered)}
    for tag in _preferred_tags(accept_language):
        found = by_tag.get(tag) or by_script.get(_language_and_script(tag))
        if found:
            return found
    return None


def _preferred_tags(header: str) -> list[str]:
    """The header's language tags, most wanted first (q=0 and "*" left out), lower case."""
    weighted = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().lower().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        tag = tag.strip().replace("_", "-").lower()
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


def _language_and_script(tag: str) -> tuple[str, str]:
    """('pa', 'Arab') for 'pa-PK', 'pa-Arab' or 'pa-arab-pk'; the script from likely subtags."""
    parts = tag.lower().split("-")
    language = parts[0]
    script = next((p.title() for p in parts[1:] if len(p) == 4 and p.isalpha()), "")
    region = next((p.upper() for p in parts[1:] if len(p) == 2 or p.isdigit()), "")
    if not script:
        likely = _LIKELY.get(f"{language}_{region}") if region else None
        likely = likely or _LIKELY.get(language, "")
        script = next((p for p in likely.split("_")[1:] if len(p) == 4), "")
    return _SAME_AS.get((language, script), (language, script))
