"""The dashboard's filter form: a GET form, so a filtered view is a link an officer can share."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectField
from wtforms.fields import DateField
from wtforms.validators import Optional, ValidationError

from ..questionnaire.registry import Registry
from ..questionnaire.schema import PRIORITIES
from .filtering import ReportFilters

BY_WORDS = {
    "organisation": "School or group",
    "programme": "Programme",
    "session": "Session",
    "priority": "Strategy priority",
}
ALL = ""


class FilterForm(Form):
    """Questionnaire, organisation, programme, priority, date range and grouping."""

    questionnaire = SelectField("Questionnaire", choices=[])
    organisation = SelectField("School or group", choices=[])
    programme = SelectField("Programme", choices=[])
    priority = SelectField("Strategy priority", choices=[])
    date_from = DateField("From", validators=[Optional()], render_kw={"type": "date"})
    date_to = DateField("To", validators=[Optional()], render_kw={"type": "date"})
    by = SelectField("Compare by", choices=list(BY_WORDS.items()), default="organisation")

    def fill(self, registry: Registry, organisations: list[str], programmes: list[str]) -> None:
        """The choices: every questionnaire loaded, every organisation and programme known."""
        self.questionnaire.choices = [
            (qid, f"{_title(registry, qid)} ({qid})") for qid in registry.ids()
        ]
        self.organisation.choices = [(ALL, "All schools and groups")] + [
            (n, n) for n in organisations
        ]
        self.programme.choices = [(ALL, "All programmes")] + [(n, n) for n in programmes]
        self.priority.choices = [(ALL, "All priorities")] + list(PRIORITIES.items())
        if not self.questionnaire.data and registry.ids():
            self.questionnaire.data = registry.ids()[0]

    def validate(self, extra_validators=None) -> bool:
        for field in (
            self.questionnaire,
            self.organisation,
            self.programme,
            self.priority,
            self.by,
        ):
            field.pre_validate = _known_choice(field)  # type: ignore[method-assign]  # clear words
        valid = super().validate(extra_validators)
        start, end = self.date_from.data, self.date_to.data
        if valid and start and end and end < start:
            self.date_to.errors = ["The 'to' date must be the same as or after the 'from' date"]
            return False
        return valid

    def filters(self) -> ReportFilters:
        """The validated choices; call after `validate()` passed."""
        return ReportFilters(
            questionnaire=self.questionnaire.data or None,
            organisation=self.organisation.data or None,
            programme=self.programme.data or None,
            priority=self.priority.data or None,
            date_from=self.date_from.data,
            date_to=self.date_to.data,
            by=self.by.data or "organisation",
        )


def filter_form(
    args: MultiDict, registry: Registry, orgs: list[str], progs: list[str]
) -> FilterForm:
    """A form bound to the query string, its choices filled."""
    form = FilterForm(args)
    form.fill(registry, orgs, progs)
    return form


def _known_choice(field):
    def check(form) -> None:
        values = {str(value) for value, _ in field.choices}
        if str(field.data or "") not in values:
            raise ValidationError(f"Choose a {field.label.text.lower()} from the list")

    return check


def _title(registry: Registry, qid: str) -> str:
    q = registry.latest(qid)
    return q.title.get("en", q.title[q.languages[0]])
