"""Plain fields for the shared-device matching code's three questions (respond/match_code.py).

They are not questionnaire items, so they have no item type; their messages are their own.
"""

from __future__ import annotations

from typing import Any

from wtforms import Field
from wtforms.validators import StopValidation, ValidationError

from ..itemtypes import WHOLE_NUMBER
from ..questionnaire.schema import Option


def _to_int(raw: str) -> int | None:
    text = raw.strip()
    return int(text) if WHOLE_NUMBER.fullmatch(text) else None


class AnswerField(Field):
    """Base: `answer` is what is stored, or None when the question was left unanswered."""

    def __init__(self, label: str, validators=None, *, options: tuple[Option, ...] = (), **kw):
        super().__init__(label, validators, **kw)
        self.options = options

    @property
    def answer(self) -> Any:
        return self.data


class ChoiceAnswerField(AnswerField):
    """One option of a response set, as its int value (radios)."""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = _to_int(valuelist[0]) if valuelist and valuelist[0].strip() else None

    def is_checked(self, value: int) -> bool:
        return self.data == value


class TextAnswerField(AnswerField):
    """Short free text, trimmed; an empty box is no answer."""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = valuelist[0].strip() if valuelist else ""

    @property
    def answer(self) -> str | None:
        return self.data or None


class Answered:
    """Required: at least one non-blank value was sent. Stops the other checks when not."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field: AnswerField) -> None:
        if not any(isinstance(raw, str) and raw.strip() for raw in field.raw_data or []):
            field.errors[:] = []
            raise StopValidation(self.message)


class InResponseSet:
    """Every submitted value must be an option of the item's response set."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field: AnswerField) -> None:
        allowed = {option.value for option in field.options}
        values = field.data if isinstance(field.data, list) else [field.data]
        if any(value not in allowed for value in values):
            raise ValidationError(self.message)
