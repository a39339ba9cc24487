"""An optional second factor: a time-based one-time code (TOTP, RFC 6238) from an
authenticator app, with pyotp. Required for admins when REQUIRE_MFA=1; anyone may set one up.

A code is accepted once (ASVS 5.0 V6.6): the time step of the last accepted code is stored, and
a code of that step or an earlier one is refused, so a code seen over a shoulder is useless."""

from __future__ import annotations

import base64
import io

import pyotp
import qrcode
import qrcode.image.svg
from flask import current_app

from .. import audit
from ..extensions import db
from ..models import User
from .clock import now_seconds
from .roles import ADMIN
from .staff_session import revoke_sessions

ISSUER = "Cohesion surveys"
# One step either side: a phone clock half a minute out still works.
VALID_WINDOW = 1


def required_for(user: User) -> bool:
    return bool(current_app.config.get("REQUIRE_MFA")) and user.role == ADMIN


def new_secret() -> str:
    return pyotp.random_base32()


def setup_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_data_uri(text: str) -> str:
    """The setup link as a QR image inside the page (CSP allows data: images, nothing else)."""
    out = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage).save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


def code_step(secret: str, code: str, after: int | None) -> int | None:
    """The time step this code is valid for, if it is valid and newer than `after`."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = now_seconds()
    for offset in range(-VALID_WINDOW, VALID_WINDOW + 1):
        at = now + offset * totp.interval
        step = at // totp.interval
        if (after is None or step > after) and totp.verify(code, for_time=at):
            return step
    return None


def check(user: User, code: str) -> bool:
    """Accept this code for `user` once; the caller commits nothing more."""
    if not user.totp_secret:
        return False
    step = code_step(user.totp_secret, code, user.totp_last_step)
    if step is None:
        return False
    user.totp_last_step = step
    db.session.commit()
    return True


def enrol(user: User, secret: str, code: str) -> bool:
    """Keep `secret` as the user's second factor if `code` proves their app has it."""
    step = code_step(secret, code, None)
    if step is None:
        return False
    user.totp_secret, user.totp_last_step = secret, step
    audit.record("user.mfa", target=user.email, user=user, commit=False, change="set up")
    db.session.commit()
    return True


def remove(user: User) -> None:
    """An admin removes a lost second factor; the person sets up a new one at next sign-in."""
    user.totp_secret, user.totp_last_step = None, None
    revoke_sessions(user)
    audit.record("user.mfa", target=user.email, commit=False, change="removed")
    db.session.commit()
