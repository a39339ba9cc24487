"""Staff accounts: creating them, checking sign-ins, and every change an admin can make.

Each change is audited in the same transaction as the change itself, and each one that alters
what a session may do (deactivation, a role, a password) ends the account's sessions at once
(auth/staff_session.py)."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

import sqlalchemy as sa

from .. import audit
from ..extensions import db
from ..models import Organisation, User
from .passwords import hash_password, needs_rehash, problem, verify, verify_nobody
from .roles import ADMIN, ROLES, SAFEGUARDING
from .staff_session import revoke_sessions

__all__ = ["AccountError", "authenticate", "create_user", "hash_password"]

MAX_EMAIL_LENGTH = 254


class AccountError(ValueError):
    """A user-facing reason an account change could not be made."""


def create_user(
    email: str,
    role: str,
    password: str | None = None,
    organisations: Sequence[Organisation] = (),
) -> tuple[User, str | None]:
    """Add a user; returns (user, generated password or None when one was given).

    Without a password the account gets a long random one nobody is told of by the admin page
    (an invitation: the person sets their own through a reset link); the CLI shows it once.
    `organisations` are a safeguarding lead's (auth/lead_scope.py); no other role has any."""
    email = _valid_email(email)
    _check_role(role)
    if organisations and role != SAFEGUARDING:
        raise AccountError("only safeguarding accounts look after organisations")
    if db.session.scalar(sa.select(User.id).filter_by(email=email)) is not None:
        raise AccountError(f"a user with email {email} already exists")
    generated = None
    if password is None:
        password = generated = secrets.token_urlsafe(18)
    elif reason := problem(password, email):
        raise AccountError(reason)
    user = User(email=email, role=role, password_hash=hash_password(password))
    user.organisations = list(organisations)
    db.session.add(user)
    names = [o.name for o in organisations]
    audit.record("user.create", target=email, commit=False, role=role,
                 **({"organisations": names} if names else {}))  # fmt: skip
    db.session.commit()
    return user, generated


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, else None (the same work either way).
    A hash of an older scheme is replaced by an argon2id one now that the password is known."""
    user = db.session.scalar(sa.select(User).filter_by(email=email.strip().lower()))
    if user is None:
        verify_nobody(password)
        return None
    if not verify(user.password_hash, password) or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def known_email(email: str) -> bool:
    """Whether a staff account has this email (for the audit log only, never the answer)."""
    found = db.session.scalar(sa.select(User.id).filter_by(email=email.strip().lower()))
    return found is not None


def find_user(email: str) -> User:
    """The account with this email, or AccountError saying there is none."""
    user = db.session.scalar(sa.select(User).filter_by(email=email.strip().lower()))
    if user is None:
        raise AccountError(f"there is no account with email {email.strip()}")
    return user


def deactivate(user: User) -> None:
    """Switch the account off; its sessions end at once, on every instance."""
    if not user.active:
        raise AccountError(f"{user.email} is already deactivated")
    _keep_an_admin(user)
    user.active = False
    revoke_sessions(user)
    audit.record("user.deactivate", target=user.email, commit=False)
    db.session.commit()


def reactivate(user: User) -> None:
    """Switch the account on again; it must sign in afresh."""
    if user.active:
        raise AccountError(f"{user.email} is already active")
    user.active = True
    revoke_sessions(user)
    audit.record("user.reactivate", target=user.email, commit=False)
    db.session.commit()


def set_role(user: User, role: str) -> None:
    """Change the account's role; its sessions end, so the new role applies from sign-in."""
    _check_role(role)
    if role == user.role:
        raise AccountError(f"{user.email} is already {role}")
    if role != ADMIN:
        _keep_an_admin(user)
    previous, user.role = user.role, role
    if role != SAFEGUARDING:
        user.organisations = []  # a lead's organisations go with the role
    revoke_sessions(user)
    audit.record("user.role", target=user.email, commit=False, role=role, previous=previous)
    db.session.commit()


def set_password(user: User, password: str) -> None:
    """A new password (checked as any other); every session of the account ends."""
    if reason := problem(password, user.email):
        raise AccountError(reason)
    user.password_hash = hash_password(password)
    revoke_sessions(user)
    audit.record("user.password", target=user.email, user=user, commit=False)
    db.session.commit()


def _keep_an_admin(user: User) -> None:
    """Nobody may switch off or demote the last active admin: the app would have none."""
    if user.role != ADMIN or not user.active:
        return
    admins = db.session.scalar(
        sa.select(sa.func.count()).select_from(User).filter_by(role=ADMIN, active=True)
    )
    if (admins or 0) <= 1:
        raise AccountError(f"{user.email} is the only active admin; make another admin first")


def _check_role(role: str) -> None:
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")


def _valid_email(email: str) -> str:
    email = email.strip().lower()
    local, at, domain = email.partition("@")
    if not (local and at and domain) or len(email) > MAX_EMAIL_LENGTH or " " in email:
        raise AccountError(f"'{email[:60]}' is not an email address")
    return email
