"""Reading the audit log: one query for the admin page, its CSV download and `audit list`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date, datetime, time

import sqlalchemy as sa

from ..extensions import db
from ..models import AuditEntry

COLUMNS = ("at", "actor", "action", "target", "details")


def entries(
    *,
    since: date | None = None,
    until: date | None = None,
    action: str = "",
    actor: str = "",
    limit: int | None = None,
) -> list[AuditEntry]:
    """Entries, newest first. `action` matches a whole action or its group ("user" matches
    "user.create"); `actor` is part of an email address."""
    query = sa.select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
    if since:
        query = query.where(AuditEntry.at >= datetime.combine(since, time.min))
    if until:
        query = query.where(AuditEntry.at <= datetime.combine(until, time.max))
    if action:
        query = query.where(
            sa.or_(AuditEntry.action == action, AuditEntry.action.startswith(f"{action}."))
        )
    if actor:
        query = query.where(AuditEntry.actor.contains(actor.strip().lower(), autoescape=True))
    return list(db.session.scalars(query.limit(limit)))


def as_dict(entry: AuditEntry) -> dict:
    """One entry as plain values, for JSON and CSV."""
    return {
        "at": entry.at.isoformat(timespec="seconds"),
        "actor": entry.actor or "(command line)",
        "action": entry.action,
        "target": entry.target,
        "details": entry.details or {},
    }


def to_csv(rows: Iterable[AuditEntry]) -> str:
    """The entries as CSV; details as a JSON cell. Cells starting like a formula are quoted with
    a leading apostrophe so a spreadsheet shows them rather than runs them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in rows:
        row = as_dict(entry)
        row["details"] = json.dumps(row["details"], ensure_ascii=False, sort_keys=True)
        writer.writerow(_inert(str(row[c])) for c in COLUMNS)
    return out.getvalue()


def _inert(cell: str) -> str:
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
