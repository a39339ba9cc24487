"""The pupil form's anti-forgery token, tied to the form's response id instead of a server session.

Flask-WTF's token lives in the signed session cookie, which every pupil request would then open,
re-sign and send back. Here the token is an HMAC of the response id and the time the page was
shown, so checking it needs no cookie and no database: only the app's SECRET_KEY. A token is
good for one response id and for WTF_CSRF_TIME_LIMIT seconds (12 hours by default), like the
session token it replaces. See docs/decisions/0006.
"""

from __future__ import annotations

import hashlib
import hmac
import time

PURPOSE = b"respond-form-token"
CLOCK_SKEW_S = 60  # workers on other machines may show a page stamped a little ahead of us
_DIGEST_CHARS = 32  # 128 bits of the SHA-256 HMAC


def form_token(secret_key: str, response_id: str, now: float | None = None) -> str:
    """`<issued, hex seconds>.<hmac>` for this response id."""
    issued = format(int(time.time() if now is None else now), "x")
    return f"{issued}.{_digest(secret_key, response_id, issued)}"


def token_is_valid(
    secret_key: str, response_id: str, token: str | None, max_age_s: int, now: float | None = None
) -> bool:
    """Was this token made here, for this response id, less than `max_age_s` seconds ago?"""
    issued, _, digest = (token or "").partition(".")
    try:
        age = (time.time() if now is None else now) - int(issued, 16)
    except ValueError:
        return False
    if not -CLOCK_SKEW_S <= age <= max_age_s or len(issued) > 16:
        return False
    return hmac.compare_digest(digest, _digest(secret_key, response_id, issued))


def _digest(secret_key: str, response_id: str, issued: str) -> str:
    message = b"\0".join((PURPOSE, response_id.encode(), issued.encode()))
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()[:_DIGEST_CHARS]
