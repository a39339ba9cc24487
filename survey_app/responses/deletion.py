"""Deleting by hand what staff ask to delete: a test response, or a whole session.

Each deletion and its audit entry are one transaction, so nothing goes unrecorded. The entry
names what went (ids, phase, counts, the session's school and date), never an answer.
"""

from __future__ import annotations

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import Response, SurveySession
from ..sessions.service import state_of


class DeletionRefused(ValueError):
    """Why this cannot be deleted now, in words for the person who asked."""


def delete_response(response: Response) -> None:
    """Delete one response (a facilitator's test, say) and record it."""
    audit.record("response.delete", target=f"response {response.id}", commit=False,
                 session=response.session_id, phase=response.phase, source=response.source,
                 submitted=response.submitted_at.date().isoformat())  # fmt: skip
    db.session.delete(response)
    db.session.commit()


def session_blocker(session: SurveySession) -> str | None:
    """Why the session cannot be deleted now, or None. An open phase may be taking answers
    this minute: it must be closed first, so no pupil's answer meets a vanished session."""
    open_phases = [link.phase for link in session.links if state_of(link) == "open"]
    if open_phases:
        return f"its {' and '.join(open_phases)} phase is open: close it first"
    return None


def delete_session(session: SurveySession) -> int:
    """Delete a session with its links and responses, and record it; the responses deleted.
    DeletionRefused while a phase is open."""
    blocker = session_blocker(session)
    if blocker:
        raise DeletionRefused(blocker)
    responses = db.session.execute(sa.delete(Response).where(Response.session_id == session.id))
    count = int(getattr(responses, "rowcount", 0) or 0)
    audit.record("session.delete", target=f"session {session.id}", commit=False,
                 organisation=session.organisation.name, date=session.session_date.isoformat(),
                 questionnaire=session.questionnaire_version.questionnaire_id,
                 responses=count)  # fmt: skip
    for link in session.links:
        db.session.delete(link)
    db.session.flush()  # the links go before the session their rows point to
    db.session.delete(session)
    db.session.commit()
    return count
