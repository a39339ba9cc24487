"""One report from filters: load the responses, compare, and count per session.

Shared by the dashboard, the chart and download URLs and the commands, so each shows the same
numbers for the same filters. Every download is recorded with `log_download` (who, what, when,
which filters; never an answer).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import SurveySession, User
from ..questionnaire.registry import Registry
from ..questionnaire.schema import Questionnaire
from ..scoring.compare import DEFAULT_YEAR_START, SPLIT_RESPONSES, compare
from ..scoring.matching import match_pairs
from ..sessions.counts import counts_from_frame
from . import selection
from .figures import ReportData
from .filtering import ReportFilters, load_selected


@dataclass(frozen=True)
class SessionRow:
    """Responses per phase of one session and how many made matched pairs."""

    session_id: int
    organisation: str
    session_date: object
    group_label: str
    pre: int
    post: int
    matched: int
    single: int = 0  # one-off feedback forms have no before and after

    @property
    def is_single(self) -> bool:
        return self.pre == 0 and self.post == 0

    def counts_shown(self, min_base: int) -> bool:
        """Whether the session's counts may be shown (the dashboard and the API): every phase
        it has reaches `min_base`; otherwise "fewer than 10 in a phase" stands in their place."""
        if self.is_single:
            return self.single >= min_base
        return self.pre >= min_base and self.post >= min_base

    @property
    def match_rate(self) -> float | None:
        """Matched pairs as a share of the most pairs possible (the smaller phase count)."""
        possible = min(self.pre, self.post)
        return self.matched / possible if possible else None


@dataclass(frozen=True)
class Report:
    filters: ReportFilters
    data: ReportData
    sessions: list[SessionRow]


def versions_of(registry: Registry, questionnaire_id: str) -> list[Questionnaire]:
    return [q for q in registry if q.id == questionnaire_id]


def build_report(
    filters: ReportFilters,
    registry: Registry,
    min_base: int,
    year_start: tuple[int, int] = DEFAULT_YEAR_START,
) -> Report:
    """Responses for the filters (one query), their comparison, and the per-session counts."""
    if not filters.questionnaire:
        raise ValueError("choose a questionnaire")
    versions = versions_of(registry, filters.questionnaire)
    responses = load_selected(filters)
    pairs = match_pairs(responses) if len(responses) else None
    comparison = compare(
        responses, versions, by=filters.by, min_base=min_base, pairs=pairs, year_start=year_start
    )
    split = comparison.attrs.get(SPLIT_RESPONSES)
    if filters.priority:
        newest = max(versions, key=lambda q: q.version)
        keep = selection.priority_measures(newest, filters.priority)
        comparison = selection.keep_measures(comparison, keep)
    data = ReportData(responses, versions, comparison, filters.by, min_base, split, year_start)
    return Report(filters, data, session_rows(responses))


def session_rows(responses: pd.DataFrame) -> list[SessionRow]:
    """Counts per session, newest first, from the loaded frame plus one small label query."""
    if responses.empty:
        return []
    ids = sorted({int(i) for i in responses["session_id"]})
    counts = counts_from_frame(responses, ids)
    sessions = db.session.execute(
        sa.select(SurveySession.id, SurveySession.group_label).where(SurveySession.id.in_(ids))
    ).all()
    labels = dict(sessions)
    first = responses.drop_duplicates("session_id").set_index("session_id")
    rows = [
        SessionRow(i, str(first.at[i, "organisation"]), first.at[i, "session_date"],
                   labels.get(i, "") or "", counts[i].pre, counts[i].post, counts[i].matched,
                   counts[i].single)
        for i in ids
    ]  # fmt: skip
    return sorted(rows, key=lambda r: (r.session_date, r.session_id), reverse=True)


def log_download(what: str, filters: dict[str, str], user_id: int | None) -> None:
    """Record a download in the audit log: who (None from the command line), what, and the
    filters used."""
    user = db.session.get(User, user_id) if user_id is not None else None
    audit.record("download", target=what, user=user, filters=filters)
