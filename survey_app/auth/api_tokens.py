"""API tokens for the read-only BI API (ADR 0033): made, listed and revoked by admins.

A token is 32 random bytes from `secrets`, shown once. Only its SHA-256 is stored: the secret
is high-entropy, so a plain hash is enough (no salt or slow hash is needed against guessing),
and a lookup by hash is one indexed query. Every change is in the audit log.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import ApiToken, utcnow

PREFIX = "cohesion_api_"  # says what a leaked string is (secret scanners match on prefixes)
NAME_LENGTH = 80


class TokenError(ValueError):
    """A token cannot be made or revoked as asked; the message says why, for a person."""


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def create_token(name: str, creator: Any = None) -> tuple[ApiToken, str]:
    """A new token named `name`; returns it and its secret, which is never stored."""
    name = " ".join(name.split())
    if not name:
        raise TokenError("enter a name for the token, such as the report that will use it")
    if len(name) > NAME_LENGTH:
        raise TokenError(f"the name must be {NAME_LENGTH} characters or fewer")
    secret = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        name=name,
        token_hash=digest(secret),
        created_by_id=getattr(creator, "id", None),
        created_by=getattr(creator, "email", "") or "",
    )
    db.session.add(token)
    db.session.flush()
    audit.record("api.token.create", target=_target(token), user=creator, commit=False)
    db.session.commit()
    return token, secret


def revoke_token(token_id: int, by: Any = None) -> ApiToken:
    """Revoke at once: the next call with it is refused. Revoking twice is an error."""
    token = db.session.get(ApiToken, token_id)
    if token is None:
        raise TokenError(f"there is no API token {token_id}")
    if token.revoked_at is not None:
        raise TokenError(f"API token {token_id} ({token.name}) is already revoked")
    token.revoked_at = utcnow()
    audit.record("api.token.revoke", target=_target(token), user=by, commit=False)
    db.session.commit()
    return token


def all_tokens() -> list[ApiToken]:
    """Every token, active ones first, newest first."""
    query = sa.select(ApiToken).order_by(ApiToken.revoked_at.is_not(None), ApiToken.id.desc())
    return list(db.session.scalars(query))


def find_token(secret: str) -> ApiToken | None:
    """The token with this secret, revoked or not (the caller refuses a revoked one)."""
    if not secret or len(secret) > 200:
        return None
    query = sa.select(ApiToken).where(ApiToken.token_hash == digest(secret))
    return db.session.scalars(query).first()


def label(token: ApiToken) -> str:
    """How a token is named in the audit log's actor column."""
    return f"api token {token.id}: {token.name}"[:254]


def _target(token: ApiToken) -> str:
    return f"api token {token.id} ({token.name})"
