"""A lead's decision on a concern, and what the review pages show of one.

Every view and every decision is audited, naming the concern and never its text or the note
(which may say more about the child than the answer did)."""

from __future__ import annotations

from dataclasses import dataclass

from .. import audit
from ..extensions import db
from ..models import Concern, User, utcnow
from ..questionnaire.registry import Registry
from .scope import DECISIONS
from .terms import CATEGORIES

MAX_NOTE = 2000


class DecisionError(ValueError):
    """Why a decision could not be recorded, in words for the lead."""


@dataclass(frozen=True)
class ConcernView:
    """A concern as a lead reads it: where and when, the question, the words, what matched."""

    concern: Concern
    organisation: str
    group: str
    session_date: str
    phase: str
    question: str
    categories: list[str]


def view_of(concern: Concern, registry: Registry) -> ConcernView:
    session = concern.session
    version = session.questionnaire_version
    return ConcernView(
        concern=concern,
        organisation=session.organisation.name,
        group=session.group_label,
        session_date=f"{session.session_date:%-d %B %Y}",
        phase={"pre": "Before", "post": "After", "single": "Feedback"}.get(concern.phase, ""),
        question=_question(registry, version.questionnaire_id, version.version, concern.item_id),
        categories=[CATEGORIES.get(c, c) for c in concern.categories],
    )


def record_view(concern: Concern) -> None:
    audit.record("concern.view", target=f"concern {concern.id}",
                 session=concern.session_id, status=concern.status)  # fmt: skip


def record_list(shown: int, open_: int) -> None:
    audit.record("concern.list", target="safeguarding queue", shown=shown, open=open_)


def decide(concern: Concern, status: str, note: str, user: User) -> None:
    """Record the lead's decision and note, audited in the same transaction."""
    note = note.strip()
    if status not in DECISIONS:
        raise DecisionError("choose what was done")
    if not note:
        raise DecisionError("write a note of what was done and why")
    if len(note) > MAX_NOTE:
        raise DecisionError(f"keep the note to {MAX_NOTE} characters or fewer")
    previous = concern.status
    concern.status, concern.note = status, note
    concern.reviewed_by_id, concern.reviewed_at = user.id, utcnow()
    audit.record("concern.decide", target=f"concern {concern.id}", user=user, commit=False,
                 session=concern.session_id, status=status, previous=previous)  # fmt: skip
    db.session.commit()


def _question(registry: Registry, questionnaire_id: str, version: int, item_id: str) -> str:
    try:
        questionnaire = registry.get(questionnaire_id, version)
        text = questionnaire.item(item_id).text
    except (KeyError, StopIteration):
        return item_id
    return text.get(questionnaire.languages[0]) or next(iter(text.values()), item_id)
