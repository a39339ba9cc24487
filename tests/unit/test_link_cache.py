"""A worker's short-lived copy of the links pupils open (survey_app/respond/link_cache.py)."""

from __future__ import annotations

from survey_app.respond.link_cache import MAX_ENTRIES, LinkCache


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Loader:
    """Stands for the database: counts the reads, and its answers can change."""

    def __init__(self, **rows) -> None:
        self.rows, self.reads = rows, 0

    def __call__(self, token: str):
        self.reads += 1
        return self.rows.get(token)


def test_a_link_is_read_once_within_the_time_and_again_after_it():
    clock, load = Clock(), Loader(abc="open")
    cache = LinkCache(2, clock)
    assert [cache.get("abc", load) for _ in range(3)] == ["open"] * 3 and load.reads == 1
    load.rows["abc"] = "closed"
    clock.now += 1.9
    assert cache.get("abc", load) == "open"  # at most two seconds stale
    clock.now += 0.2
    assert cache.get("abc", load) == "closed" and load.reads == 2


def test_unknown_tokens_are_never_kept():
    load = Loader()
    cache = LinkCache(2, Clock())
    assert cache.get("typo", load) is None and cache.get("typo", load) is None
    assert load.reads == 2


def test_zero_seconds_turns_the_cache_off():
    load = Loader(abc="open")
    cache = LinkCache(0, Clock())
    cache.get("abc", load), cache.get("abc", load)
    assert load.reads == 2


def test_clear_and_the_size_cap():
    load = Loader(**{f"t{n}": n for n in range(MAX_ENTRIES + 1)})
    cache = LinkCache(60, Clock())
    for n in range(MAX_ENTRIES + 1):
        cache.get(f"t{n}", load)
    assert len(cache) == MAX_ENTRIES  # full: the least recently used link went
    cache.get(f"t{MAX_ENTRIES}", load)
    assert load.reads == MAX_ENTRIES + 1  # the newest is still kept
    cache.get("t0", load)
    assert load.reads == MAX_ENTRIES + 2  # the oldest was dropped
    cache.clear()
    assert len(cache) == 0
    cache.get(f"t{MAX_ENTRIES}", load)
    assert load.reads == MAX_ENTRIES + 3
