"""Multiple choice: any number of options (checkboxes; on paper `1;3`), kept in the order shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .base import N_, AnswerError, ItemType
from .choice import option_value

if TYPE_CHECKING:
    from ..questionnaire.schema import Item, ResponseSet


class MultipleChoice(ItemType):
    """Any number of options (checkboxes; on paper `1;3`), stored in the order shown."""

    name = "multiple_choice"
    response_kinds: ClassVar = frozenset({"choice"})

    def split_cell(self, typed: str) -> list[str]:
        return [part for part in (p.strip() for p in typed.split(";")) if part]

    def parse(self, values: list[str], item: Item, response_set: ResponseSet | None) -> list[int]:
        assert response_set is not None, f"{item.id}: the loader gives a {self.name} its set"
        chosen = [option_value(v, response_set) for v in values if v.strip()]
        if len(set(chosen)) != len(chosen):
            raise AnswerError("repeated", f"'{';'.join(values)}' lists an answer twice")
        if not chosen:
            raise AnswerError("not_an_option", "list the answers with semicolons, like 1;3")
        return [value for value in response_set.values if value in chosen]

    def messages(self, item: Item) -> dict[str, str]:
        return {
            "required": N_("Select at least one answer for: %(question)s"),
            "not_an_option": N_("Select only answers shown for: %(question)s"),
            "repeated": N_("Select only answers shown for: %(question)s"),
        }


ITEM_TYPE = MultipleChoice()
