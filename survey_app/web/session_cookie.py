"""Flask's signed-cookie sessions, with the cookie's serializer built once per key.

Flask builds an itsdangerous serializer on every request to open the session cookie, even for
a request that has none, such as every pupil's (bench/: it was a few percent of a pupil's
flow). The serializer depends only on the app's keys and settings, so it is kept per app.
"""

from __future__ import annotations

from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import URLSafeTimedSerializer


class CachedSerializerSessions(SecureCookieSessionInterface):
    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        # Keyed by the keys themselves, so a test or a rotation that changes them is honoured.
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        cache: dict = app.extensions.setdefault("session_serializers", {})
        if keys not in cache:
            cache[keys] = super().get_signing_serializer(app)
        return cache[keys]
