"""Text: short free text a person wrote."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import N_, AnswerError, ItemType

if TYPE_CHECKING:
    from ..questionnaire.schema import Item, ResponseSet


class Text(ItemType):
    """Short free text, trimmed; gated in exports and checked by safeguarding."""

    name = "text"
    free_text = True

    def parse(self, values: list[str], item: Item, response_set: ResponseSet | None) -> str:
        text = (values[0] if values else "").strip()
        if len(text) > item.max_length:
            raise AnswerError("too_long", f"use {item.max_length} characters or fewer")
        return text

    def messages(self, item: Item) -> dict[str, str]:
        return {
            "required": N_("Enter an answer for: %(question)s"),
            "too_long": N_("Use %(limit)s characters or fewer for: %(question)s"),
        }


ITEM_TYPE = Text()
