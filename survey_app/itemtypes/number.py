"""Number: a whole number typed in a box (the rule is base.WHOLE_NUMBER)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import N_, AnswerError, ItemType, whole_number

if TYPE_CHECKING:
    from ..questionnaire.schema import Item, ResponseSet


class Number(ItemType):
    """A whole number, within the item's min and max when it has them."""

    name = "number"

    def parse(self, values: list[str], item: Item, response_set: ResponseSet | None) -> int:
        value = whole_number(values[0] if values else "")
        if (item.min is not None and value < item.min) or (
            item.max is not None and value > item.max
        ):
            low = "" if item.min is None else f"from {item.min} "
            high = "" if item.max is None else f"to {item.max}"
            message = f"{value} is outside the allowed range {low}{high}".rstrip()
            raise AnswerError("out_of_range", message)
        return value

    def codebook_values(self, item: Item, response_set: ResponseSet | None, lang: str) -> str:
        return f"a number from {item.min} to {item.max}"

    def messages(self, item: Item) -> dict[str, str]:
        if item.min is not None and item.max is not None:
            in_range = N_("Enter a number from %(min)s to %(max)s for: %(question)s")
        elif item.min is not None:
            in_range = N_("Enter a number of %(min)s or more for: %(question)s")
        else:
            in_range = N_("Enter a number of %(max)s or less for: %(question)s")
        return {
            "required": N_("Enter a number for: %(question)s"),
            "not_a_number": N_("Enter a whole number, like 5, for: %(question)s"),
            "out_of_range": in_range,
        }


ITEM_TYPE = Number()
