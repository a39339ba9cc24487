"""Which organisations a safeguarding lead looks after.

A lead with organisations sees the concerns of those; a safeguarding account with none is the
council's designated officer, who sees the concerns of every organisation without a lead of its
own (safeguarding/scope.py). Only safeguarding accounts have organisations.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import Organisation, User
from .roles import SAFEGUARDING

MAX_NAME_LENGTH = 200


class ScopeError(ValueError):
    """A user-facing reason the organisations could not be set."""


def organisations_named(names: Iterable[str]) -> tuple[list[Organisation], list[str]]:
    """The organisations with these names, ignoring case (as sessions name them), and the names
    that were new: an organisation can have its lead before its first session."""
    found: list[Organisation] = []
    added: list[str] = []
    for raw in names:
        name = raw.strip()
        if not name or len(name) > MAX_NAME_LENGTH:
            raise ScopeError(f"an organisation's name must be 1 to {MAX_NAME_LENGTH} characters")
        row = db.session.scalar(
            sa.select(Organisation)
            .where(sa.func.lower(Organisation.name) == name.lower())
            .order_by(Organisation.id)
        )
        if row is None:
            row = Organisation(name=name)
            db.session.add(row)
            added.append(name)
        if row not in found:
            found.append(row)
    return found, added


def set_organisations(
    user: User, organisations: list[Organisation], *, commit: bool = True
) -> None:
    """Replace a safeguarding account's organisations, audited (an empty list makes the account
    the designated officer)."""
    if user.role != SAFEGUARDING and organisations:
        raise ScopeError("only safeguarding accounts look after organisations")
    user.organisations = list(organisations)
    audit.record("user.organisations", target=user.email, commit=False,
                 organisations=[o.name for o in organisations])  # fmt: skip
    if commit:
        db.session.commit()
