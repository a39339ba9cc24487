"""The device's random key, kept in a cookie so a PRE and a POST answer can be paired.

The cookie holds a random secret that never leaves the device otherwise. What is stored with a
response is an HMAC of that secret and the session id: the same device gives the same key within
a session (so PRE and POST pair up) but unrelated keys in different sessions, so stored data
cannot follow a child from one session to the next.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from flask import Request
from werkzeug.wrappers import Response as HttpResponse

COOKIE_NAME = "rk"
COOKIE_PATH = "/s/"  # only the respondent routes ever see it
MAX_AGE = 60 * 24 * 3600  # PRE and POST can be weeks apart
_SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")


def device_secret(request: Request) -> str | None:
    """The secret this device already holds, if it is well formed."""
    value = request.cookies.get(COOKIE_NAME, "")
    return value if _SECRET_SHAPE.fullmatch(value) else None


def new_device_secret() -> str:
    return secrets.token_urlsafe(24)  # 32 characters, 192 bits


def respondent_key(secret: str, session_id: int) -> str:
    """The key stored with a response: stable per device and session, unlinkable across them."""
    digest = hmac.new(secret.encode(), f"session:{session_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]


def device_key(request: Request, session_id: int) -> tuple[str, str | None]:
    """The respondent key for this device in this session, and a new secret to remember when
    the device had none (first visit, or its cookie was cleared)."""
    secret = device_secret(request)
    if secret:
        return respondent_key(secret, session_id), None
    new_secret = new_device_secret()
    return respondent_key(new_secret, session_id), new_secret


def remember_device(response: HttpResponse, secret: str, secure: bool) -> None:
    """Set the HttpOnly cookie, limited to /s/ and sent on same-site navigation only (Lax)."""
    response.set_cookie(
        COOKIE_NAME,
        secret,
        max_age=MAX_AGE,
        path=COOKIE_PATH,
        secure=secure,
        httponly=True,
        samesite="Lax",
    )
