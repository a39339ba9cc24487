"""What every question type is: one object that owns its schema rules, its one parser (used by
the web form and the paper import alike), its form messages, its export wording and its partial.

It imports neither Flask nor WTForms, so the questionnaire schema and the paper import use it
without a web framework. The pupil's form has one field class for every type
(`forms.fields.ParsedAnswerField`), which asks the item's type to parse and word its errors.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from ..questionnaire.schema import Item, ResponseSet

# One rule for a typed whole number, on a tablet and on paper: an optional sign and at most nine
# ASCII digits (so it fits every database's integer), spaces around it ignored. "+5", "-0" and
# " 5 " are numbers; "5.0", "٥", "５", "1_0" and "1e3" are not.
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,9}")


def N_(message: str) -> str:
    """Marks a form message for the interface catalogue (survey_app/translations/); the pupil's
    form translates it (forms/registry.py). This package imports no Flask, so not Flask-Babel."""
    return message


class AnswerError(ValueError):
    """Why a typed or submitted value cannot be stored: `reason` for the form's GOV.UK message,
    the text for the person who typed a paper cell."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason


def whole_number(typed: str) -> int:
    """The int of a typed whole number. The pattern is checked before `int()`, so a cell of 5000
    digits is an AnswerError like any other typo, never Python's digit-limit ValueError."""
    text = typed.strip()
    if not WHOLE_NUMBER.fullmatch(text):
        raise AnswerError("not_a_number", f"'{shortened(typed)}' is not a whole number")
    return int(text)


def shortened(typed: str, limit: int = 20) -> str:
    """What someone typed, cut short for a message: a 5000-character cell is not repeated."""
    return typed if len(typed) <= limit else f"{typed[:limit]}... ({len(typed):,} characters)"


class ItemType:
    """One question type. Subclasses set the class attributes and override what differs."""

    name: ClassVar[str]
    # The response-set kinds it takes; None when it takes no response set.
    response_kinds: ClassVar[frozenset[str] | None] = None
    scored: ClassVar[bool] = False  # numbers on an ordered scale: averaged, may be reversed
    agreement: ClassVar[bool] = False  # its top two values mean "agrees"
    free_text: ClassVar[bool] = False  # words a person wrote: gated in exports
    faces: ClassVar[bool] = False  # drawn with the smiley faces (their styles join the page)

    @property
    def partial(self) -> str:
        """The template that draws it on the pupil's form."""
        return f"respond/items/{self.name}.html"

    def split_cell(self, typed: str) -> list[str]:
        """A paper cell as the values a form would have sent."""
        return [typed]

    def parse(self, values: list[str], item: Item, response_set: ResponseSet | None) -> Any:
        """The value stored for these submitted (or typed) values; AnswerError when not
        storable. Only called for an answered question: some value is not blank."""
        raise NotImplementedError

    def codebook_values(self, item: Item, response_set: ResponseSet | None, lang: str) -> str:
        """How an export's codebook describes the values."""
        if response_set is None:
            return ""
        return "; ".join(f"{o.value} = {o.label.get(lang, '')}" for o in response_set.options)

    def messages(self, item: Item) -> dict[str, str]:
        """The form's GOV.UK Design System messages: `required`, and one per AnswerError reason.

        English catalogue messages, translated by the form, which fills in %(question)s (the
        question in the page's language), %(min)s, %(max)s and %(limit)s (the item's limits)."""
        return {"required": N_("Select an answer for: %(question)s")}
