"""The registry of question types: one `ItemType` object per type (see base.py).

Adding a type means adding its class (here or in a new module), registering it below, and its
partial `templates/respond/items/<name>.html`; tests/integration/test_item_types.py then takes
it through the form, the paper import, storage and export.
"""

from __future__ import annotations

from .base import WHOLE_NUMBER, AnswerError, ItemType
from .choice import Agreement, Frequency, MultipleChoice, SingleChoice, Smiley
from .typed import Number, Text

REGISTRY: dict[str, ItemType] = {
    t.name: t
    for t in (
        SingleChoice(),
        Agreement(),
        Frequency(),
        Smiley(),
        MultipleChoice(),
        Number(),
        Text(),
    )
}


def item_type(name: str) -> ItemType:
    """The type object for a type name; KeyError names an unknown type."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise KeyError(f"no item type '{name}'") from None


__all__ = ["REGISTRY", "WHOLE_NUMBER", "AnswerError", "ItemType", "item_type"]
