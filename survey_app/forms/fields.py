"""The one WTForms field of every answer: it parses with its item type's own parser.

The field never renders itself: the item type's partial draws the markup, so the page stays
small and follows GOV.UK patterns exactly. What it accepts is decided by
`ItemType.parse`, the same code the paper import calls, so a tablet and a paper sheet give
every value the same verdict.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wtforms import Field

from ..itemtypes import AnswerError

if TYPE_CHECKING:
    from ..itemtypes import ItemType
    from ..questionnaire.schema import Item, ResponseSet


class ParsedAnswerField(Field):
    """`answer` is what is stored, or None when the question was left unanswered."""

    def __init__(
        self,
        item_type: ItemType,
        item: Item,
        response_set: ResponseSet | None,
        language: str,
        messages: dict[str, str],
        **kwargs: Any,
    ):
        super().__init__(item.text[language], **kwargs)
        self.item_type, self.item, self.response_set = item_type, item, response_set
        self.options = response_set.options if response_set else ()
        self.messages = messages  # in the page's language, made once per form class
        self.values: list[str] = []
        self.answer: Any = None

    def process_formdata(self, valuelist: list[str]) -> None:
        self.values = [v for v in valuelist if isinstance(v, str)]

    @property
    def raw(self) -> str:
        """What was typed, to show it again (number and text boxes)."""
        return self.values[0].strip() if self.values else ""

    def is_checked(self, value: int) -> bool:
        answered = self.answer if isinstance(self.answer, list) else [self.answer]
        return value in answered or str(value) in (v.strip() for v in self.values)

    def pre_validate(self, form: Any) -> None:
        self.answer = None
        if not any(v.strip() for v in self.values):
            if not self.item.optional:
                self.errors.append(self.messages["required"])
            return
        try:
            self.answer = self.item_type.parse(self.values, self.item, self.response_set)
        except AnswerError as exc:
            self.errors.append(self.messages.get(exc.reason, str(exc)))
