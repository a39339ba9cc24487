"""Creating staff accounts and checking their passwords (scrypt, via Werkzeug)."""

from __future__ import annotations

import secrets
from functools import cache

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit
from ..extensions import db, login
from ..models import User
from .roles import ROLES

MIN_PASSWORD_LENGTH = 12


class AccountError(ValueError):
    """A user-facing reason an account could not be created."""


def create_user(email: str, role: str, password: str | None = None) -> tuple[User, str | None]:
    """Add a user; returns (user, generated password or None when one was given)."""
    email = email.strip().lower()
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if "@" not in email:
        raise AccountError(f"'{email}' is not an email address")
    if db.session.scalar(sa.select(User).filter_by(email=email)):
        raise AccountError(f"a user with email {email} already exists")
    generated = None
    if password is None:
        password = generated = secrets.token_urlsafe(15)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    user = User(email=email, role=role, password_hash=hash_password(password))
    db.session.add(user)
    audit.record("user.create", target=email, commit=False, role=role)
    db.session.commit()
    return user, generated


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, else None (same cost either way)."""
    user = db.session.scalar(sa.select(User).filter_by(email=email.strip().lower()))
    stored = user.password_hash if user else _dummy_hash()
    ok = check_password_hash(stored, password)
    return user if ok and user is not None and user.active else None


@login.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id))


@cache
def _dummy_hash() -> str:
    """Checking unknown emails against a dummy hash keeps the timing from revealing who exists.
    Made on first use: scrypt at import would slow every start of the app."""
    return hash_password(secrets.token_hex(16))
