"""Database tables, and nothing else. The schema is made by the migrations in migrations/."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .extensions import db

PHASES = ("pre", "post", "single")
CONCERN_STATUSES = ("open", "no_action", "handled_in_school", "referred")
LINK_STATES = ("pending", "open", "closed")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class User(UserMixin, db.Model):
    """A member of staff. Pupils and participants never have accounts."""

    __tablename__ = "staff_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    role: Mapped[str] = mapped_column(sa.String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Raised on sign-out, deactivation and a password change: a session cookie carries the value
    # it was issued with, and one that no longer matches is refused (server-side sign-out that
    # works across instances with no shared store).
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")
    # The optional second factor (auth/second_factor.py): the TOTP secret, and the time step of
    # the last code accepted, so that no code is accepted twice.
    totp_secret: Mapped[str | None] = mapped_column(sa.String(64), default=None)
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger, default=None)
    # For the safeguarding role only: the organisations whose concerns this lead sees.
    organisations: Mapped[list[Organisation]] = relationship(
        secondary="safeguarding_scope", order_by="Organisation.name"
    )

    @property
    def is_active(self) -> bool:  # type: ignore[override]  # Flask-Login reads a property
        return self.active

    def get_id(self) -> str:
        """What the session cookie names: the user and the session epoch it was issued in
        (auth/staff_session.py refuses a cookie whose epoch is no longer current)."""
        return f"{self.id}:{self.session_epoch or 0}"


class QuestionnaireVersion(db.Model):
    """A questionnaire version known to the database; frozen once a session uses it."""

    __table_args__ = (sa.UniqueConstraint("questionnaire_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(sa.String(64))
    version: Mapped[int]
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    title: Mapped[str] = mapped_column(sa.String(200))
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class TranslationRevision(db.Model):
    """The hash of one revision of a translation, so that wording in use cannot change."""

    __table_args__ = (sa.UniqueConstraint("questionnaire_id", "version", "language", "revision"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    questionnaire_id: Mapped[str] = mapped_column(sa.String(64))
    version: Mapped[int]
    language: Mapped[str] = mapped_column(sa.String(16))
    revision: Mapped[int]
    content_hash: Mapped[str] = mapped_column(sa.String(64))
    loaded_at: Mapped[datetime] = mapped_column(default=utcnow)


class Organisation(db.Model):
    """A school, college or community group."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)
    kind: Mapped[str] = mapped_column(sa.String(40), default="school")


class Programme(db.Model):
    """A strand of work: cohesion sessions, faith visits, events..."""

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(200), unique=True)


class SurveySession(db.Model):
    """One group's before-and-after survey, pinned to one questionnaire version."""

    __tablename__ = "survey_session"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(sa.ForeignKey("organisation.id"))
    programme_id: Mapped[int | None] = mapped_column(sa.ForeignKey("programme.id"))
    facilitator_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id"))
    questionnaire_version_id: Mapped[int] = mapped_column(sa.ForeignKey("questionnaire_version.id"))
    session_date: Mapped[date]
    group_label: Mapped[str] = mapped_column(sa.String(100), default="")
    shared_devices: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    programme: Mapped[Programme | None] = relationship()
    facilitator: Mapped[User | None] = relationship()
    questionnaire_version: Mapped[QuestionnaireVersion] = relationship()
    links: Mapped[list[SessionLink]] = relationship(
        back_populates="session", order_by="SessionLink.id"
    )


class SessionLink(db.Model):
    """The public way into one phase of a session: a long token for QR codes, a short code."""

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_session.id"), index=True)
    phase: Mapped[str] = mapped_column(sa.String(10))
    token: Mapped[str] = mapped_column(sa.String(64), unique=True)
    code: Mapped[str] = mapped_column(sa.String(16), unique=True)
    # pending until the facilitator opens it; see sessions/schedule.py for the opening times.
    state: Mapped[str] = mapped_column(sa.String(10), default="pending")
    opened_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    opens_at: Mapped[datetime | None]  # scheduled, naive UTC
    closes_at: Mapped[datetime | None]

    session: Mapped[SurveySession] = relationship(back_populates="links")


class Response(db.Model):
    """One submitted questionnaire. No names, no IP address, no user agent.

    `response_uuid` is made when the form is shown and is unique, so a retried or double-tapped
    submission is stored once. Answers are one JSON object {item_id: value}: one row per
    submission keeps the insert cheap and the submission atomic.
    """

    id: Mapped[int] = mapped_column(primary_key=True)
    response_uuid: Mapped[str] = mapped_column(sa.String(36), unique=True)
    session_id: Mapped[int] = mapped_column(sa.ForeignKey("survey_session.id"), index=True)
    phase: Mapped[str] = mapped_column(sa.String(10))
    questionnaire_id: Mapped[str] = mapped_column(sa.String(64))
    questionnaire_version: Mapped[int]
    language: Mapped[str] = mapped_column(sa.String(10), default="en")
    # The revision of the wording read in that language: 0 for the version file's own words,
    # N for revision N of a translation file v<version>.<language>.yaml.
    wording_revision: Mapped[int] = mapped_column(default=0, server_default="0")
    # When the answers arrived here (server clock), and when the pupil pressed Send: the
    # tablet's time, clamped between the form's issue and its arrival (respond/late.py). They
    # differ when a tablet kept the answers offline (ADR 0028); paper answers have no completion.
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    completed_at: Mapped[datetime | None]
    respondent_key: Mapped[str | None] = mapped_column(sa.String(64))
    match_code: Mapped[str | None] = mapped_column(sa.String(32))
    source: Mapped[str] = mapped_column(sa.String(10), default="web")
    answers: Mapped[dict] = mapped_column(sa.JSON)


class PaperImport(db.Model):
    """One imported file of paper responses, by the hash of its content: the same forms cannot
    be imported twice, even by two uploads at the same moment (the unique constraint decides)."""

    __tablename__ = "paper_import"
    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    response_count: Mapped[int]
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id"))


class AuditEntry(db.Model):
    """Who did what, when: downloads, imports, phase, session and user changes, sign-in
    failures, purges and deletions. Never any answer text; no IP addresses. Written through
    survey_app.audit.record only. (Downloads were once a table of their own, download_log.)"""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    # The actor's id, and their email as it was then (kept when an account changes).
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id"))
    actor: Mapped[str] = mapped_column(sa.String(254), default="")
    action: Mapped[str] = mapped_column(sa.String(40), index=True)
    target: Mapped[str] = mapped_column(sa.String(200), default="")
    details: Mapped[dict] = mapped_column(sa.JSON, default=dict)


# Which organisations a safeguarding lead looks after (many to many). A safeguarding user with
# no row here is the council's designated officer (safeguarding/scope.py).
safeguarding_scope = sa.Table(
    "safeguarding_scope",
    db.metadata,
    sa.Column("user_id", sa.ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True),
    sa.Column(
        "organisation_id",
        sa.ForeignKey("organisation.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class Concern(db.Model):
    """A free-text answer that contains a listed term, for a safeguarding lead to review.

    It holds what the lead needs to act (the session, the question, the words and what matched)
    and nothing else about the child: no device key, no matching code, no time finer than the
    day, no other answers. `response_id` is there only so that the answer can be found again to
    withhold it from exports while the concern is open; no page or command shows it. A concern
    goes when its response goes (retention, deletion): the lead's decision lives on in the audit
    log and in the school's own safeguarding records.
    """

    __table_args__ = (sa.UniqueConstraint("response_id", "item_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(sa.ForeignKey("response.id", ondelete="CASCADE"))
    session_id: Mapped[int] = mapped_column(
        sa.ForeignKey("survey_session.id", ondelete="CASCADE"), index=True
    )
    phase: Mapped[str] = mapped_column(sa.String(10))
    item_id: Mapped[str] = mapped_column(sa.String(64))
    text: Mapped[str] = mapped_column(sa.Text)
    terms: Mapped[list] = mapped_column(sa.JSON)  # the listed terms found, as written in the list
    categories: Mapped[list] = mapped_column(sa.JSON)  # their categories, each once
    status: Mapped[str] = mapped_column(sa.String(20), default="open", index=True)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    reviewed_at: Mapped[datetime | None]
    created_on: Mapped[date] = mapped_column(default=lambda: utcnow().date())

    session: Mapped[SurveySession] = relationship()
    reviewed_by: Mapped[User | None] = relationship()


class SafeguardingScan(db.Model):
    """A response whose free text `flask safeguarding scan` has checked, so that the daily scan
    reads only what is new. The pupil's request checks answers too but writes no row here (it
    stays one insert); the scan checks those again, and a concern exists once per answer."""

    __tablename__ = "safeguarding_scan"
    response_id: Mapped[int] = mapped_column(
        sa.ForeignKey("response.id", ondelete="CASCADE"), primary_key=True
    )
    scanned_on: Mapped[date] = mapped_column(default=lambda: utcnow().date())


class ApiToken(db.Model):
    """A bearer token for the read-only API (ADR 0033): only the SHA-256 of the secret is kept,
    so the secret is shown once, when it is made. Revoked tokens are kept, for the audit log."""

    __tablename__ = "api_token"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(80))
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    # Who made it (None: the command line, without --by), and their email as it was then.
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("staff_user.id"))
    created_by: Mapped[str] = mapped_column(sa.String(254), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)

    @property
    def active(self) -> bool:
        return self.revoked_at is None
