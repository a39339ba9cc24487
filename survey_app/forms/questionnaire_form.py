"""A form class for one questionnaire version, phase and language, built from the registry."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm

from ..questionnaire.schema import Item, Questionnaire
from .registry import build_field

# Item ids become field names behind a prefix, so no item id can clash with a form attribute
# (`data`, `errors`, `meta`...) or with the form's own fields (`csrf_token`, `response_id`).
FIELD_PREFIX = "q_"

_classes: dict[tuple, type[FlaskForm]] = {}


def field_name(item_id: str) -> str:
    """The form field (and HTML name) for an item id: `belong_area` -> `q_belong_area`."""
    return FIELD_PREFIX + item_id


def build_form_class(
    questionnaire: Questionnaire, phase: str, language: str, base: type[FlaskForm] = FlaskForm
) -> type[FlaskForm]:
    """A FlaskForm subclass of `base` with one field per item of `phase`, labelled in `language`.

    Versions are immutable, so each class is built once and reused.
    """
    translated = questionnaire.translations.get(language)
    key = (
        questionnaire.id,
        questionnaire.version,
        questionnaire.content_hash,
        translated.content_hash if translated else "",
        phase,
        language,
        base,
    )
    if key not in _classes:
        fields = {
            field_name(item.id): build_field(item, questionnaire.response_set_of(item), language)
            for item in questionnaire.items_for(phase)
        }
        name = f"{questionnaire.id}_v{questionnaire.version}_{phase}_{language}".replace("-", "_")
        _classes[key] = type(name, (base,), fields)
    return _classes[key]


def answers_from(form: FlaskForm, items: tuple[Item, ...]) -> dict[str, Any]:
    """{item_id: value} for the answered items only: ints, a list of ints, a str or an int."""
    answers = {}
    for item in items:
        value = form[field_name(item.id)].answer
        if value is not None:
            answers[item.id] = value
    return answers
