"""Fixed-window counts kept in this process, for the pupil limits when there is no Redis.

What `limits`' MemoryStorage does, without its expiry timer: that storage starts a thread
10 ms after each increment, which on gunicorn's threaded workers cost a sixth of the pupils'
throughput (bench/throughput.py). Counts live in a cachetools TTLCache, so a window's count
disappears an hour after it was last touched (longer than any pupil window), and a flood of
new keys evicts the oldest rather than growing without bound.
"""

from __future__ import annotations

import threading
import time

from cachetools import TTLCache
from limits import RateLimitItem

LONGEST_WINDOW_SECONDS = 3600
MAX_KEYS = 100_000


class LocalWindows:
    """The `test`/`hit` half of a `limits` fixed-window strategy, in memory, thread-safe."""

    def __init__(self, clock=time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._counts: TTLCache = TTLCache(MAX_KEYS, LONGEST_WINDOW_SECONDS, timer=clock)

    def test(self, item: RateLimitItem, key: str) -> bool:
        with self._lock:
            return self._counts.get(self._slot(item, key), 0) < item.amount

    def hit(self, item: RateLimitItem, key: str) -> bool:
        with self._lock:
            slot = self._slot(item, key)
            self._counts[slot] = self._counts.get(slot, 0) + 1
            return self._counts[slot] <= item.amount

    def _slot(self, item: RateLimitItem, key: str) -> tuple[str, str, int]:
        return key, item.key_for(), int(self._clock() // item.get_expiry())
