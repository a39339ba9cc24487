"""WTForms built from a questionnaire: a registry from question type to field builder."""

from .questionnaire_form import FIELD_PREFIX, answers_from, build_form_class, field_name
from .registry import FIELD_BUILDERS, build_field, builds

__all__ = [
    "FIELD_BUILDERS",
    "FIELD_PREFIX",
    "answers_from",
    "build_field",
    "build_form_class",
    "builds",
    "field_name",
]
