"""Finding the link a pupil opened, and what it leads to."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from ..extensions import db
from ..models import SessionLink, SurveySession
from ..questionnaire.registry import Registry
from ..questionnaire.schema import Questionnaire
from ..sessions.codes import normalise_code


@dataclass(frozen=True)
class Survey:
    """What one open link shows: the session's pinned questionnaire, in one phase and language."""

    link: SessionLink
    questionnaire: Questionnaire
    language: str

    @property
    def phase(self) -> str:
        return self.link.phase

    @property
    def shared_devices(self) -> bool:
        return self.link.session.shared_devices


def find_link(token: str) -> SessionLink | None:
    """The link with this token, its session and pinned version loaded in the same query."""
    return db.session.scalar(
        sa.select(SessionLink)
        .where(SessionLink.token == token)
        .options(joinedload(SessionLink.session).joinedload(SurveySession.questionnaire_version))
    )


def link_for_code(typed: str) -> SessionLink | None:
    """The link whose short code a person typed (any case, spaces and dashes ignored)."""
    code = normalise_code(typed)
    if not code:
        return None
    return db.session.scalar(sa.select(SessionLink).where(SessionLink.code == code))


def survey_for(link: SessionLink, registry: Registry, wanted_language: str | None) -> Survey:
    """The pinned questionnaire version of the link's session, in a language it declares."""
    pinned = link.session.questionnaire_version
    questionnaire = registry.get(pinned.questionnaire_id, pinned.version)
    languages = questionnaire.languages
    language = wanted_language if wanted_language in languages else languages[0]
    return Survey(link=link, questionnaire=questionnaire, language=language)
