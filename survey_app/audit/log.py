"""Writing audit entries. One function, `record`, so every module records the same way."""

from __future__ import annotations

from typing import Any

from ..extensions import db
from ..models import AuditEntry

# The actions the log knows, so a typo is an error at the call site rather than a lost entry.
# Group names come first ("user.create" is in group "user"); the admin page filters by group.
ACTIONS = frozenset(
    {
        "download",
        "import",
        "phase.open",
        "phase.close",
        "phase.schedule",
        "session.create",
        "session.change",
        "session.delete",
        "response.delete",
        "user.create",
        "user.deactivate",
        "user.reactivate",
        "user.role",
        "user.password",
        "user.reset_link",
        "user.mfa",
        "user.organisations",
        "concern.list",
        "concern.view",
        "concern.decide",
        "concern.digest",
        "signin.success",
        "signin.failure",
        "signin.refused",
        "signout",
        "purge",
        "api.call",
        "api.refused",
        "api.token.create",
        "api.token.revoke",
    }
)
# Details that could carry what a pupil wrote are refused outright: the log must never hold it.
_FORBIDDEN_KEYS = frozenset({"answers", "answer", "text", "free_text"})


def record(
    action: str,
    *,
    target: str = "",
    user: Any = None,
    commit: bool = True,
    actor_name: Any = "",  # Any: callers' **details dicts may not be str-typed
    **details: Any,
) -> AuditEntry:
    """Add one audit entry: `action` (one of ACTIONS), what it acted on (`target`, e.g.
    "session 12"), and small JSON-able `details` (filters, counts, a role). The actor is
    `user` if given, else the signed-in user of the request, else nobody (the command line);
    `actor_name` names an actor that is no staff member (an API token) when there is no user.

    With commit=False the entry joins the caller's transaction, so a change and its record land
    together or not at all; by default it commits at once."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}; add it to audit.log.ACTIONS")
    forbidden = _FORBIDDEN_KEYS & details.keys()
    if forbidden:
        raise ValueError(f"audit details must never hold answers: {sorted(forbidden)}")
    actor = user if user is not None else (None if actor_name else _current_user())
    entry = AuditEntry(
        action=action,
        user_id=getattr(actor, "id", None),
        actor=getattr(actor, "email", "") or actor_name,
        target=str(target)[:200],
        details={key: _plain(value) for key, value in details.items()},
    )
    db.session.add(entry)
    if commit:
        db.session.commit()
    return entry


def _current_user() -> Any:
    """The signed-in staff member, or None outside a request or when nobody is signed in."""
    from flask import has_request_context
    from flask_login import current_user

    if has_request_context() and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def _plain(value: Any) -> Any:
    """JSON-able as it is (numbers, text, lists of them, dicts); anything else as its text."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)
