"""Keeping the database's record of questionnaire versions true to the files.

A version that any session uses is frozen: its answers are only comparable if its wording never
changes. A changed file under a frozen version is refused, and the database is left as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from ..extensions import db
from ..models import QuestionnaireVersion, SurveySession
from .registry import Registry
from .schema import Questionnaire
from .translation_sync import record_translations, translation_problems


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    translations_added: list[str] = field(default_factory=list)


def frozen_problems(registry: Registry, folder_name: str = "questionnaires") -> list[str]:
    """One line per frozen version whose file changed or went missing; [] when all is well."""
    problems = []
    for row in _frozen_rows():
        path = f"{folder_name}/{row.questionnaire_id}/v{row.version}.yaml"
        try:
            current = registry.get(row.questionnaire_id, row.version)
        except KeyError:
            problems.append(
                f"{path}:1: version {row.version} is used by sessions but its file "
                "is missing; restore it"
            )
            continue
        if current.content_hash != row.content_hash:
            problems.append(
                f"{path}:1: version {row.version} is used by sessions and cannot change; "
                f"restore it and put the change in a new file v{row.version + 1}.yaml"
            )
    return problems + translation_problems(registry, folder_name)


def sync(registry: Registry, folder_name: str = "questionnaires") -> SyncReport:
    """Record every loaded version; refuse (ValueError, nothing written) if a frozen one changed."""
    problems = frozen_problems(registry, folder_name)
    if problems:
        raise ValueError("\n".join(problems))
    report = SyncReport()
    rows = {
        (r.questionnaire_id, r.version): r
        for r in db.session.scalars(sa.select(QuestionnaireVersion))
    }
    for q in registry:
        label = f"{q.id} v{q.version}"
        row = rows.get((q.id, q.version))
        if row is None:
            db.session.add(_new_row(q))
            report.added.append(label)
        elif row.content_hash != q.content_hash:
            row.content_hash, row.title = q.content_hash, _title(q)
            report.updated.append(label)
        else:
            report.unchanged.append(label)
    report.translations_added = record_translations(registry)
    db.session.commit()
    return report


def version_row(q: Questionnaire) -> QuestionnaireVersion:
    """The database row for a version, added if new; used when a session pins it."""
    row = db.session.scalar(
        sa.select(QuestionnaireVersion).filter_by(questionnaire_id=q.id, version=q.version)
    )
    if row is None:
        row = _new_row(q)
        db.session.add(row)
        db.session.flush()
    elif row.content_hash != q.content_hash and not _is_frozen(row):
        row.content_hash = q.content_hash
    record_translations(Registry([q]))
    return row


def _frozen_rows() -> list[QuestionnaireVersion]:
    used = sa.select(SurveySession.questionnaire_version_id)
    return list(
        db.session.scalars(sa.select(QuestionnaireVersion).where(QuestionnaireVersion.id.in_(used)))
    )


def _is_frozen(row: QuestionnaireVersion) -> bool:
    uses = sa.select(sa.func.count()).select_from(SurveySession)
    return bool(db.session.scalar(uses.filter_by(questionnaire_version_id=row.id)))


def _new_row(q: Questionnaire) -> QuestionnaireVersion:
    return QuestionnaireVersion(
        questionnaire_id=q.id, version=q.version, content_hash=q.content_hash, title=_title(q)
    )


def _title(q: Questionnaire) -> str:
    return q.title[q.languages[0]][:200]
