"""WTForms fields for answers. Each one knows the value it contributes to a stored response.

The fields never render themselves: a template partial per item type draws the markup, so the
page stays small and follows GOV.UK patterns exactly.
"""

from __future__ import annotations

import re
from typing import Any

from wtforms import Field
from wtforms.validators import StopValidation, ValidationError

from ..questionnaire.schema import Option

_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,9}")


def _to_int(raw: str) -> int | None:
    """A strict int: '4' yes, ' 4 ' yes, '4.0', '٤', '1_0' or '' no (None)."""
    text = raw.strip()
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


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


class MultiChoiceAnswerField(AnswerField):
    """Any number of options (checkboxes), stored as a list of ints in the order shown."""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = [_to_int(raw) for raw in valuelist if raw.strip()]

    def is_checked(self, value: int) -> bool:
        return value in (self.data or [])

    @property
    def answer(self) -> list[int] | None:
        chosen = set(self.data or [])
        ordered = [option.value for option in self.options if option.value in chosen]
        return ordered or None


class TextAnswerField(AnswerField):
    """Short free text, trimmed; an empty box is no answer."""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.data = valuelist[0].strip() if valuelist else ""

    @property
    def answer(self) -> str | None:
        return self.data or None


class NumberAnswerField(AnswerField):
    """A whole number typed in a text box; `raw` keeps what was typed for the form shown again."""

    raw = ""

    def process_formdata(self, valuelist: list[str]) -> None:
        self.raw = valuelist[0].strip() if valuelist else ""
        self.data = _to_int(self.raw) if self.raw else None


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


class WholeNumber:
    """A whole number, within the item's min and max when it has them."""

    def __init__(self, message: str, low: int | None, high: int | None, range_message: str):
        self.message, self.low, self.high, self.range_message = message, low, high, range_message

    def __call__(self, form, field: NumberAnswerField) -> None:
        if field.data is None:
            raise ValidationError(self.message)
        too_low = self.low is not None and field.data < self.low
        too_high = self.high is not None and field.data > self.high
        if too_low or too_high:
            raise ValidationError(self.range_message)
