"""The time as sign-in sees it: the app's injected clock when there is one, as in
sessions/schedule.py (the same `CLOCK` setting, so a test moves both with one clock)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from flask import current_app, has_app_context

from ..models import utcnow

CLOCK_KEY = "CLOCK"  # app.config[CLOCK_KEY]: a callable giving naive UTC now; tests inject one


def now_seconds() -> int:
    """Whole seconds since the epoch: small enough to carry in the session cookie."""
    clock: Callable[[], datetime] | None = (
        current_app.config.get(CLOCK_KEY) if has_app_context() else None
    )
    moment = clock() if clock else utcnow()
    return int(moment.replace(tzinfo=UTC).timestamp())
