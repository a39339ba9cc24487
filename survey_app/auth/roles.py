"""Route protection by role. Every staff page declares who may see it."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import abort
from flask_login import current_user, login_required

# The role names, defined here only. Every other module names roles through these constants.
ADMIN = "admin"
OFFICER = "officer"
FACILITATOR = "facilitator"
# A school's designated safeguarding lead (or, with no organisation, the council's designated
# officer): sees the concerns raised from free-text answers of their organisations, nothing else.
SAFEGUARDING = "safeguarding"
ROLES = (ADMIN, OFFICER, FACILITATOR, SAFEGUARDING)
ANY_STAFF = (ADMIN, OFFICER, FACILITATOR)  # who runs sessions; never the safeguarding leads
REPORT_READERS = (ADMIN, OFFICER)  # see every session's results and manage every session
ADMINS = (ADMIN,)
SAFEGUARDING_LEADS = (SAFEGUARDING,)


def roles_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Signed-in staff with one of these roles; others get 403, anonymous users the login page."""

    def decorate(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorate
