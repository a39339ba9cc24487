"""Creating sessions and changing the state of their phases."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload, selectinload

from .. import audit
from ..auth.roles import REPORT_READERS
from ..extensions import db
from ..models import Organisation, Programme, SessionLink, SurveySession, User, utcnow
from ..questionnaire.registry import Registry
from ..questionnaire.sync import version_row
from .codes import new_code, new_token


class SessionError(ValueError):
    """A user-facing reason a session could not be created or changed."""


def create_session(
    registry: Registry,
    *,
    organisation: str,
    questionnaire_id: str,
    session_date: date,
    programme: str | None = None,
    group_label: str = "",
    shared_devices: bool = False,
    facilitator: User | None = None,
) -> SurveySession:
    """A new session pinned to the questionnaire's latest version, with one open link per phase."""
    try:
        questionnaire = registry.latest(questionnaire_id)
    except KeyError:
        known = ", ".join(registry.ids()) or "none"
        raise SessionError(f"unknown questionnaire '{questionnaire_id}' (known: {known})") from None
    programme = (programme or "").strip() or None
    _check_lengths(organisation=organisation, programme=programme or "", group=group_label)
    session = SurveySession(
        organisation=_get_or_add(Organisation, organisation.strip()),
        programme=_get_or_add(Programme, programme.strip()) if programme else None,
        facilitator=facilitator,
        questionnaire_version=version_row(questionnaire),
        session_date=session_date,
        group_label=group_label.strip(),
        shared_devices=shared_devices,
    )
    db.session.add(session)
    for phase in questionnaire.phases:
        db.session.add(
            SessionLink(
                session=session,
                phase=phase,
                token=new_token(),
                code=_unused_code(),
                state="open",
                opened_at=utcnow(),
            )
        )
    db.session.flush()
    audit.record(
        "session.create",
        target=f"session {session.id}",
        commit=False,
        organisation=session.organisation.name,
        questionnaire=f"{questionnaire.id} v{questionnaire.version}",
    )
    db.session.commit()
    return session


def set_phase_state(session: SurveySession, phase: str, state: str) -> SessionLink:
    """Open or close one phase; a closed link shows a friendly 'closed' page, never a form."""
    link = link_for(session, phase)
    if state not in ("open", "closed"):
        raise SessionError(f"state must be open or closed, not {state}")
    link.state = state
    if state == "open":
        link.opened_at = utcnow()
    else:
        link.closed_at = utcnow()
    audit.record(f"phase.{'open' if state == 'open' else 'close'}", target=f"session {session.id}",
                 commit=False, phase=phase)  # fmt: skip
    db.session.commit()
    return link


def set_phases_state(
    session: SurveySession, state: str, phase: str | None = None
) -> list[SessionLink]:
    """Open or close one phase, or every phase when `phase` is None; the links changed."""
    phases = [phase] if phase else [link.phase for link in session.links]
    return [set_phase_state(session, name, state) for name in phases]


def get_session(session_id: int) -> SurveySession:
    """The session with this id; SessionError (a message for the user) if there is none."""
    session = db.session.get(SurveySession, session_id)
    if session is None:
        raise SessionError(f"no session with id {session_id}")
    return session


def can_see(user: User, session: SurveySession) -> bool:
    """Admins and officers see every session; a facilitator sees only their own."""
    return user.role in REPORT_READERS or session.facilitator_id == user.id


def visible_sessions(user: User) -> sa.Select:
    """The sessions a user may see, newest date first, with what a list shows loaded."""
    query = (
        sa.select(SurveySession)
        .options(
            selectinload(SurveySession.links),
            joinedload(SurveySession.organisation),
            joinedload(SurveySession.programme),
            joinedload(SurveySession.questionnaire_version),
        )
        .order_by(SurveySession.session_date.desc(), SurveySession.id.desc())
    )
    if user.role not in REPORT_READERS:
        query = query.where(SurveySession.facilitator_id == user.id)
    return query


def link_for(session: SurveySession, phase: str) -> SessionLink:
    for link in session.links:
        if link.phase == phase:
            return link
    phases = ", ".join(link.phase for link in session.links)
    raise SessionError(f"session {session.id} has no {phase} phase (it has: {phases})")


def public_url(link: SessionLink) -> str:
    """The permanent URL printed in the QR code."""
    return f"{current_app.config['PUBLIC_BASE_URL']}/s/{link.token}"


def go_url() -> str:
    """Where a person types a short code."""
    return f"{current_app.config['PUBLIC_BASE_URL']}/go"


def _get_or_add(model: type[Organisation] | type[Programme], name: str):
    """The row with this name, ignoring case, so "oak school" does not add a second Oak School."""
    row = db.session.scalar(
        sa.select(model).where(sa.func.lower(model.name) == name.lower()).order_by(model.id)
    )
    if row is None:
        row = model(name=name)
        db.session.add(row)
    return row


def _check_lengths(*, organisation: str, programme: str, group: str) -> None:
    """Reasons the database would refuse these names, said the way a person understands."""
    if not organisation.strip():
        raise SessionError("enter the name of the school or group")
    for what, value, limit in (
        ("the name of the school or group", organisation, 200),
        ("the programme", programme, 200),
        ("the group label", group, 100),
    ):
        if len(value.strip()) > limit:
            raise SessionError(f"{what} must be {limit} characters or fewer")


def _unused_code() -> str:
    while True:
        code = new_code()
        if not db.session.scalar(sa.select(SessionLink.id).filter_by(code=code)):
            return code
