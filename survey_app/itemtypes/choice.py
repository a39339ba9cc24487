"""What the choice types share: one option of a response set, read as its int value.

Not a type itself (it declares no ITEM_TYPE); each choice type is its own module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import N_, AnswerError, ItemType, shortened, whole_number

if TYPE_CHECKING:
    from ..questionnaire.schema import Item, ResponseSet


def option_value(typed: str, response_set: ResponseSet) -> int:
    """The int value of one option typed or sent, or AnswerError naming the allowed ones."""
    try:
        value = whole_number(typed)
    except AnswerError:
        value = None
    if value not in response_set.values:
        allowed = ", ".join(str(v) for v in response_set.values)
        message = f"'{shortened(typed)}' is not one of its answers ({allowed})"
        raise AnswerError("not_an_option", message)
    return value


class OneOf(ItemType):
    """One option of a response set, stored as its int value (radios)."""

    def parse(self, values: list[str], item: Item, response_set: ResponseSet | None) -> int:
        assert response_set is not None, f"{item.id}: the loader gives a {self.name} its set"
        if len(values) != 1:
            raise AnswerError("not_an_option", "choose one answer only")
        return option_value(values[0], response_set)

    def messages(self, item: Item) -> dict[str, str]:
        return {
            "required": N_("Select an answer for: %(question)s"),
            "not_an_option": N_("Select one of the answers shown for: %(question)s"),
        }
