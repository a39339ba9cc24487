"""What the read-only API returns (ADR 0033): the dashboard's own report, as plain objects.

Nothing here computes or suppresses anything: comparison rows are the disclosed frame that
`scoring.compare` returned (checked again by `check_disclosed`), and a session's counts are
shown only where `SessionRow.counts_shown` lets the dashboard show them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..scoring.disclosure import check_disclosed
from .compare_cli import records
from .service import Report, SessionRow
from .wording import fewer_than

MAX_PER_PAGE = 1000
DEFAULT_PER_PAGE = 100


@dataclass(frozen=True)
class Page:
    """Which slice of the rows a request asked for (1-based page)."""

    page: int = 1
    per_page: int = DEFAULT_PER_PAGE

    def slice(self, rows: list[Any]) -> tuple[list[Any], bool]:
        """The rows of this page, and whether there is a next one."""
        start = (self.page - 1) * self.per_page
        return rows[start : start + self.per_page], start + self.per_page < len(rows)


def comparison_rows(report: Report) -> list[dict[str, Any]]:
    """Every comparison row the dashboard's report holds, suppressed rows with their reason."""
    frame = report.data.comparison
    check_disclosed(frame)
    rows = records(frame)
    for row in rows:
        if isinstance(row.get("versions"), tuple):
            row["versions"] = list(row["versions"])
    return rows


def count_rows(report: Report, min_base: int) -> list[dict[str, Any]]:
    """Responses per session and phase, as the dashboard's table shows them."""
    return [_counts(row, min_base) for row in report.sessions]


def _counts(row: SessionRow, min_base: int) -> dict[str, Any]:
    shown = row.counts_shown(min_base)
    reason = None if shown else f"{fewer_than(min_base)} in a phase"
    if not shown and row.is_single:
        reason = fewer_than(min_base)

    def number(value: Any) -> Any:
        return value if shown else None

    return {
        "session_id": row.session_id,
        "organisation": row.organisation,
        "session_date": str(row.session_date)[:10] if row.session_date else None,
        "group_label": row.group_label or None,
        "one_off": row.is_single,
        "suppressed": not shown,
        "reason": reason,
        "n_pre": None if row.is_single else number(row.pre),
        "n_post": None if row.is_single else number(row.post),
        "n_pairs": None if row.is_single else number(row.matched),
        "match_rate": None if row.is_single else number(row.match_rate),
        "n_single": number(row.single) if row.is_single else None,
    }
