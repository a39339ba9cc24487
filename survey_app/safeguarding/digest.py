"""Telling the leads: `safeguarding pending` (what is open) and `safeguarding digest` (a daily
email to each lead with open concerns). Both carry counts, places and dates, never the words a
pupil wrote: an email can be forwarded or read on a shared screen; the text stays behind sign-in.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_mail import Mail, Message

from .. import audit
from ..auth.roles import SAFEGUARDING
from ..extensions import db
from ..models import Concern, User
from ..questionnaire.startup import registry_of
from .review import view_of
from .scope import visible_concerns


@dataclass(frozen=True)
class Pending:
    """An open concern as the command line lists it (no answer text)."""

    id: int
    organisation: str
    session: int
    date: str
    question: str
    categories: list[str]
    status: str


def pending() -> list[Pending]:
    """Every open concern, oldest first."""
    query = sa.select(Concern).where(Concern.status == "open").order_by(Concern.id)
    registry = registry_of(current_app)
    found = []
    for concern in db.session.scalars(query):
        view = view_of(concern, registry)
        found.append(Pending(concern.id, view.organisation, concern.session_id,
                             concern.created_on.isoformat(), view.question, view.categories,
                             concern.status))  # fmt: skip
    return found


def send_digest() -> int | None:
    """Email each active lead with open concerns; how many were sent, None without a server."""
    if not current_app.config.get("MAIL_SERVER"):
        return None
    mail = Mail(current_app)
    link = f"{current_app.config['PUBLIC_BASE_URL']}/safeguarding/"
    sent = 0
    with mail.connect() as connection:
        for lead in _leads():
            count = _open_count(lead)
            if count:
                connection.send(_message(lead, count, link))
                audit.record("concern.digest", target=lead.email, open=count)
                sent += 1
    return sent


def _leads() -> list[User]:
    query = sa.select(User).filter_by(role=SAFEGUARDING, active=True).order_by(User.email)
    return list(db.session.scalars(query))


def _open_count(lead: User) -> int:
    query = visible_concerns(lead).where(Concern.status == "open").order_by(None)
    return db.session.scalar(sa.select(sa.func.count()).select_from(query.subquery())) or 0


def _message(lead: User, count: int, link: str) -> Message:
    plural = "concern is" if count == 1 else "concerns are"
    body = (
        f"{count} safeguarding {plural} waiting for your review in the cohesion surveys.\n\n"
        f"Sign in to read and record them: {link}\n\n"
        "This email never holds what a pupil wrote; it is on the site, behind sign-in.\n"
    )
    return Message(subject=f"{count} safeguarding {plural.split()[0]} to review",
                   recipients=[lead.email], body=body)  # fmt: skip
