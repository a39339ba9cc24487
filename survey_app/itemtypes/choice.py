"""The choice types: one answer from a response set, or several."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from .base import AnswerError, ItemType, whole_number

if TYPE_CHECKING:
    from ..questionnaire.schema import Item, ResponseSet


def _option(typed: str, response_set: ResponseSet) -> int:
    try:
        value = whole_number(typed)
    except AnswerError:
        value = None
    if value not in response_set.values:
        allowed = ", ".join(str(v) for v in response_set.values)
        raise AnswerError("not_an_option", f"'{typed}' is not one of its answers ({allowed})")
    return value


class OneOf(ItemType):
    """One option of a response set, stored as its int value (radios)."""

    def parse(self, values: list[str], item: Item, response_set: ResponseSet | None) -> int:
        assert response_set is not None, f"{item.id}: the loader gives a {self.name} its set"
        if len(values) != 1:
            raise AnswerError("not_an_option", "choose one answer only")
        return _option(values[0], response_set)

    def messages(self, item: Item, question: str) -> dict[str, str]:
        return {
            "required": f"Select an answer for: {question}",
            "not_an_option": f"Select one of the answers shown for: {question}",
        }


class SingleChoice(OneOf):
    name = "single_choice"
    response_kinds: ClassVar = frozenset({"choice", "agreement", "frequency"})


class Agreement(OneOf):
    name = "agreement"
    response_kinds: ClassVar = frozenset({"agreement"})
    scored = True
    agreement = True


class Frequency(OneOf):
    name = "frequency"
    response_kinds: ClassVar = frozenset({"frequency"})
    scored = True


class Smiley(OneOf):
    name = "smiley"
    response_kinds: ClassVar = frozenset({"smiley"})
    scored = True
    agreement = True


class MultipleChoice(ItemType):
    """Any number of options (checkboxes; on paper `1;3`), stored in the order shown."""

    name = "multiple_choice"
    response_kinds: ClassVar = frozenset({"choice"})

    def split_cell(self, typed: str) -> list[str]:
        return [part for part in (p.strip() for p in typed.split(";")) if part]

    def parse(self, values: list[str], item: Item, response_set: ResponseSet | None) -> list[int]:
        assert response_set is not None, f"{item.id}: the loader gives a {self.name} its set"
        chosen = [_option(v, response_set) for v in values if v.strip()]
        if len(set(chosen)) != len(chosen):
            raise AnswerError("repeated", f"'{';'.join(values)}' lists an answer twice")
        if not chosen:
            raise AnswerError("not_an_option", "list the answers with semicolons, like 1;3")
        return [value for value in response_set.values if value in chosen]

    def messages(self, item: Item, question: str) -> dict[str, str]:
        return {
            "required": f"Select at least one answer for: {question}",
            "not_an_option": f"Select only answers shown for: {question}",
            "repeated": f"Select only answers shown for: {question}",
        }
