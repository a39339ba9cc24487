"""Pupil abuse limits: keyed on the link and the device, never on the address (Flask-Limiter).

A school puts a whole class, often 30-60 pupils, behind one address, so an address says nothing
about who is sending. A link is one group's BEFORE or AFTER form, and a device key is the random
cookie of one tablet (respond/device.py): a link or a device sending far more answers than a
class could is cut off with a "slow down" page, and stores nothing more until the window moves
on. Only answers actually stored count: a retry or replay of a stored response id is free, so a
tablet re-sending its queued answers after the Wi-Fi returns is never punished.

`/go` (typing a sheet's code) is the one pupil route keyed on the address: a lookup has no link
yet. Its limit is generous for a class typing codes and makes guessing a code take years
(`years_to_guess_a_code`; docs/security.md, "Abuse limits").

Keys are hashed, as for sign-in: the limiter's store holds no token, cookie or address.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from flask import current_app
from flask_limiter.util import get_remote_address
from limits import parse_many

from ..extensions import limit_key_digest
from ..sessions.codes import ALPHABET, CODE_LENGTH
from .local_windows import LocalWindows


def go_limit() -> str:
    return current_app.config["GO_ADDRESS_LIMIT"]


def go_key() -> str:
    return "pupil-go:" + limit_key_digest(get_remote_address() or "")


class AnswerLimits:
    """The limits one answer is counted against: its link's and, with a device cookie, its
    device's. Counted in fixed windows, in Redis through Flask-Limiter's storage when REDIS_URL
    is set, else in this process, without Flask-Limiter's per-request machinery: one read per
    key before storing, one increment per key after a new answer was stored."""

    def __init__(self, link_token: str, device: str | None) -> None:
        config = current_app.config
        self.enabled = bool(config.get("RATELIMIT_ENABLED", True))
        self.keys = [
            (_parsed(config["PUPIL_LINK_LIMIT"]), "pupil-link:" + limit_key_digest(link_token))
        ]
        if device:  # no cookie (first answer, matching-code form): its link's limit only
            self.keys.append(
                (_parsed(config["PUPIL_DEVICE_LIMIT"]), "pupil-device:" + limit_key_digest(device))
            )

    def allow(self) -> bool:
        """False once the link or the device has stored its limit; True when nothing can be
        counted (Redis away): a child's answer matters more than a limit."""
        if not self.enabled:
            return True
        try:
            return all(_strategy().test(item, key) for items, key in self.keys for item in items)
        except Exception:  # noqa: BLE001 - any storage failure lets the answer through
            current_app.logger.warning("pupil limits: storage unreachable, not counted")
            return True

    def count(self) -> None:
        """Count one newly stored answer (never a replay of a stored response id)."""
        if not self.enabled:
            return
        try:
            for items, key in self.keys:
                for item in items:
                    _strategy().hit(item, key)
        except Exception:  # noqa: BLE001 - the answer is stored; a lost count is harmless
            current_app.logger.warning("pupil limits: storage unreachable, not counted")


def _strategy():
    """Redis (shared by every instance) through Flask-Limiter's strategy, or this process's
    own counts when the limiter counts in memory (respond/local_windows.py)."""
    from ..extensions import limiter

    if current_app.config["RATELIMIT_STORAGE_URI"].startswith("memory"):
        windows = current_app.extensions.get("pupil_limit_windows")
        if windows is None:  # built once: setdefault(key, LocalWindows()) would build one per call
            with _first_windows:  # two first answers at once must not count in two stores
                windows = current_app.extensions.setdefault("pupil_limit_windows", LocalWindows())
        return windows
    return limiter.limiter


_first_windows = threading.Lock()


@lru_cache(maxsize=32)
def _parsed(text: str) -> tuple:
    return tuple(parse_many(text))


def years_to_guess_a_code(go_limit_text: str, open_codes: int) -> float:
    """Expected years for one address, guessing at the `/go` limit's steadiest rate, to hit any
    of `open_codes` open codes (each guess a fresh random code)."""
    per_year = min(
        item.amount * 365 * 24 * 3600 / item.get_expiry() for item in parse_many(go_limit_text)
    )
    chance_per_guess = open_codes / len(ALPHABET) ** CODE_LENGTH
    return 1 / (chance_per_guess * per_year)
