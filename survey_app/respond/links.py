"""Finding the link a pupil opened, and what it leads to.

This runs on every pupil request, so it reads the few columns it needs in one Core query into
a small frozen record, rather than loading three ORM objects, and keeps the record for a few
seconds (link_cache.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from ..extensions import db
from ..models import QuestionnaireVersion, SessionLink, SurveySession
from ..questionnaire.registry import Registry
from ..questionnaire.schema import Questionnaire
from ..sessions.codes import normalise_code
from ..sessions.schedule import closed_moment, now, phase_state
from .language import choose_language
from .link_cache import forget_links_on_change, link_cache


@dataclass(frozen=True)
class OpenedLink:
    """What a respondent route needs to know about a link and its session."""

    token: str
    phase: str
    state: str
    session_id: int
    shared_devices: bool
    questionnaire_id: str
    questionnaire_version: int
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    closed_at: datetime | None = None  # when the facilitator last closed it by hand

    def closed_since(self) -> datetime | None:
        """When this phase closed, if it is closed now: by hand or by its closing time,
        whichever came first; None while it is open or not open yet."""
        if self.state_now() != "closed":
            return None
        return closed_moment(self.state, self.closed_at, self.closes_at, now())

    def state_now(self) -> str:
        """pending, open or closed at this moment (the cached record outlives a schedule's
        opening time, so the state is worked out per request, never cached)."""
        if self.closes_at is None and (self.state != "pending" or self.opens_at is None):
            return self.state  # the switch alone decides: no clock to read
        return phase_state(self.state, self.opens_at, self.closes_at, now())


@dataclass(frozen=True)
class Survey:
    """What one open link shows: the session's pinned questionnaire, in one phase and language."""

    link: OpenedLink
    questionnaire: Questionnaire
    language: str

    @property
    def phase(self) -> str:
        return self.link.phase

    @property
    def shared_devices(self) -> bool:
        return self.link.shared_devices


_FIND_LINK = (
    sa.select(
        SessionLink.token,
        SessionLink.phase,
        SessionLink.state,
        SessionLink.session_id,
        SurveySession.shared_devices,
        QuestionnaireVersion.questionnaire_id,
        QuestionnaireVersion.version,
        SessionLink.opens_at,
        SessionLink.closes_at,
        SessionLink.closed_at,
    )
    .join(SurveySession, SessionLink.session_id == SurveySession.id)
    .join(QuestionnaireVersion, SurveySession.questionnaire_version_id == QuestionnaireVersion.id)
)


_FIND_BY_TOKEN = _FIND_LINK.where(SessionLink.token == sa.bindparam("token"))


forget_links_on_change(SessionLink, SurveySession)


def find_link(token: str) -> OpenedLink | None:
    """The link with this token and its session's pinned version, or None."""
    return link_cache().get(token, _read_link)


def _read_link(token: str) -> OpenedLink | None:
    # One prepared statement on the session's connection: no ORM machinery for plain columns.
    row = db.session.connection().execute(_FIND_BY_TOKEN, {"token": token}).first()
    return OpenedLink(*tuple(row)) if row else None  # ten columns: past select()'s typed forms


def link_for_code(typed: str) -> SessionLink | None:
    """The link whose short code a person typed (any case, spaces and dashes ignored)."""
    code = normalise_code(typed)
    if not code:
        return None
    return db.session.scalar(sa.select(SessionLink).where(SessionLink.code == code))


def survey_for(
    link: OpenedLink, registry: Registry, wanted_language: str | None, accept_language: str = ""
) -> Survey:
    """The pinned questionnaire version of the link's session, in a language it declares: the
    one the link asks for, else the browser's choice among them, else the first (language.py)."""
    questionnaire = registry.get(link.questionnaire_id, link.questionnaire_version)
    language = choose_language(wanted_language, accept_language, questionnaire.languages)
    return Survey(link=link, questionnaire=questionnaire, language=language)
