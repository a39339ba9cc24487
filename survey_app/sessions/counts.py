"""How many responses each session has per phase, and how many PRE/POST pairs they make.

Counts only, never answers: the one query reads ids and matching keys, not the answers column.
A whole list page costs one query, however many sessions are on it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from ..extensions import db
from ..models import Response
from ..scoring.matching import match_pairs

MATCH_COLUMNS = ["response_id", "session_id", "phase", "respondent_key", "match_code"]


@dataclass(frozen=True)
class SessionCounts:
    """Responses per phase and matched PRE/POST pairs for one session."""

    pre: int = 0
    post: int = 0
    single: int = 0
    matched: int = 0

    @property
    def total(self) -> int:
        return self.pre + self.post + self.single


def session_counts(session_ids: Iterable[int]) -> dict[int, SessionCounts]:
    """Counts for each of these sessions (zeros for one without responses), in one query."""
    ids = sorted(set(session_ids))
    if not ids:
        return {}
    return counts_from_frame(_matching_frame(ids), ids)


def counts_from_frame(frame: pd.DataFrame, session_ids: Iterable[int]) -> dict[int, SessionCounts]:
    """Counts from a frame with MATCH_COLUMNS; pure, so it is tested without a database."""
    per_phase = frame.groupby(["session_id", "phase"]).size()
    pairs = match_pairs(frame) if len(frame) else pd.DataFrame(columns=["session_id"])
    matched = pairs.groupby("session_id").size()
    return {
        session_id: SessionCounts(
            pre=int(per_phase.get((session_id, "pre"), 0)),
            post=int(per_phase.get((session_id, "post"), 0)),
            single=int(per_phase.get((session_id, "single"), 0)),
            matched=int(matched.get(session_id, 0)),
        )
        for session_id in session_ids
    }


def _matching_frame(session_ids: list[int]) -> pd.DataFrame:
    query = sa.select(
        Response.id.label("response_id"),
        Response.session_id,
        Response.phase,
        Response.respondent_key,
        Response.match_code,
    ).where(Response.session_id.in_(session_ids))
    rows = db.session.execute(query).all()
    return pd.DataFrame([tuple(row) for row in rows], columns=MATCH_COLUMNS)
