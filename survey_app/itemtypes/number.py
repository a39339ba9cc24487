"""Number: a whole number typed in a box (the rule is base.WHOLE_NUMBER)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import AnswerError, ItemType, whole_number

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

    def messages(self, item: Item, question: str) -> dict[str, str]:
        if item.min is not None and item.max is not None:
            in_range = f"Enter a number from {item.min} to {item.max} for: {question}"
        elif item.min is not None:
            in_range = f"Enter a number of {item.min} or more for: {question}"
        else:
            in_range = f"Enter a number of {item.max} or less for: {question}"
        return {
            "required": f"Enter a number for: {question}",
            "not_a_number": f"Enter a whole number, like 5, for: {question}",
            "out_of_range": in_range,
        }


ITEM_TYPE = Number()
