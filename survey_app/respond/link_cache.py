"""Links a worker looked up in the last few seconds, so a year group scanning one QR code does
not ask the database the same question hundreds of times a minute.

A cached link is at most LINK_CACHE_SECONDS old. A change made through this app (opening or
closing a phase, editing a session) empties the cache of the process that made it at once;
other worker processes see it when their entry expires. See docs/decisions/0006.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from cachetools import TTLCache
from flask import Flask, current_app, has_app_context
from sqlalchemy import event

Value = TypeVar("Value")
MAX_ENTRIES = 4096  # tokens asked for within a few seconds; a flood of made-up ones is not kept
EXTENSION_KEY = "respond_link_cache"


class LinkCache(Generic[Value]):
    """cachetools' TTLCache from token to value, behind a lock (cachetools is not thread-safe);
    the least recently used link goes first when it is full."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock  # read through a lambda, so a test can move the time afterwards
        ttl = max(seconds, 0)
        self._entries: TTLCache[str, Value] = TTLCache(MAX_ENTRIES, ttl, timer=lambda: self.clock())
        self._lock = threading.Lock()

    def get(self, token: str, load: Callable[[str], Value | None]) -> Value | None:
        """The cached value, or `load(token)` (kept when it is not None)."""
        if self.seconds <= 0:
            return load(token)
        with self._lock:
            value = self._entries.get(token)
        if value is not None:
            return value
        value = load(token)  # outside the lock: a lost race only costs one more read
        if value is not None:  # unknown tokens are not kept: typos and guesses stay cheap to hold
            with self._lock:
                self._entries[token] = value
        return value

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


def init_link_cache(app: Flask) -> None:
    app.extensions[EXTENSION_KEY] = LinkCache(float(app.config.get("LINK_CACHE_SECONDS", 0)))


def link_cache() -> LinkCache:
    return current_app.extensions[EXTENSION_KEY]


def forget_links_on_change(*models: type) -> None:
    """Empty this process's cache whenever a row of these models is updated or deleted."""

    def forget(_mapper, _connection, _target) -> None:
        if has_app_context() and EXTENSION_KEY in current_app.extensions:
            link_cache().clear()

    for model in models:
        event.listen(model, "after_update", forget)
        event.listen(model, "after_delete", forget)
