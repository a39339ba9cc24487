"""Raising concerns from free-text answers: which answers hold a listed term, and a concern
for each, once per (response, question) however often they are checked.

Called after a response is stored, never before: a check that is slow or fails must not touch
the pupil's submission (ADR 0027). `scan.py` checks again later whatever was missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..extensions import db
from ..itemtypes import item_type
from ..models import Concern
from ..questionnaire.schema import Questionnaire
from .matcher import Hit, Matcher


@dataclass(frozen=True)
class Flagged:
    """A free-text answer holding listed terms."""

    item_id: str
    text: str
    hits: tuple[Hit, ...]

    @property
    def terms(self) -> list[str]:
        return [hit.term for hit in self.hits]

    @property
    def categories(self) -> list[str]:
        return list(dict.fromkeys(hit.category for hit in self.hits))


def flagged_answers(
    matcher: Matcher, questionnaire: Questionnaire, answers: Mapping[str, Any], language: str
) -> list[Flagged]:
    """The free-text answers of a response that hold a listed term, in question order."""
    found: list[Flagged] = []
    for item in questionnaire.items:
        text = answers.get(item.id)
        if not isinstance(text, str) or not text.strip() or not item_type(item.type).free_text:
            continue
        hits = matcher.find(text, language)
        if hits:
            found.append(Flagged(item.id, text, hits))
    return found


def raise_concerns(response_id: int, session_id: int, phase: str, found: Iterable[Flagged]) -> int:
    """A concern for each flagged answer that has none yet; how many were new. Commits each one
    alone: the unique (response, item) constraint decides between two checks at once."""
    made = 0
    for flagged in found:
        if _has_concern(response_id, flagged.item_id):
            continue
        concern = Concern(response_id=response_id, session_id=session_id, phase=phase,
                          item_id=flagged.item_id, text=flagged.text, terms=flagged.terms,
                          categories=flagged.categories)  # fmt: skip
        db.session.add(concern)
        try:
            db.session.commit()
        except IntegrityError:
            db.session.rollback()  # the other check made it a moment ago
            continue
        made += 1
    return made


def _has_concern(response_id: int, item_id: str) -> bool:
    query = sa.select(Concern.id).filter_by(response_id=response_id, item_id=item_id)
    return db.session.scalar(query) is not None
