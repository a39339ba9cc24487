"""Admin > Staff accounts: create (with an invitation link), deactivate, reactivate, change a
role, and hand over a one-time reset link. Each change takes effect at once and is audited
(auth/accounts.py)."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for

from ..auth import reset_links, second_factor
from ..auth.accounts import AccountError, create_user, deactivate, reactivate, set_role
from ..auth.roles import ADMINS, roles_required
from ..extensions import csrf, db
from ..models import User
from .account_forms import ROLE_CHOICES, ActionForm, NewAccountForm, RoleForm

bp = Blueprint("staff", __name__, url_prefix="/admin/users")


@bp.route("/")
@roles_required(*ADMINS)
def index(new_form: NewAccountForm | None = None, problem: str = "", status: int = 200):
    users = db.session.scalars(sa.select(User).order_by(User.email)).all()
    page = render_template(
        "admin/users.html",
        users=users,
        new_form=new_form or NewAccountForm(formdata=None),
        role_choices=ROLE_CHOICES,
        action_form=ActionForm(),
        problem=problem,
    )
    return page, status


@bp.route("/new", methods=["POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to sign-in, not a 400
@roles_required(*ADMINS)
def create():
    form = NewAccountForm()
    if not form.validate_on_submit():
        return index(new_form=form, status=400)
    try:
        user, _ = create_user(form.email.data or "", form.role.data or "")
    except AccountError as exc:
        form.email.errors = [_sentence(str(exc))]
        return index(new_form=form, status=400)
    return _show_link(user, "invite")


@bp.route("/<int:user_id>/deactivate", methods=["POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to sign-in, not a 400
@roles_required(*ADMINS)
def deactivate_account(user_id: int):
    return _change(user_id, deactivate, "{} is deactivated and signed out.")


@bp.route("/<int:user_id>/reactivate", methods=["POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to sign-in, not a 400
@roles_required(*ADMINS)
def reactivate_account(user_id: int):
    return _change(user_id, reactivate, "{} is active again.")


@bp.route("/<int:user_id>/role", methods=["POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to sign-in, not a 400
@roles_required(*ADMINS)
def change_role(user_id: int):
    form = RoleForm()
    if not form.validate_on_submit():
        abort(400)
    role = form.role.data or ""
    return _change(user_id, lambda user: set_role(user, role), f"{{}} is now {role}.")


@bp.route("/<int:user_id>/second-factor/remove", methods=["POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to sign-in, not a 400
@roles_required(*ADMINS)
def remove_second_factor(user_id: int):
    return _change(user_id, second_factor.remove, "{} must set up a new second factor.")


@bp.route("/<int:user_id>/reset", methods=["POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to sign-in, not a 400
@roles_required(*ADMINS)
def reset(user_id: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    user = db.get_or_404(User, user_id)
    if not user.active:
        return index(problem=f"{user.email} is deactivated: reactivate it first.", status=400)
    return _show_link(user, "reset")


def _change(user_id: int, change: Callable[[User], None], done: str):
    if not ActionForm().validate_on_submit():
        abort(400)
    user = db.get_or_404(User, user_id)
    try:
        change(user)
    except AccountError as exc:
        return index(problem=_sentence(str(exc)), status=400)
    flash(done.format(user.email))
    return redirect(url_for("staff.index"))


def _show_link(user: User, purpose: str):
    url = reset_links.link_url(reset_links.issue(user, purpose))
    return render_template("admin/user_link.html", user=user, url=url, purpose=purpose)


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")
