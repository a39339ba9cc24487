"""The in-process fixed windows of the pupil limits (respond/local_windows.py)."""

from __future__ import annotations

from limits import parse

from survey_app.respond.local_windows import LONGEST_WINDOW_SECONDS, LocalWindows


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_a_window_allows_its_amount_then_refuses_until_the_next_window():
    clock = Clock(6000.0)  # the start of a 10-minute window
    windows, item = LocalWindows(clock), parse("3 per 10 minutes")
    for _ in range(3):
        assert windows.test(item, "k")
        windows.hit(item, "k")
    assert not windows.test(item, "k")
    assert windows.test(item, "other key")
    clock.now += 599
    assert not windows.test(item, "k")
    clock.now += 1  # the next window
    assert windows.test(item, "k")


def test_different_limits_on_one_key_count_apart():
    windows = LocalWindows(Clock(0.0))
    minute, hour = parse("1 per minute"), parse("5 per hour")
    windows.hit(minute, "k")
    assert not windows.test(minute, "k") and windows.test(hour, "k")


def test_every_shipped_window_fits_in_the_cache_lifetime():
    from config import Config

    for text in (Config.PUPIL_LINK_LIMIT, Config.PUPIL_DEVICE_LIMIT):
        assert parse(text).get_expiry() <= LONGEST_WINDOW_SECONDS
