"""The pupil form's anti-forgery token, tied to its link and to a response id the server issued.

Flask-WTF's token lives in the signed session cookie, which every pupil request would then open,
re-sign and send back. This token is itsdangerous's signed, timestamped value instead (the
library Flask itself signs sessions with): the response id, signed with SECRET_KEY under a salt
made from the link's token. Checking it needs no cookie and no database. It is good for one
response id, on one link, for FORM_TOKEN_MAX_AGE seconds. See docs/decisions/0006 and 0012.
"""

from __future__ import annotations

import hashlib
import time

from itsdangerous import BadData, TimestampSigner, URLSafeTimedSerializer

PURPOSE = "respond-form-token"
CLOCK_SKEW_S = 60  # workers on other machines may show a page stamped a little ahead of us


def form_token(secret_key: str, link_token: str, response_id: str, now: float | None = None) -> str:
    """A signed, timestamped token for this response id on this link."""
    return _serializer(secret_key, link_token, now).dumps(response_id)


def token_is_valid(
    secret_key: str,
    link_token: str,
    response_id: str,
    token: str | None,
    max_age_s: int,
    now: float | None = None,
) -> bool:
    """Was this token made here, for this link and response id, less than `max_age_s` ago?"""
    # Checked as if a little later, so a page stamped by a clock a little ahead still passes.
    later = (time.time() if now is None else now) + CLOCK_SKEW_S
    try:
        signed = _serializer(secret_key, link_token, later).loads(
            token or "", max_age=max_age_s + CLOCK_SKEW_S
        )
    except BadData:  # bad signature, expired, from the future, or not a token at all
        return False
    return signed == response_id


def issued_response_id(secret_key: str, link_token: str, token: str | None) -> str | None:
    """The response id this link's form was given with this token, however old the token is;
    None for a token not made here for this link. An expired page keeps its own id."""
    try:
        signed = _serializer(secret_key, link_token, None).loads(token or "")
    except BadData:
        return None
    return signed if isinstance(signed, str) else None


class _ClockedSigner(TimestampSigner):
    """itsdangerous's signer with the time given, so tests and clock-skew checks can set it."""

    def __init__(self, *args, now: float | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._now = now

    def get_timestamp(self) -> int:
        return int(time.time() if self._now is None else self._now)


def _serializer(secret_key: str, link_token: str, now: float | None) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(
        secret_key,
        salt=f"{PURPOSE}:{link_token}",
        signer=_ClockedSigner,
        signer_kwargs={"digest_method": hashlib.sha256, "now": now},
    )
