"""A signed-in staff member's session: started fresh at sign-in, checked on every staff request,
ended on the server.

The session cookie is client-side (Flask's signed cookie), so "server-side sign-out" is a
version number: the cookie carries the user's `session_epoch` as it was at sign-in (through
`User.get_id`, "id:epoch"), and raising the epoch in the database (sign-out, deactivation, a
password or role change) makes every cookie issued before it worthless, on every instance, with
no shared session store. The cookie also carries when it was issued and when it was last used,
for the absolute lifetime and the idle timeout (settings SESSION_ABSOLUTE_SECONDS and
SESSION_IDLE_SECONDS).
"""

from __future__ import annotations

from flask import current_app, flash, session
from flask_login import login_user, logout_user

from ..extensions import db, login
from ..models import User
from .clock import now_seconds

SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"
# Writing "last seen" into the cookie on every request would re-send it each time; a minute's
# slack in a 30-minute timeout is not worth a Set-Cookie per request.
SEEN_RESOLUTION_SECONDS = 60


def start(user: User) -> None:
    """Sign `user` in with a new session: whatever the browser held before (a planted cookie,
    the pre-sign-in CSRF token) is dropped, so the session and its CSRF token are rotated."""
    session.clear()
    login_user(user)
    stamp = now_seconds()
    session[SIGNED_IN_AT] = stamp
    session[SEEN_AT] = stamp


def end(user: User | None) -> None:
    """Sign out here and everywhere: a copy of this cookie is refused from now on."""
    if user is not None:
        revoke_sessions(user)
        db.session.commit()
    logout_user()
    session.clear()


def revoke_sessions(user: User) -> None:
    """Make every session `user` holds invalid (the caller commits)."""
    user.session_epoch = (user.session_epoch or 0) + 1


@login.user_loader
def load_user(session_id: str) -> User | None:
    """The user this cookie names, if it is still valid: the same epoch, not idle too long,
    not older than the absolute lifetime, and the account active."""
    user_id, _, epoch = session_id.partition(":")
    if not (user_id.isdigit() and epoch.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.active or user.session_epoch != int(epoch):
        return None
    if _expired():
        return None
    _touch()
    return user


def _expired() -> bool:
    config = current_app.config
    now = now_seconds()
    signed_in_at = session.get(SIGNED_IN_AT)
    seen_at = session.get(SEEN_AT)
    if not isinstance(signed_in_at, int) or not isinstance(seen_at, int):
        return True
    if now - signed_in_at > config["SESSION_ABSOLUTE_SECONDS"]:
        _timed_out(
            "You have been signed out: sessions last at most "
            f"{config['SESSION_ABSOLUTE_SECONDS'] // 3600} hours. Sign in again."
        )
        return True
    if now - seen_at > config["SESSION_IDLE_SECONDS"]:
        _timed_out(
            "You have been signed out after "
            f"{config['SESSION_IDLE_SECONDS'] // 60} minutes without activity. "
            "Sign in again."
        )
        return True
    return False


def _timed_out(message: str) -> None:
    session.clear()
    flash(message)


def _touch() -> None:
    now = now_seconds()
    if now - session.get(SEEN_AT, 0) >= SEEN_RESOLUTION_SECONDS:
        session[SEEN_AT] = now


# Between a right password and a right second-factor code the browser holds the account "on
# hold": not signed in, for a few minutes only.
HELD = "held_user"
HELD_AT = "held_at"
HELD_SECONDS = 5 * 60


def hold(user: User) -> None:
    """The password was right; the code is still to come."""
    session.clear()
    session[HELD] = user.get_id()
    session[HELD_AT] = now_seconds()


def held_user() -> User | None:
    """The account on hold in this browser, if the hold is recent and the account unchanged."""
    held, held_at = session.get(HELD), session.get(HELD_AT)
    if not isinstance(held, str) or not isinstance(held_at, int):
        return None
    if now_seconds() - held_at > HELD_SECONDS:
        return None
    user_id, _, epoch = held.partition(":")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.active or str(user.session_epoch or 0) != epoch:
        return None
    return user
