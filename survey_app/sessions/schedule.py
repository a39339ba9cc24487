"""When a phase is open: the facilitator's switch, and its opening and closing times.

A phase starts "pending" (its link shows "not open yet"). It is open when the facilitator opens
it, or once its opening time has passed; it is closed when the facilitator closes it, or once its
closing time has passed, whichever comes first. Times are stored as naive UTC like every other
timestamp; a time typed without an offset is read in the TIMEZONE setting (default
Europe/London), so "09:00" means nine o'clock at the school, in summer and in winter.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import current_app, has_app_context

from ..models import utcnow

CLOCK_KEY = "CLOCK"  # app.config[CLOCK_KEY]: a callable giving naive UTC now; tests inject one


class ScheduleError(ValueError):
    """A time a person typed that cannot be read, said the way they understand."""


def now() -> datetime:
    """Naive UTC now, from the app's injected clock when there is one (tests move it)."""
    clock: Callable[[], datetime] | None = (
        current_app.config.get(CLOCK_KEY) if has_app_context() else None
    )
    return clock() if clock else utcnow()


def phase_state(
    state: str, opens_at: datetime | None, closes_at: datetime | None, at: datetime
) -> str:
    """pending, open or closed at `at`: a switch the facilitator turned, then the schedule."""
    if state == "closed" or (closes_at is not None and at >= closes_at):
        return "closed"
    if state == "open" or (opens_at is not None and at >= opens_at):
        return "open"
    return "pending"


def closed_moment(
    state: str, closed_at: datetime | None, closes_at: datetime | None, at: datetime
) -> datetime:
    """When a phase that is closed at `at` closed: by hand or at its closing time, whichever
    came first; the far past when no time was kept (no late answer can be late enough)."""
    moments = [closed_at if state == "closed" else None]
    moments.append(closes_at if closes_at and closes_at <= at else None)
    known = [moment for moment in moments if moment is not None]
    return min(known) if known else datetime.min


def parse_when(text: str, timezone: str) -> datetime:
    """An ISO date-time as naive UTC; without an offset it is local time in `timezone`."""
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ScheduleError(
            f"'{text}' is not a date and time: use e.g. 2026-03-14T09:00 (or with +01:00)"
        ) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=zone(timezone))
    return when.astimezone(UTC).replace(tzinfo=None)


def local_text(when: datetime | None, timezone: str) -> str | None:
    """A stored naive UTC time as ISO text in `timezone`, with its offset; None stays None."""
    if when is None:
        return None
    return when.replace(tzinfo=UTC).astimezone(zone(timezone)).isoformat(timespec="minutes")


def zone(name: str) -> ZoneInfo:
    """The time zone called `name`, or ScheduleError naming the setting."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ScheduleError(f"TIMEZONE '{name}' is not a known time zone") from None
