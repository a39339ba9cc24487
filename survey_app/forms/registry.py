"""The registry from question type to field builder: one small builder per type.

A builder takes an item, its response set (or None) and the language, and returns an unbound
WTForms field with its validators. Adding a question type means adding one builder here and one
template partial, `templates/respond/items/<type>.html`.
"""

from __future__ import annotations

from collections.abc import Callable

from wtforms.fields.core import UnboundField

from ..questionnaire.schema import Item, ResponseSet

FieldBuilder = Callable[[Item, ResponseSet | None, str], UnboundField]
FIELD_BUILDERS: dict[str, FieldBuilder] = {}


def builds(item_type: str) -> Callable[[FieldBuilder], FieldBuilder]:
    """Register the decorated function as the builder for one item type."""

    def register(builder: FieldBuilder) -> FieldBuilder:
        FIELD_BUILDERS[item_type] = builder
        return builder

    return register


def build_field(item: Item, response_set: ResponseSet | None, language: str) -> UnboundField:
    """The field for one item; KeyError names a type that has no builder."""
    try:
        builder = FIELD_BUILDERS[item.type]
    except KeyError:
        raise KeyError(f"no field builder for item type '{item.type}'") from None
    return builder(item, response_set, language)
