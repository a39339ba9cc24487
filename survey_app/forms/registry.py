"""A question's field: the one answer field, driven by the item's type (survey_app/itemtypes/)."""

from __future__ import annotations

from wtforms.fields.core import UnboundField

from ..i18n import gettext_in
from ..itemtypes import ItemType, item_type
from ..questionnaire.schema import Item, ResponseSet
from .fields import ParsedAnswerField


def build_field(item: Item, response_set: ResponseSet | None, language: str) -> UnboundField:
    """The field for one item; KeyError names a type that is not registered."""
    kind = item_type(item.type)
    messages = form_messages(kind, item, language)
    return ParsedAnswerField(kind, item, response_set, language, messages=messages)


def form_messages(kind: ItemType, item: Item, language: str) -> dict[str, str]:
    """The item type's error messages in `language`, about this item. Form classes are built
    once per language (questionnaire_form.py), so no request pays for translating them."""
    variables = {
        "question": item.text[language],
        "min": item.min,
        "max": item.max,
        "limit": item.max_length,
    }
    return {
        reason: gettext_in(language, message, **variables)
        for reason, message in kind.messages(item).items()
    }
