"""One field builder per item type. Messages follow the GOV.UK Design System's wording."""

from __future__ import annotations

from wtforms.fields.core import UnboundField
from wtforms.validators import Length, Optional

from ..questionnaire.schema import Item, ResponseSet
from .fields import (
    Answered,
    ChoiceAnswerField,
    InResponseSet,
    MultiChoiceAnswerField,
    NumberAnswerField,
    TextAnswerField,
    WholeNumber,
)
from .registry import builds


def _presence(item: Item, required_message: str) -> list:
    """Optional items may be left empty; required ones say what to do."""
    return [Optional()] if item.optional else [Answered(required_message)]


# Every single-answer type is the same field; the templates differ (faces, scales, plain list).
@builds("single_choice")
@builds("agreement")
@builds("frequency")
@builds("smiley")
def one_of(item: Item, response_set: ResponseSet | None, language: str) -> UnboundField:
    question = item.text[language]
    assert response_set is not None, f"{item.id}: a {item.type} item has a response set"
    return ChoiceAnswerField(
        question,
        _presence(item, f"Select an answer for: {question}")
        + [InResponseSet(f"Select one of the answers shown for: {question}")],
        options=response_set.options,
    )


@builds("multiple_choice")
def multiple_choice(item: Item, response_set: ResponseSet | None, language: str) -> UnboundField:
    question = item.text[language]
    assert response_set is not None, f"{item.id}: a multiple_choice item has a response set"
    return MultiChoiceAnswerField(
        question,
        _presence(item, f"Select at least one answer for: {question}")
        + [InResponseSet(f"Select only answers shown for: {question}")],
        options=response_set.options,
    )


@builds("text")
def text(item: Item, response_set: ResponseSet | None, language: str) -> UnboundField:
    question = item.text[language]
    limit = item.max_length
    return TextAnswerField(
        question,
        _presence(item, f"Enter an answer for: {question}")
        + [Length(max=limit, message=f"Use {limit} characters or fewer for: {question}")],
    )


@builds("number")
def number(item: Item, response_set: ResponseSet | None, language: str) -> UnboundField:
    question = item.text[language]
    return NumberAnswerField(
        question,
        _presence(item, f"Enter a number for: {question}")
        + [
            WholeNumber(
                f"Enter a whole number, like 5, for: {question}",
                item.min,
                item.max,
                _range_message(item, question),
            )
        ],
    )


def _range_message(item: Item, question: str) -> str:
    if item.min is not None and item.max is not None:
        return f"Enter a number from {item.min} to {item.max} for: {question}"
    if item.min is not None:
        return f"Enter a number of {item.min} or more for: {question}"
    return f"Enter a number of {item.max} or less for: {question}"
