"""Creating sessions and changing the state of their phases."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.orm import joinedload, selectinload

from .. import audit
from ..auth.roles import REPORT_READERS
from ..extensions import db
from ..models import Organisation, Programme, SessionLink, SurveySession, User
from ..questionnaire.registry import Registry
from ..questionnaire.sync import version_row
from .codes import new_code, new_token
from .schedule import now, phase_state

Schedule = dict[str, tuple[datetime | None, datetime | None]]  # phase -> (opens_at, closes_at)


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
    open_now: bool = False,
    schedule: Schedule | None = None,
    keep_pre_open: bool = False,
) -> SurveySession:
    """A new session pinned to the questionnaire's latest version, with one link per phase.

    Every phase starts not open, unless `open_now` opens it or `schedule` gives it times
    (naive UTC; a phase with an opening time waits for it). Unless `keep_pre_open`, BEFORE
    closes when AFTER is scheduled to open.
    """
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
    times = _full_schedule(questionnaire.phases, schedule or {}, keep_pre_open)
    for phase in questionnaire.phases:
        opens_at, closes_at = times.get(phase, (None, None))
        open_it = open_now and opens_at is None  # a phase given an opening time waits for it
        db.session.add(
            SessionLink(
                session=session,
                phase=phase,
                token=new_token(),
                code=_unused_code(),
                state="open" if open_it else "pending",
                opened_at=now() if open_it else None,
                opens_at=opens_at,
                closes_at=closes_at,
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


def state_of(link: SessionLink) -> str:
    """pending, open or closed now: the facilitator's switch, then the link's schedule."""
    return phase_state(link.state, link.opens_at, link.closes_at, now())


def set_schedule(
    session: SurveySession, phase: str, opens_at: datetime | None, closes_at: datetime | None
) -> SessionLink:
    """Give one phase its opening and closing times (naive UTC; None for none)."""
    _check_times(phase, opens_at, closes_at)
    link = link_for(session, phase)
    link.opens_at, link.closes_at = opens_at, closes_at
    if link.state == "closed" and closes_at is not None and closes_at > now():
        link.state = "pending"  # a closing time in the future means it is not closed yet
    audit.record("phase.schedule", target=f"session {session.id}", commit=False, phase=phase,
                 opens_at=opens_at, closes_at=closes_at)  # fmt: skip
    db.session.commit()
    return link


def _full_schedule(phases: tuple[str, ...], schedule: Schedule, keep_pre_open: bool) -> Schedule:
    """The schedule checked, with BEFORE closing when AFTER opens unless kept open."""
    unknown = sorted(set(schedule) - set(phases))
    if unknown:
        raise SessionError(
            f"this questionnaire has no {', '.join(unknown)} phase (it has: {', '.join(phases)})"
        )
    times = dict(schedule)
    post_opens = times.get("post", (None, None))[0]
    pre_opens, pre_closes = times.get("pre", (None, None))
    if post_opens and not keep_pre_open and pre_closes is None and "pre" in phases:
        times["pre"] = (pre_opens, post_opens)
    for phase, (opens_at, closes_at) in times.items():
        _check_times(phase, opens_at, closes_at)
    return times


def _check_times(phase: str, opens_at: datetime | None, closes_at: datetime | None) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise SessionError(f"the {phase} phase must close after it opens")


def set_phase_state(
    session: SurveySession, phase: str, state: str, keep_pre_open: bool = False
) -> list[SessionLink]:
    """Open or close one phase; a closed link shows a friendly 'closed' page, never a form.

    Opening AFTER closes BEFORE (a pupil who scans BEFORE late is not stored as BEFORE after
    the lesson), unless `keep_pre_open`. The links changed, the one asked for first.
    """
    link = link_for(session, phase)
    if state not in ("open", "closed"):
        raise SessionError(f"state must be open or closed, not {state}")
    at = now()
    changed = [_switch(link, state, at)]
    if state == "open" and phase == "post" and not keep_pre_open:
        pre = next((other for other in session.links if other.phase == "pre"), None)
        if pre is not None and state_of(pre) != "closed":
            changed.append(_switch(pre, "closed", at))
    db.session.commit()
    return changed


def set_phases_state(
    session: SurveySession, state: str, phase: str | None = None, keep_pre_open: bool = False
) -> list[SessionLink]:
    """Open or close one phase, or every phase when `phase` is None; the links changed."""
    if phase:
        return set_phase_state(session, phase, state, keep_pre_open)
    # Every phase at once is what the facilitator asked for: nothing closes another.
    return [set_phase_state(session, link.phase, state, True)[0] for link in session.links]


def _switch(link: SessionLink, state: str, at: datetime) -> SessionLink:
    link.state = state
    action = "phase.open" if state == "open" else "phase.close"
    audit.record(action, target=f"session {link.session_id}", commit=False, phase=link.phase)
    if state == "open":
        link.opened_at = at
        if link.closes_at is not None and link.closes_at <= at:
            link.closes_at = None  # opened by hand after its closing time: the hand wins
    else:
        link.closed_at = at
    return link


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
