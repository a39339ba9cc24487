"""A question's field: the one answer field, driven by the item's type (survey_app/itemtypes/)."""

from __future__ import annotations

from wtforms.fields.core import UnboundField

from ..itemtypes import item_type
from ..questionnaire.schema import Item, ResponseSet
from .fields import ParsedAnswerField


def build_field(item: Item, response_set: ResponseSet | None, language: str) -> UnboundField:
    """The field for one item; KeyError names a type that is not registered."""
    kind = item_type(item.type)
    messages = kind.messages(item, item.text[language])  # once per form class, not per request
    return ParsedAnswerField(kind, item, response_set, language, messages=messages)
