"""Each paper-response file is imported once: its content hash is stored with its responses.

Two uploads of one file at the same moment both pass the check for an earlier import; the
unique constraint on `paper_import.content_hash` then lets one transaction commit and makes the
other fail, and that one is reported as imported before, with nothing of it stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from .. import audit
from ..extensions import db
from ..models import PaperImport, Response
from ..sessions.schedule import now


def first_import(content_hash: str) -> PaperImport | None:
    """The earlier import of the same content, if there is one."""
    return db.session.scalar(sa.select(PaperImport).filter_by(content_hash=content_hash))


def imported_before(earlier: PaperImport) -> str:
    """The refusal of a file whose content was imported already: when, and how much."""
    when = f"{earlier.imported_at:%-d %B %Y at %H:%M} UTC"
    return (f"1:1: this file was imported already, on {when} ({earlier.response_count} "
            "responses); nothing was imported again")  # fmt: skip


def store_once(
    content_hash: str, responses: list[Response], sessions: list[int]
) -> PaperImport | None:
    """Store the responses, the file's hash and the audit entry in one transaction. None when
    stored; the earlier import when another upload of the same content committed first."""
    record = PaperImport(
        content_hash=content_hash, imported_at=now(), response_count=len(responses)
    )
    db.session.add(record)
    db.session.add_all(responses)
    entry = audit.record("import", commit=False, rows=len(responses), sessions=sessions)
    record.user_id = entry.user_id  # the same actor as the audit entry
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        earlier = first_import(content_hash)
        if earlier is None:  # some other constraint: not ours to explain
            raise
        return earlier
    except Exception:
        db.session.rollback()
        raise
    return None
