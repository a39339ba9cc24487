"""The facilitator's 'new session' form: GOV.UK patterns, every message says what to do."""

from __future__ import annotations

from datetime import date

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField
from wtforms.validators import InputRequired, Length

from ..questionnaire.registry import Registry


class NewSessionForm(FlaskForm):
    """Organisation (existing or new), programme, date as day/month/year, group, questionnaire."""

    organisation_id = SelectField("School or group", choices=[], validate_choice=False)
    new_organisation = StringField(
        "Or add a new school or group",
        validators=[Length(max=200, message="Name must be 200 characters or fewer")],
    )
    programme = StringField(
        "Programme (optional)",
        validators=[Length(max=200, message="Programme must be 200 characters or fewer")],
    )
    day = StringField("Day")
    month = StringField("Month")
    year = StringField("Year")
    group_label = StringField(
        "Group (optional)",
        validators=[Length(max=100, message="Group must be 100 characters or fewer")],
    )
    questionnaire = RadioField(
        "Questionnaire",
        choices=[],
        validators=[InputRequired("Choose a questionnaire")],
        validate_choice=False,
    )
    shared_devices = BooleanField("Pupils will share tablets or computers")

    def fill_choices(self, organisations: list[tuple[int, str]], registry: Registry) -> None:
        """Existing organisations, and the latest version of each questionnaire."""
        self.organisation_id.choices = [("", "Choose a school or group")] + [
            (str(org_id), name) for org_id, name in organisations
        ]
        if not organisations:  # nothing to pick yet: the text box is the only way
            self.new_organisation.label.text = "School or group"
        latest = [registry.latest(qid) for qid in registry.ids()]
        self.questionnaire.choices = [(q.id, q.title[q.languages[0]]) for q in latest]
        self.versions = {q.id: q for q in latest}
        self.hints = {
            q.id: f"Version {q.version} · {q.audience} · "
            + ("one link, answered once" if q.single_phase else "a BEFORE and an AFTER link")
            for q in latest
        }

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        valid = self._check_organisation() and valid
        valid = self._check_questionnaire() and valid
        return self._check_date() and valid

    @property
    def session_date(self) -> date:
        """The date typed, once `validate()` has passed."""
        return date(int(self.year.data), int(self.month.data), int(self.day.data))

    def _check_organisation(self) -> bool:
        chosen = (self.organisation_id.data or "").strip()
        typed = (self.new_organisation.data or "").strip()
        known = {value for value, _ in self.organisation_id.choices if value}
        shown = self.organisation_id if known else self.new_organisation
        if chosen and typed:
            message = "Choose a school or group from the list, or add a new one, not both"
        elif not chosen and not typed:
            message = (
                "Choose a school or group, or add a new one"
                if known
                else ("Enter the name of the school or group")
            )
        elif chosen and chosen not in known:
            message = "Choose a school or group from the list"
        else:
            return True
        shown.errors = [*shown.errors, message]
        return False

    def _check_questionnaire(self) -> bool:
        if self.questionnaire.data and self.questionnaire.data not in self.versions:
            self.questionnaire.errors.append("Choose a questionnaire from the list")
            return False
        return True

    def _check_date(self) -> bool:
        parts = [(f.data or "").strip() for f in (self.day, self.month, self.year)]
        message = None
        if not any(parts):
            message = "Enter the date of the session"
        elif not all(p.isdigit() for p in parts):
            message = "Date of the session must include a day, month and year in numbers"
        elif len(parts[2]) != 4:
            message = "Year must include 4 numbers"
        else:
            try:
                date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                message = "Date of the session must be a real date"
        if message:
            self.day.errors = [*self.day.errors, message]
            return False
        return True
