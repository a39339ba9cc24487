"""Which answers are under an open concern: for withholding their text from exports and packs
until a lead has reviewed them (issue 16 item 6)."""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from ..extensions import db
from ..models import Concern

OPEN = "open"


def open_concern_answers(session_ids: Iterable[int]) -> set[tuple[int, str]]:
    """(response id, item id) of every answer in these sessions with an open concern."""
    ids = list(session_ids)
    if not ids:
        return set()
    query = sa.select(Concern.response_id, Concern.item_id).where(
        Concern.session_id.in_(ids), Concern.status == OPEN
    )
    return {(response_id, item_id) for response_id, item_id in db.session.execute(query)}
