"""WTForms built from a questionnaire: one field per item, built by the item's type."""

from .questionnaire_form import FIELD_PREFIX, answers_from, build_form_class, field_name
from .registry import build_field

__all__ = ["FIELD_PREFIX", "answers_from", "build_field", "build_form_class", "field_name"]
