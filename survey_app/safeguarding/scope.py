"""Who sees which concerns.

A school's lead sees the concerns of the organisations they look after. The council's
designated officer (a safeguarding account with no organisation) sees those of every
organisation that has no active lead of its own, so that no concern goes unseen. Everyone else
sees no concern's text: officers and admins see only how many there are, by status.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from ..auth.roles import SAFEGUARDING
from ..extensions import db
from ..models import Concern, SurveySession, User, safeguarding_scope

STATUS_WORDS = {
    "open": "Open",
    "no_action": "No action",
    "handled_in_school": "Handled in school",
    "referred": "Referred",
}
DECISIONS = ("no_action", "handled_in_school", "referred")


def organisations_with_a_lead() -> sa.Select:
    """The ids of organisations looked after by an active safeguarding lead."""
    return (
        sa.select(safeguarding_scope.c.organisation_id)
        .join(User, User.id == safeguarding_scope.c.user_id)
        .where(User.active.is_(True), User.role == SAFEGUARDING)
    )


def visible_concerns(user: User) -> sa.Select:
    """The concerns this user may read, newest first (none unless a safeguarding account)."""
    query = sa.select(Concern).join(SurveySession, SurveySession.id == Concern.session_id)
    if user.role != SAFEGUARDING:
        return query.where(sa.false())
    if user.organisations:
        ids = [o.id for o in user.organisations]
        query = query.where(SurveySession.organisation_id.in_(ids))
    else:
        query = query.where(SurveySession.organisation_id.not_in(organisations_with_a_lead()))
    return query.order_by(Concern.created_on.desc(), Concern.id.desc())


def visible_concern(user: User, concern_id: int) -> Concern | None:
    """The concern if this user may read it, else None (the caller answers 404)."""
    return db.session.scalar(visible_concerns(user).where(Concern.id == concern_id))


def open_count(user: User) -> int:
    """How many open concerns this user may read (the badge in the header)."""
    query = visible_concerns(user).where(Concern.status == "open").order_by(None)
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0


def counts_by_status(session_ids: Iterable[int] | None = None) -> dict[str, int]:
    """How many concerns there are by status, in these sessions or all: what officers see,
    never the text."""
    query = sa.select(Concern.status, sa.func.count()).group_by(Concern.status)
    if session_ids is not None:
        query = query.where(Concern.session_id.in_(list(session_ids)))
    found = {status: count for status, count in db.session.execute(query)}
    return {status: found[status] for status in STATUS_WORDS if found.get(status)}


def has_lead(organisation_id: int) -> bool:
    """Whether an active safeguarding lead looks after this organisation."""
    query = organisations_with_a_lead().where(
        safeguarding_scope.c.organisation_id == organisation_id
    )
    return db.session.scalar(query.limit(1)) is not None
