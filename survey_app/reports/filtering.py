"""What an officer chose to look at, and the one query that loads it.

The same `ReportFilters` serve the dashboard, the chart and download URLs, the pack and export
commands, and the download log (which records the filters, never an answer).

Every filter that selects responses is an attribute of a *session* (its questionnaire,
organisation, programme, date), so a filter selects whole sessions or none: that is half of
the disclosure control against differencing (ADR 0029; the other half is
`scoring.countable`). A filter on anything a session's responses differ in (their language,
an answer) would break it; `SESSION_FILTERS` names the fields allowed, and a test holds
`ReportFilters` to them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

import pandas as pd
import sqlalchemy as sa

from ..extensions import db
from ..models import Organisation, Programme, SurveySession
from ..scoring.compare import check_grouping
from .data import fetch_rows, responses_frame, responses_query

# What each field of ReportFilters is: a session's attribute, the measures kept, or the grouping.
SESSION_FILTERS = ("questionnaire", "organisation", "programme", "date_from", "date_to")
MEASURE_FILTERS = ("priority",)
GROUPING = ("by",)


@dataclass(frozen=True)
class ReportFilters:
    """A questionnaire id (required for comparisons: ids are never pooled) and optional limits."""

    questionnaire: str | None = None
    organisation: str | None = None
    programme: str | None = None
    priority: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    by: str = "organisation"

    def __post_init__(self) -> None:
        check_grouping(self.by)

    def selects_session(self, organisation: str, programme: str | None, day: date | None) -> bool:
        """Whether these filters select a session (all its responses): what `load_selected`
        asks of the database, for one session (tests of ADR 0029 enumerate it)."""
        return (
            (not self.organisation or organisation == self.organisation)
            and (not self.programme or programme == self.programme)
            and (not self.date_from or (day is not None and day >= self.date_from))
            and (not self.date_to or (day is not None and day <= self.date_to))
        )

    def as_log(self) -> dict[str, str]:
        """The filters as plain strings, for the download log and for URLs."""
        return {k: v.isoformat() if isinstance(v, date) else str(v)
                for k, v in asdict(self).items() if v not in (None, "")}  # fmt: skip


def load_selected(filters: ReportFilters) -> pd.DataFrame:
    """The responses the filters select, in one query (strategy priority selects measures,
    not responses, so it is applied to the comparison instead)."""
    query = responses_query(filters.questionnaire)
    if filters.organisation:
        query = query.where(Organisation.name == filters.organisation)
    if filters.programme:
        query = query.where(Programme.name == filters.programme)
    if filters.date_from:
        query = query.where(SurveySession.session_date >= filters.date_from)
    if filters.date_to:
        query = query.where(SurveySession.session_date <= filters.date_to)
    return responses_frame(fetch_rows(query))


def organisation_names() -> list[str]:
    return list(db.session.scalars(sa.select(Organisation.name).order_by(Organisation.name)))


def programme_names() -> list[str]:
    return list(db.session.scalars(sa.select(Programme.name).order_by(Programme.name)))
