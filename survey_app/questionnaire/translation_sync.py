"""Keeping the database's record of translation revisions true to the files.

A translation revision is in use once a response answered in it is stored: from then on its
wording is frozen like a version's, and a change must come as the next `revision`.
"""

from __future__ import annotations

import sqlalchemy as sa

from ..extensions import db
from ..models import Response, TranslationRevision
from .registry import Registry


def translation_problems(registry: Registry, folder_name: str = "questionnaires") -> list[str]:
    """One line per translation revision in use whose wording changed; [] when all is well."""
    problems = []
    for row in _rows_in_use():
        try:
            current = registry.get(row.questionnaire_id, row.version).translations.get(row.language)
        except KeyError:
            continue  # a missing version is reported by the version check
        if (
            current
            and current.revision == row.revision
            and current.content_hash != row.content_hash
        ):
            path = f"{folder_name}/{row.questionnaire_id}/{current.file}"
            problems.append(
                f"{path}:1: revision {row.revision} of the '{row.language}' translation has "
                f"answers and cannot change; restore it, or put the new wording under "
                f"revision: {row.revision + 1}"
            )
    return problems


def record_translations(registry: Registry, questionnaire_id: str | None = None) -> list[str]:
    """Record each translation revision's hash (one questionnaire, or all); the new ones' names.

    Call only after `translation_problems` found nothing: a changed revision not yet in use
    simply gets its new hash.
    """
    known = {
        (r.questionnaire_id, r.version, r.language, r.revision): r
        for r in db.session.scalars(sa.select(TranslationRevision))
    }
    added = []
    for q in registry:
        if questionnaire_id not in (None, q.id):
            continue
        for t in q.translations.values():
            row = known.get((q.id, q.version, t.language, t.revision))
            if row is None:
                db.session.add(
                    TranslationRevision(
                        questionnaire_id=q.id, version=q.version, language=t.language,
                        revision=t.revision, content_hash=t.content_hash,
                    )
                )  # fmt: skip
                added.append(f"{q.id} v{q.version} {t.language} revision {t.revision}")
            else:
                row.content_hash = t.content_hash
    return added


def _rows_in_use() -> list[TranslationRevision]:
    answered = sa.exists().where(
        Response.questionnaire_id == TranslationRevision.questionnaire_id,
        Response.questionnaire_version == TranslationRevision.version,
        Response.language == TranslationRevision.language,
        Response.wording_revision == TranslationRevision.revision,
    )
    return list(db.session.scalars(sa.select(TranslationRevision).where(answered)))


def revision_in_use(questionnaire_id: str, version: int, language: str, revision: int) -> bool:
    """Whether a response answered in this revision of a translation is stored."""
    query = (
        sa.select(sa.func.count())
        .select_from(Response)
        .filter_by(
            questionnaire_id=questionnaire_id,
            questionnaire_version=version,
            language=language,
            wording_revision=revision,
        )
    )
    return bool(db.session.scalar(query))
