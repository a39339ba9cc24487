"""Admin > Staff accounts: create (with an invitation link), deactivate, reactivate, change a
role, and hand over a one-time reset link. Each change takes effect at once and is audited
(auth/accounts.py)."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for

from ..auth import reset_links, second_factor
from ..auth.accounts import AccountError, create_user, deactivate, reactivate, set_role
from ..auth.lead_scope import ScopeError, set_organisations
from ..auth.roles import ADMINS, SAFEGUARDING, roles_required
from ..extensions import csrf, db
from ..models import Organisation, User
from .account_forms import ROLE_CHOICES, ActionForm, NewAccountForm, OrganisationsForm, RoleForm

bp = Blueprint("staff", __name__, url_prefix="/admin/users")


@bp.route("/")
@roles_required(*ADMINS)
def index(new_form: NewAccountForm | None = None, problem: str = "", status: int = 200):
    users = db.session.scalars(sa.select(User).order_by(User.email)).all()
    if new_form is None:
        new_form = NewAccountForm(formdata=None)
        new_form.offer(_organisation_choices())
    page = render_template(
        "admin/users.html",
        users=users,
        new_form=new_form,
        safeguarding=SAFEGUARDING,
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
    form.offer(_organisation_choices())
    if not form.validate_on_submit():
        return index(new_form=form, status=400)
    organisations = _organisations(form.organisations.data)
    try:
        user, _ = create_user(form.email.data or "", form.role.data or "", None, organisations)
    except AccountError as exc:
        field = form.organisations if "organisations" in str(exc) else form.email
        field.errors = [_sentence(str(exc))]
        return index(new_form=form, status=400)
    return _show_link(user, "invite")


@bp.route("/<int:user_id>/organisations", methods=["GET", "POST"])
@csrf.exempt  # checked below, after sign-in: an anonymous post goes to sign-in, not a 400
@roles_required(*ADMINS)
def organisations(user_id: int):
    """The organisations a safeguarding lead looks after (none: the designated officer)."""
    user = db.get_or_404(User, user_id)
    if user.role != SAFEGUARDING:
        abort(404)
    form = OrganisationsForm(data={"organisations": [o.id for o in user.organisations]})
    form.offer(_organisation_choices())
    if form.validate_on_submit():
        try:
            set_organisations(user, _organisations(form.organisations.data))
        except ScopeError as exc:
            abort(400, _sentence(str(exc)))
        flash(f"{user.email} now looks after {_in_words(user)}.")
        return redirect(url_for("staff.index"))
    status = 400 if form.is_submitted() else 200
    return render_template("admin/user_organisations.html", user=user, form=form), status


def _organisation_choices() -> list[tuple[int, str]]:
    rows = db.session.execute(
        sa.select(Organisation.id, Organisation.name).order_by(Organisation.name)
    )
    return [(row.id, row.name) for row in rows]


def _organisations(ids: list[int] | None) -> list[Organisation]:
    """The ticked organisations (the form has checked each id is one offered)."""
    if not ids:
        return []
    query = sa.select(Organisation).where(Organisation.id.in_(ids)).order_by(Organisation.name)
    return list(db.session.scalars(query))


def _in_words(user: User) -> str:
    if not user.organisations:
        return "every organisation without a lead of its own (the designated officer)"
    return ", ".join(o.name for o in user.organisations)


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
