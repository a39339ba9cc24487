"""The per-process report cache (reports/cache.py): built once, kept MAX_AGE, the SIZE newest."""

from __future__ import annotations

from survey_app.reports.cache import MAX_AGE, SIZE, ReportCache


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def counting_builder(built: list[str], key: str):
    def build() -> str:
        built.append(key)
        return f"report {key}"

    return build


def test_a_report_is_built_once_within_its_age_and_again_after_it():
    clock, built = Clock(), []
    cache = ReportCache(clock)
    assert cache.get("a", counting_builder(built, "a")) == "report a"
    clock.now += MAX_AGE - 1
    assert cache.get("a", counting_builder(built, "a")) == "report a"
    assert built == ["a"]
    clock.now += 1
    cache.get("a", counting_builder(built, "a"))
    assert built == ["a", "a"]


def test_only_the_most_recently_used_reports_are_kept():
    clock, built = Clock(), []
    cache = ReportCache(clock)
    keys = [f"k{i}" for i in range(SIZE)]
    for key in keys:
        cache.get(key, counting_builder(built, key))
    cache.get(keys[0], counting_builder(built, keys[0]))  # used again: now the most recent
    cache.get("new", counting_builder(built, "new"))  # pushes out the least recently used
    built.clear()
    for key in [keys[0], "new", *keys[2:]]:
        cache.get(key, counting_builder(built, key))
    assert built == []
    cache.get(keys[1], counting_builder(built, keys[1]))
    assert built == [keys[1]]
