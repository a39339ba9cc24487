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

import hashlib

from flask import Response, current_app, g, request
from flask_limiter.util import get_remote_address
from limits import parse_many

from ..sessions.codes import ALPHABET, CODE_LENGTH
from .device import device_secret

_STORED = "pupil_response_stored"
# The routes these limits apply to; every other pupil request skips the limiter (web/auth.py).
LIMITED_ENDPOINTS = frozenset({"respond.form", "respond.go"})


def link_limit() -> str:
    return current_app.config["PUPIL_LINK_LIMIT"]


def device_limit() -> str:
    return current_app.config["PUPIL_DEVICE_LIMIT"]


def go_limit() -> str:
    return current_app.config["GO_ADDRESS_LIMIT"]


def link_key() -> str:
    return "pupil-link:" + _digest((request.view_args or {}).get("token", ""))


def device_key() -> str:
    return "pupil-device:" + _digest(device_secret(request) or "")


def no_device() -> bool:
    """A form without the device cookie (the first answer, a matching-code form, cookies off)
    is counted by its link only: an empty key would pool every such pupil together."""
    return device_secret(request) is None


def go_key() -> str:
    return "pupil-go:" + _digest(get_remote_address() or "")


def mark_stored() -> None:
    """Count this request: the view stored a new response (called by web/respond.py)."""
    g.setdefault(_STORED, True)


def was_stored(_response: Response) -> bool:
    return bool(g.get(_STORED))


def years_to_guess_a_code(go_limit_text: str, open_codes: int) -> float:
    """Expected years for one address, guessing at the `/go` limit's steadiest rate, to hit any
    of `open_codes` open codes (each guess a fresh random code)."""
    per_year = min(
        item.amount * 365 * 24 * 3600 / item.get_expiry() for item in parse_many(go_limit_text)
    )
    chance_per_guess = open_codes / len(ALPHABET) ** CODE_LENGTH
    return 1 / (chance_per_guess * per_year)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]
