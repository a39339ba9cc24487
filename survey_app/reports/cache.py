"""A few recent reports kept per app process, so a dashboard and its chart images (one request
each) compare the data once rather than once per picture.

An entry is used only while the responses it was built from are unchanged (same count and
newest id for its questionnaire) and for at most `MAX_AGE` seconds, so a renamed school or a
deleted response shows within a minute at worst. Nothing here is shared between processes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any

import sqlalchemy as sa
from cachetools import TTLCache
from flask import Flask

from ..extensions import db
from ..models import Response

SIZE = 4
MAX_AGE = 60.0
KEY = "report_cache"


def fingerprint(questionnaire_id: str | None) -> tuple[int, int]:
    """How many responses there are and the newest id: changes when any is added or removed."""
    query = sa.select(sa.func.count(Response.id), sa.func.max(Response.id))
    if questionnaire_id:
        query = query.where(Response.questionnaire_id == questionnaire_id)
    count, newest = db.session.execute(query).one()
    return int(count), int(newest or 0)


def cached(app: Flask, key: Hashable, build: Callable[[], Any]) -> Any:
    """The value for `key` if built within MAX_AGE seconds, else `build()` (and keep it)."""
    store: ReportCache = app.extensions.setdefault(KEY, ReportCache())
    return store.get(key, build)


class ReportCache:
    """cachetools' TTLCache of the SIZE most recently used reports, behind a lock (cachetools is
    not thread-safe). `clock` is injected by tests; it must only ever go forwards."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._items: TTLCache[Hashable, Any] = TTLCache(SIZE, MAX_AGE, timer=clock)
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], Any]) -> Any:
        """The value kept for `key` if younger than MAX_AGE, else `build()`, then kept."""
        with self._lock:
            if key in self._items:
                return self._items[key]
        value = build()  # outside the lock: two requests may build at once, both correct
        with self._lock:
            self._items[key] = value
        return value
