"""Retention: what is past its period on a date, and deleting it (`flask data purge`).

- Responses: a session's responses are kept `retention_days` after the session's date (a key of
  its questionnaire version; the RETENTION_DAYS setting when the version has none). A session is
  the unit, so a BEFORE and its AFTER go together. The session itself (school, date, group) holds
  nothing about a pupil and is kept, as is the content hash of each paper import (so purged
  forms cannot be imported again by accident).
- Download records (audit entries with the action `download`): DOWNLOAD_LOG_RETENTION_DAYS.
- Every other audit entry: AUDIT_RETENTION_DAYS.
The purge records itself in the audit log, in the same transaction as its deletions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import AuditEntry, Organisation, QuestionnaireVersion, Response, SurveySession
from ..questionnaire.registry import Registry


@dataclass(frozen=True)
class DueSession:
    """A session whose responses are past their retention period."""

    session_id: int
    organisation: str
    session_date: date
    questionnaire: str  # "id vN"
    kept_days: int
    responses: int


@dataclass(frozen=True)
class PurgePlan:
    """Everything a purge on `as_of` deletes, counted before it does."""

    as_of: date
    sessions: tuple[DueSession, ...]
    audit_before: datetime
    audit_entries: int
    downloads_before: datetime
    downloads: int

    @property
    def responses(self) -> int:
        return sum(s.responses for s in self.sessions)

    @property
    def empty(self) -> bool:
        return not (self.responses or self.audit_entries or self.downloads)


@dataclass(frozen=True)
class Periods:
    """The retention settings, in days."""

    responses: int
    audit: int
    downloads: int

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Periods:
        return cls(
            int(config["RETENTION_DAYS"]),
            int(config["AUDIT_RETENTION_DAYS"]),
            int(config["DOWNLOAD_LOG_RETENTION_DAYS"]),
        )


def plan_purge(registry: Registry, as_of: date, periods: Periods) -> PurgePlan:
    """What a purge on `as_of` would delete; changes nothing."""
    audit_before = _midnight(as_of - timedelta(days=periods.audit))
    downloads_before = _midnight(as_of - timedelta(days=periods.downloads))
    return PurgePlan(
        as_of=as_of,
        sessions=tuple(_due_sessions(registry, as_of, periods.responses)),
        audit_before=audit_before,
        audit_entries=_count(_old_audit(audit_before)),
        downloads_before=downloads_before,
        downloads=_count(_old_downloads(downloads_before)),
    )


def carry_out(plan: PurgePlan) -> dict[str, int]:
    """Delete what the plan lists, and record the purge, in one transaction; the counts deleted
    (a response that arrived since the plan, in a session past its period, goes too)."""
    session_ids = [s.session_id for s in plan.sessions]
    responses = sa.delete(Response).where(Response.session_id.in_(session_ids))
    deleted = {
        "responses": _delete(responses) if session_ids else 0,
        "audit_entries": _delete(sa.delete(AuditEntry).where(_old_audit(plan.audit_before))),
        "downloads": _delete(sa.delete(AuditEntry).where(_old_downloads(plan.downloads_before))),
    }
    audit.record("purge", target=f"as of {plan.as_of.isoformat()}", commit=False,
                 sessions=session_ids, **deleted)  # fmt: skip
    db.session.commit()
    return deleted


def _due_sessions(registry: Registry, as_of: date, default_days: int) -> list[DueSession]:
    due: list[DueSession] = []
    for version in db.session.scalars(sa.select(QuestionnaireVersion)):
        days = _kept_days(registry, version, default_days)
        cutoff = as_of - timedelta(days=days)  # kept `days` after the date, then due
        rows = db.session.execute(
            sa.select(SurveySession.id, Organisation.name, SurveySession.session_date,
                      sa.func.count(Response.id))
            .join(Organisation, Organisation.id == SurveySession.organisation_id)
            .join(Response, Response.session_id == SurveySession.id)
            .where(SurveySession.questionnaire_version_id == version.id,
                   SurveySession.session_date <= cutoff)
            .group_by(SurveySession.id, Organisation.name, SurveySession.session_date)
        )  # fmt: skip
        label = f"{version.questionnaire_id} v{version.version}"
        due += [DueSession(sid, org, when, label, days, n) for sid, org, when, n in rows]
    return sorted(due, key=lambda s: (s.session_date, s.session_id))


def _kept_days(registry: Registry, version: QuestionnaireVersion, default_days: int) -> int:
    try:
        loaded = registry.get(version.questionnaire_id, version.version)
    except KeyError:  # start-up refuses a missing version a session uses; be safe anyway
        return default_days
    return loaded.retention_days or default_days


def _old_audit(before: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(AuditEntry.action != "download", AuditEntry.at < before)


def _old_downloads(before: datetime) -> sa.ColumnElement[bool]:
    return sa.and_(AuditEntry.action == "download", AuditEntry.at < before)


def _count(entries: sa.ColumnElement[bool]) -> int:
    return db.session.scalar(sa.select(sa.func.count(AuditEntry.id)).where(entries)) or 0


def _delete(statement: sa.Delete) -> int:
    result: Any = db.session.execute(statement)  # a CursorResult, which has the rowcount
    return int(result.rowcount or 0)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min)
