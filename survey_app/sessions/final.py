"""When a session's results are final: no answer can arrive any more.

A session's own results are shown to its facilitator only then (issue 14 item 7). Results
that changed while answers were still coming in would let one pupil's answers be read off the
difference between two looks at the page, however large the group; so they wait until every
phase has closed and the late-answer grace (`LATE_ANSWER_GRACE`, ADR 0028) after the last close
has passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from ..models import SessionLink
from .schedule import closed_moment, now
from .service import state_of


def final_from(links: Iterable[SessionLink], grace: timedelta) -> datetime | None:
    """When no more answers can arrive (naive UTC), or None while any phase is not closed."""
    closes = []
    for link in links:
        if state_of(link) != "closed":
            return None
        closes.append(closed_moment(link.state, link.closed_at, link.closes_at, now()))
    return max(closes) + grace if closes else None


def is_final(links: Iterable[SessionLink], grace: timedelta) -> bool:
    at = final_from(links, grace)
    return at is not None and now() >= at
