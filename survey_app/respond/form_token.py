"""The pupil form's anti-forgery token, tied to its link and to a response id the server issued.

Flask-WTF's token lives in the signed session cookie, which every pupil request would then open,
re-sign and send back. This token is itsdangerous's timestamped signature instead (the library
Flask itself signs sessions with): the response id, signed with SECRET_KEY under a salt made
from the link's token. Checking it needs no cookie and no database. It is good for one response
id, on one link, for FORM_TOKEN_MAX_AGE seconds. See docs/decisions/0006 and 0012.

Every blank form signs one and every answer checks one, so this is on the pupil's hot path
(bench/): the response id is signed as it is (a UUID needs no JSON or base64 payload), and one
signer per link is kept, since deriving the key is most of the cost of building one.
"""

from __future__ import annotations

import hashlib
import time
from functools import lru_cache

from itsdangerous import BadData, TimestampSigner

PURPOSE = "respond-form-token"
CLOCK_SKEW_S = 60  # workers on other machines may show a page stamped a little ahead of us


def form_token(secret_key: str, link_token: str, response_id: str, now: float | None = None) -> str:
    """A signed, timestamped token for this response id on this link."""
    signer = (
        _signer(secret_key, link_token)
        if now is None
        else _ClockedSigner(
            secret_key, salt=_salt(link_token), digest_method=hashlib.sha256, now=now
        )
    )
    return signer.sign(response_id).decode()


def token_is_valid(
    secret_key: str,
    link_token: str,
    response_id: str,
    token: str | None,
    max_age_s: int,
    now: float | None = None,
) -> bool:
    """Was this token made here, for this link and response id, less than `max_age_s` ago?"""
    signed = _unsigned(secret_key, link_token, token)
    if signed is None or signed[0] != response_id:
        return False
    # Checked as if a little later, so a page stamped by a clock a little ahead still passes.
    age = (time.time() if now is None else now) + CLOCK_SKEW_S - signed[1]
    return 0 <= age <= max_age_s + CLOCK_SKEW_S


def issued_response_id(secret_key: str, link_token: str, token: str | None) -> str | None:
    """The response id this link's form was given with this token, however old the token is;
    None for a token not made here for this link. An expired page keeps its own id."""
    signed = _unsigned(secret_key, link_token, token)
    return signed[0] if signed else None


def issued_at(
    secret_key: str, link_token: str, response_id: str, token: str | None
) -> float | None:
    """When this link's form was given this response id with this token (a Unix time), however
    old; None for a token not made here, for this link and this id. The late-answer rule
    (late.py) reads it: forms are only given out while their phase is open."""
    signed = _unsigned(secret_key, link_token, token)
    return signed[1] if signed and signed[0] == response_id else None


def _unsigned(secret_key: str, link_token: str, token: str | None) -> tuple[str, float] | None:
    """(response id, when it was signed) of a genuine token of this link; None otherwise."""
    try:
        value, signed_at = _signer(secret_key, link_token).unsign(
            token or "", return_timestamp=True
        )
        return value.decode("ascii"), signed_at.timestamp()
    except (BadData, UnicodeDecodeError):  # bad signature, or not a token at all
        return None


def _salt(link_token: str) -> str:
    return f"{PURPOSE}:{link_token}"


@lru_cache(maxsize=4096)  # one per link in use; a worker serves a few hundred at most
def _signer(secret_key: str, link_token: str) -> TimestampSigner:
    return TimestampSigner(secret_key, salt=_salt(link_token), digest_method=hashlib.sha256)


class _ClockedSigner(TimestampSigner):
    """itsdangerous's signer with the time given, so tests and clock-skew checks can set it."""

    def __init__(self, *args, now: float, **kwargs):
        super().__init__(*args, **kwargs)
        self._now = now

    def get_timestamp(self) -> int:
        return int(self._now)
