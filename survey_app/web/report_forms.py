"""The dashboard's filter form: a GET form, so a filtered view is a link an officer can share."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict
from wtforms import Form, SelectField
from wtforms.fields import DateField
from wtforms.validators import Optional

try:  # WTForms 3.3 wants SelectChoice objects and warns about (value, label) tuples
    from wtforms.fields.choices import SelectChoice
except ImportError:  # older WTForms in the supported range take tuples
    SelectChoice = None

from ..questionnaire.registry import Registry
from ..questionnaire.schema import PRIORITIES
from ..reports.filtering import ReportFilters
from ..scoring.splits import ANSWER_PREFIX, single_choice_items

BY_WORDS = {
    "organisation": "School or group",
    "programme": "Programme",
    "session": "Session",
    "priority": "Strategy priority",
    "language": "Language answered in",
    "year": "Academic year",
    "term": "Term",
}
ALL = ""
ANSWER_TO = "Answer to: "
CHOOSE = {
    "questionnaire": "Choose a questionnaire from the list",
    "organisation": "Choose a school or group from the list",
    "programme": "Choose a programme from the list",
    "priority": "Choose a strategy priority from the list",
    "by": "Choose what to compare by from the list",
}


class FilterForm(Form):
    """Questionnaire, organisation, programme, priority, date range and grouping."""

    # validate_choice=False: `validate()` checks the choices itself, with a message per field.
    questionnaire = SelectField("Questionnaire", choices=[], validate_choice=False)
    organisation = SelectField("School or group", choices=[], validate_choice=False)
    programme = SelectField("Programme", choices=[], validate_choice=False)
    priority = SelectField("Strategy priority", choices=[], validate_choice=False)
    date_from = DateField("From", validators=[Optional()], render_kw={"type": "date"})
    date_to = DateField("To", validators=[Optional()], render_kw={"type": "date"})
    by = SelectField("Compare by", choices=[], default="organisation", validate_choice=False)

    def fill(self, registry: Registry, organisations: list[str], programmes: list[str]) -> None:
        """The choices: every questionnaire loaded, every organisation and programme known."""
        self.allowed: dict[str, set[str]] = {}
        self._offer(
            self.questionnaire, [(q, f"{_title(registry, q)} ({q})") for q in registry.ids()]
        )
        self._offer(self.organisation, [(ALL, "All schools and groups")] + _same(organisations))
        self._offer(self.programme, [(ALL, "All programmes")] + _same(programmes))
        self._offer(self.priority, [(ALL, "All priorities"), *PRIORITIES.items()])
        if not self.questionnaire.data and registry.ids():
            self.questionnaire.data = registry.ids()[0]
        answers = _answer_choices(registry, self.questionnaire.data)
        self._offer(self.by, list(BY_WORDS.items()) + answers)
        self.by_labels = dict(answers)

    def _offer(self, field: SelectField, choices: list[tuple[str, str]]) -> None:
        self.allowed[field.name] = {value for value, _ in choices}
        field.choices = [
            SelectChoice(v, label) if SelectChoice else (v, label) for v, label in choices
        ]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in (
            self.questionnaire,
            self.organisation,
            self.programme,
            self.priority,
            self.by,
        ):
            if str(field.data or "") not in self.allowed[field.name]:
                field.errors = [*field.errors, CHOOSE[field.name]]
                valid = False
        for field in (self.date_from, self.date_to):
            if field.errors:  # WTForms says "Not a valid date value."
                field.errors = [f"Enter the '{field.label.text.lower()}' date as a real date"]
        start, end = self.date_from.data, self.date_to.data
        if valid and start and end and end < start:
            self.date_to.errors = ["The 'to' date must be the same as or after the 'from' date"]
            return False
        return valid

    def by_heading(self) -> str:
        """The chosen grouping as the end of "Change per ...": "term", "answer to “...”"."""
        value = str(self.by.data or "organisation")
        if value in BY_WORDS:
            return BY_WORDS[value].lower()
        return "answer to “" + self.by_labels.get(value, value).removeprefix(ANSWER_TO) + "”"

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


def _answer_choices(registry: Registry, qid: object) -> list[tuple[str, str]]:
    """A split by the answer to each single-choice item of the chosen questionnaire."""
    if not isinstance(qid, str) or qid not in registry.ids():
        return []
    q = registry.latest(qid)
    lang = "en" if "en" in q.languages else q.languages[0]
    return [(ANSWER_PREFIX + item.id, ANSWER_TO + item.text.get(lang, item.id).strip())
            for item in single_choice_items(q)]  # fmt: skip


def _same(names: list[str]) -> list[tuple[str, str]]:
    return [(name, name) for name in names]


def _title(registry: Registry, qid: str) -> str:
    q = registry.latest(qid)
    return q.title.get("en", q.title[q.languages[0]])
