"""Links a worker looked up in the last few seconds, so a year group scanning one QR code does
not ask the database the same question hundreds of times a minute.

A cached link is at most LINK_CACHE_SECONDS old. A change made through this app (opening or
closing a phase, editing a session) empties the cache of the process that made it at once;
other worker processes see it when their entry expires. See docs/decisions/0006.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Generic, TypeVar

from flask import Flask, current_app, has_app_context
from sqlalchemy import event

Value = TypeVar("Value")
MAX_ENTRIES = 4096  # tokens asked for within a few seconds; a flood of made-up ones is not kept
EXTENSION_KEY = "respond_link_cache"


class LinkCache(Generic[Value]):
    """A tiny time-limited map from token to value. Thread-safe under the GIL: each step is
    one dict operation, and a lost race only means one extra database read."""

    def __init__(self, seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.seconds = seconds
        self.clock = clock
        self._entries: dict[str, tuple[float, Value]] = {}

    def get(self, token: str, load: Callable[[str], Value | None]) -> Value | None:
        """The cached value, or `load(token)` (kept when it is not None)."""
        if self.seconds <= 0:
            return load(token)
        now = self.clock()
        entry = self._entries.get(token)
        if entry is not None and entry[0] > now:
            return entry[1]
        value = load(token)
        if value is not None:  # unknown tokens are not kept: typos and guesses stay cheap to hold
            if len(self._entries) >= MAX_ENTRIES:
                self._entries.clear()
            self._entries[token] = (now + self.seconds, value)
        return value

    def clear(self) -> None:
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
