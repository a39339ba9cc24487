"""Forms of the staff-account pages and the password page. Validation of the values themselves
(a guessable password, a duplicate email) is the domain's (auth/accounts.py, auth/passwords.py);
these only parse what was sent."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField
from wtforms.validators import DataRequired

from ..auth.roles import ROLES
from .report_forms import SelectChoice

ROLE_CHOICES = [(role, role.capitalize()) for role in ROLES]
_ROLE_OPTIONS = [
    SelectChoice(v, label) if SelectChoice else (v, label) for v, label in ROLE_CHOICES
]


def _options(choices: list[tuple[int, str]]) -> list:
    return [SelectChoice(v, label) if SelectChoice else (v, label) for v, label in choices]


class OrganisationsForm(FlaskForm):
    """The organisations a safeguarding lead looks after, ticked from those that exist."""

    organisations = SelectMultipleField("Organisations", coerce=int)

    def offer(self, choices: list[tuple[int, str]]) -> None:
        self.organisations.choices = _options(choices)


class NewAccountForm(OrganisationsForm):
    email = EmailField("Email address", validators=[DataRequired("Enter an email address")])
    role = SelectField("Role", choices=_ROLE_OPTIONS)


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=_ROLE_OPTIONS)


class ActionForm(FlaskForm):
    """A button that changes something: only its CSRF token is sent."""


class NewPasswordForm(FlaskForm):
    # No maximum in the browser and pasting allowed: a password manager's long password is
    # welcome (ASVS 5.0 V6.2). The rules are checked on the server, in auth/passwords.py.
    password = PasswordField(
        "New password",
        validators=[DataRequired("Enter a new password")],
        render_kw={"autocomplete": "new-password", "spellcheck": "false"},
    )
