"""Creating staff accounts and checking their passwords (scrypt, via Werkzeug)."""

from __future__ import annotations

import secrets
from functools import cache

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from .. import audit
from ..extensions import db
from ..models import User
from .roles import ROLES
from .staff_session import revoke_sessions

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


def known_email(email: str) -> bool:
    """Whether a staff account has this email (for the audit log only, never the answer)."""
    found = db.session.scalar(sa.select(User.id).filter_by(email=email.strip().lower()))
    return found is not None


@cache
def _dummy_hash() -> str:
    """Checking unknown emails against a dummy hash keeps the timing from revealing who exists.
    Made on first use: scrypt at import would slow every start of the app."""
    return hash_password(secrets.token_hex(16))


def find_user(email: str) -> User:
    """The account with this email, or AccountError saying there is none."""
    user = db.session.scalar(sa.select(User).filter_by(email=email.strip().lower()))
    if user is None:
        raise AccountError(f"there is no account with email {email.strip()}")
    return user


def deactivate(user: User) -> None:
    """Switch the account off; its sessions end at once, on every instance."""
    user.active = False
    revoke_sessions(user)
    audit.record("user.deactivate", target=user.email, commit=False)
    db.session.commit()


def reactivate(user: User) -> None:
    """Switch the account on again; it must sign in afresh."""
    user.active = True
    revoke_sessions(user)
    audit.record("user.reactivate", target=user.email, commit=False)
    db.session.commit()


def set_role(user: User, role: str) -> None:
    """Change the account's role; its sessions end, so the new role applies from sign-in."""
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    previous, user.role = user.role, role
    revoke_sessions(user)
    audit.record("user.role", target=user.email, commit=False, role=role, previous=previous)
    db.session.commit()
